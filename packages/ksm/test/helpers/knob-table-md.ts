/** The README's knob table, rendered from the knob table (src/sysfs/table.ts). */
import { KNOB_NAMES, KNOBS, type KnobName, type StoreRule, showKnob } from "../../src/index.js";

/** The store's rules in words, in the kernel's order. */
function rules(r: StoreRule): string {
  const out: string[] = [];
  if (r.refusedUnderAdvisor) out.push("EINVAL while `advisor_mode` is not `none` (before parsing)");
  if (r.parser === "sysfs_streq") out.push(`${(r.words ?? []).map((w) => `\`${w}\``).join(" or ")}, else EINVAL`);
  else if (r.parseErrno === "as-is") out.push(`${r.parser}'s EINVAL or ERANGE returned as is`);
  else out.push("parse error → EINVAL");
  if (r.min !== undefined) out.push(`< ${r.min} → EINVAL`);
  if (r.max !== undefined) out.push(`> ${r.max} → EINVAL`);
  for (const s of r.stateful) out.push(`${s.errno} when ${s.when}`);
  return out.join("; ");
}

/** How the text is parsed and stored. */
function parse(r: StoreRule): string {
  const low32 = r.parser === "kstrtoul" && r.ctype === "unsigned int" && r.max === undefined ? " (low 32 bits)" : "";
  return `\`${r.parser}\` → ${r.ctype}${low32}`;
}

function row(knob: KnobName): string {
  const spec = KNOBS[knob];
  const def = showKnob(knob, spec.default as never).trim();
  const store = spec.store;
  const cells = [
    `\`${knob}\``,
    spec.mode.toString(8).padStart(4, "0"),
    spec.since,
    `\`${def}\``,
    `\`${spec.format}\``,
    store === null ? "—" : parse(store),
    store === null ? "EACCES (read-only, at open)" : rules(store),
  ];
  return `| ${cells.join(" | ")} |`;
}

/** The table as the README carries it, between its markers. */
export function knobTableMarkdown(): string {
  return [
    "| file | mode | since | default | show | store parses with | store's checks and errnos |",
    "| --- | --- | --- | --- | --- | --- | --- |",
    ...KNOB_NAMES.map(row),
  ].join("\n");
}

export const TABLE_START =
  "<!-- knob-table:start (generated from src/sysfs/table.ts; test/sysfs-readme.test.ts checks it) -->";
export const TABLE_END = "<!-- knob-table:end -->";
