/** ksm-sim report FILE... [--out report.html]: result documents and time series as one HTML report. */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { renderReport, resultSections, type Section, type SeriesLike, seriesSections } from "@ksm-sim/report";
import { loadResultDocument } from "@ksm-sim/scenario";
import { type Parsed, UsageError } from "./args.js";
import { type Outcome, readJson } from "./commands.js";

export function reportCommand(args: Parsed): Outcome {
  if (args.files.length === 0) throw new UsageError("report takes one or more result or series JSON files");
  const out = (args.flags.get("--out") as string | undefined) ?? "report.html";
  const sections: Section[] = [];
  args.files.forEach((file, i) => {
    const doc = readJson(file);
    if (typeof doc === "object" && doc !== null && "samples" in doc) {
      const s = doc as SeriesLike;
      if (!Array.isArray(s.samples)) throw new UsageError(`${file}: samples must be an array`);
      sections.push(...seriesSections(s, file, `s${i}`));
      return;
    }
    const loaded = loadResultDocument(doc);
    if (!loaded.ok) throw new UsageError(`${file}: ${loaded.errors[0]!.message}`);
    sections.push(...resultSections(loaded.result, `r${i}`));
  });
  const html = renderReport({ title: "ksm-sim report", subtitle: args.files.join(", "), sections });
  try {
    writeFileSync(out, html);
  } catch (e) {
    throw new UsageError(`--out: cannot write ${out}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  return { code: 0, stdout: `${resolve(out)}\n`, stderr: "" };
}
