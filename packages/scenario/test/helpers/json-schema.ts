/**
 * A small JSON Schema (draft 2020-12) evaluator, enough for schema.json and
 * no more: it throws on any keyword it does not implement, so the published
 * schema can only use keywords these tests really check.
 */

type Schema = boolean | Record<string, unknown>;

/** A place where the instance failed, with the keyword that rejected it. */
export interface SchemaError {
  instancePath: string;
  keyword: string;
}

const ANNOTATIONS = new Set(["$schema", "$id", "title", "description", "$comment", "$defs"]);
const KEYWORDS = new Set([
  "type",
  "const",
  "enum",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "minItems",
  "maxItems",
  "minimum",
  "maximum",
  "multipleOf",
  "minLength",
  "maxLength",
  "pattern",
  "anyOf",
  "allOf",
  "oneOf",
  "not",
  "if",
  "then",
  "else",
  "$ref",
]);

function jsonType(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b;
  if (jsonType(a) !== jsonType(b)) return false;
  if (Array.isArray(a))
    return a.length === (b as unknown[]).length && a.every((x, i) => deepEqual(x, (b as unknown[])[i]));
  if (typeof a === "object" && a !== null) {
    const ka = Object.keys(a);
    const ob = b as Record<string, unknown>;
    return (
      ka.length === Object.keys(ob).length &&
      ka.every((k) => k in ob && deepEqual((a as Record<string, unknown>)[k], ob[k]))
    );
  }
  return a === b;
}

function hasType(v: unknown, t: string): boolean {
  switch (t) {
    case "integer":
      return typeof v === "number" && Number.isInteger(v);
    case "number":
      return typeof v === "number" && Number.isFinite(v);
    default:
      return jsonType(v) === t;
  }
}

export class JsonSchema {
  readonly #root: Record<string, unknown>;
  readonly #patterns = new Map<string, RegExp>();

  constructor(root: Record<string, unknown>) {
    this.#root = root;
  }

  /** Errors of `instance` against the root schema (empty when valid). */
  validate(instance: unknown): SchemaError[] {
    const errors: SchemaError[] = [];
    this.#eval(this.#root, instance, "", errors);
    return errors;
  }

  #resolve(ref: string): Schema {
    if (!ref.startsWith("#/")) throw new Error(`unsupported $ref ${ref}`);
    let node: unknown = this.#root;
    for (const part of ref.slice(2).split("/")) {
      node = (node as Record<string, unknown>)[part.replace(/~1/g, "/").replace(/~0/g, "~")];
      if (node === undefined) throw new Error(`dangling $ref ${ref}`);
    }
    return node as Schema;
  }

  #regex(p: string): RegExp {
    let r = this.#patterns.get(p);
    if (r === undefined) {
      r = new RegExp(p, "u");
      this.#patterns.set(p, r);
    }
    return r;
  }

  /** True when valid; pushes errors otherwise. */
  #eval(schema: Schema, v: unknown, path: string, errors: SchemaError[]): boolean {
    if (schema === true) return true;
    if (schema === false) {
      errors.push({ instancePath: path, keyword: "false" });
      return false;
    }
    for (const k of Object.keys(schema)) {
      if (!KEYWORDS.has(k) && !ANNOTATIONS.has(k)) throw new Error(`schema keyword ${k} is not implemented`);
    }
    const before = errors.length;
    const fail = (keyword: string, at = path) => errors.push({ instancePath: at, keyword });
    const s = schema as Record<string, unknown>;

    if (s.$ref !== undefined) this.#eval(this.#resolve(s.$ref as string), v, path, errors);
    if (s.type !== undefined) {
      const types = Array.isArray(s.type) ? (s.type as string[]) : [s.type as string];
      if (!types.some((t) => hasType(v, t))) fail("type");
    }
    if ("const" in s && !deepEqual(v, s.const)) fail("const");
    if (s.enum !== undefined && !(s.enum as unknown[]).some((e) => deepEqual(v, e))) fail("enum");

    if (typeof v === "number") {
      if (typeof s.minimum === "number" && v < s.minimum) fail("minimum");
      if (typeof s.maximum === "number" && v > s.maximum) fail("maximum");
      if (typeof s.multipleOf === "number" && !Number.isInteger(v / s.multipleOf)) fail("multipleOf");
    }
    if (typeof v === "string") {
      const len = [...v].length;
      if (typeof s.minLength === "number" && len < s.minLength) fail("minLength");
      if (typeof s.maxLength === "number" && len > s.maxLength) fail("maxLength");
      if (typeof s.pattern === "string" && !this.#regex(s.pattern).test(v)) fail("pattern");
    }
    if (Array.isArray(v)) {
      if (typeof s.minItems === "number" && v.length < s.minItems) fail("minItems");
      if (typeof s.maxItems === "number" && v.length > s.maxItems) fail("maxItems");
      if (s.items !== undefined)
        for (const [i, x] of v.entries()) this.#eval(s.items as Schema, x, `${path}/${i}`, errors);
    }
    if (jsonType(v) === "object") {
      const o = v as Record<string, unknown>;
      const props = (s.properties ?? {}) as Record<string, Schema>;
      for (const r of (s.required ?? []) as string[]) if (!(r in o)) fail("required", `${path}/${r}`);
      for (const [k, x] of Object.entries(o)) {
        if (k in props) this.#eval(props[k]!, x, `${path}/${k}`, errors);
        else if (s.additionalProperties !== undefined) {
          this.#eval(s.additionalProperties as Schema, x, `${path}/${k}`, errors);
        }
      }
    }

    const quiet = (sub: Schema) => this.#eval(sub, v, path, []);
    if (s.allOf !== undefined) for (const sub of s.allOf as Schema[]) this.#eval(sub, v, path, errors);
    if (s.anyOf !== undefined && !(s.anyOf as Schema[]).some(quiet)) fail("anyOf");
    if (s.oneOf !== undefined && (s.oneOf as Schema[]).filter(quiet).length !== 1) fail("oneOf");
    if (s.not !== undefined && quiet(s.not as Schema)) fail("not");
    if (s.if !== undefined) {
      if (quiet(s.if as Schema)) {
        if (s.then !== undefined) this.#eval(s.then as Schema, v, path, errors);
      } else if (s.else !== undefined) this.#eval(s.else as Schema, v, path, errors);
    }
    return errors.length === before;
  }
}
