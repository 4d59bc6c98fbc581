/**
 * What is wrong with an object that should be a TreeBackend
 * (@ksm-sim/tree's interface): `name`, `flags` and `create`, and
 * `createIndexed` when it is there. Only the members ksm-sim reads are
 * checked; a backend may carry more. Each problem is a phrase that follows
 * its subject: "the module's default export" + " has no create() function".
 */
import type { TreeBackend } from "@ksm-sim/tree";
import { show } from "./show.js";

const IDENTITIES = ["intrusive", "order-labels"];

/** The problems of `value` as a TreeBackend; empty when it is one. */
export function checkBackend(value: unknown): string[] {
  if (typeof value === "function")
    return ["is a function, not a backend object (a factory? export the backend it returns)"];
  if (typeof value !== "object" || value === null) return [`is not a backend object, got ${show(value)}`];
  if (Array.isArray(value)) return [`is an array, not a backend object, got ${show(value)}`];
  const problems: string[] = [];
  const read = (obj: object, key: string, path: string): { ok: true; value: unknown } | { ok: false } => {
    try {
      return { ok: true, value: (obj as Record<string, unknown>)[key] };
    } catch (e) {
      problems.push(`throws when its ${path} is read (${e instanceof Error ? e.message : show(e)})`);
      return { ok: false };
    }
  };

  const name = read(value, "name", "name");
  if (name.ok) {
    if (name.value === undefined) problems.push("has no name (a non-empty string)");
    else if (typeof name.value !== "string" || name.value === "")
      problems.push(`has a name that is not a non-empty string, got ${show(name.value)}`);
  }

  const flags = read(value, "flags", "flags");
  if (flags.ok) {
    const f = flags.value;
    if (f === undefined) problems.push("has no flags (an object of kernelShape, identity, persistent)");
    else if (typeof f !== "object" || f === null || Array.isArray(f))
      problems.push(`has flags that are not an object (kernelShape, identity, persistent), got ${show(f)}`);
    else {
      for (const key of ["kernelShape", "persistent"]) {
        const v = read(f, key, `flags.${key}`);
        if (!v.ok) continue;
        if (v.value === undefined) problems.push(`has no flags.${key} (true or false)`);
        else if (typeof v.value !== "boolean")
          problems.push(`has a flags.${key} that is not true or false, got ${show(v.value)}`);
      }
      const identity = read(f, "identity", "flags.identity");
      if (identity.ok && !IDENTITIES.includes(identity.value as string)) {
        problems.push(
          identity.value === undefined
            ? `has no flags.identity ("intrusive" or "order-labels")`
            : `has a flags.identity that is not "intrusive" or "order-labels", got ${show(identity.value)}`,
        );
      }
    }
  }

  const create = read(value, "create", "create");
  if (create.ok) {
    if (create.value === undefined) problems.push("has no create() function");
    else if (typeof create.value !== "function")
      problems.push(`has a create that is not a function, got ${show(create.value)}`);
  }
  const indexed = read(value, "createIndexed", "createIndexed");
  if (indexed.ok && indexed.value !== undefined && typeof indexed.value !== "function")
    problems.push(`has a createIndexed that is not a function (it is optional), got ${show(indexed.value)}`);
  return problems;
}

/** Whether `value` is a TreeBackend (checkBackend finds nothing wrong). */
export function isTreeBackend(value: unknown): value is TreeBackend {
  return checkBackend(value).length === 0;
}
