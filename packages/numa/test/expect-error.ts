import { expect } from "vitest";
import { NumaError, type NumaErrorCode } from "../src/index.js";

/** `fn` throws a NumaError with exactly this code, field and message. */
export function expectNumaError(fn: () => unknown, code: NumaErrorCode, field: string, message: string): void {
  let thrown: unknown;
  try {
    fn();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(NumaError);
  expect(thrown).toMatchObject({ name: "NumaError", code, field, message });
  expect(message.startsWith(`${field}: `)).toBe(true);
}
