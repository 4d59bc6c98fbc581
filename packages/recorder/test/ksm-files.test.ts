/** The recorder's knob files are @ksm-sim/ksm's knob table: which files it saves and resets, and to what. */
import { KNOB_DEFAULTS, KNOBS, knobWriteText, showKnob, WRITABLE_KNOB_NAMES } from "@ksm-sim/ksm";
import { describe, expect, it } from "vitest";
import { KsmFiles, RESET_WRITES } from "../src/index.js";
import { FakeKernel } from "./fake-machine.js";

describe("RESET_WRITES", () => {
  it("names every writable file of the table but run, once, advisor_mode before pages_to_scan", () => {
    const names = RESET_WRITES.map(([k]) => k);
    expect([...names].sort()).toEqual(WRITABLE_KNOB_NAMES.filter((k) => k !== "run").sort());
    expect(names.indexOf("advisor_mode")).toBeLessThan(names.indexOf("pages_to_scan"));
  });

  it("writes each one's table default", () => {
    for (const [k, text] of RESET_WRITES) expect(text).toBe(knobWriteText(KNOB_DEFAULTS[k]));
  });
});

describe("KsmFiles on a kernel whose knobs are all off their defaults", () => {
  /** A fake kernel with every writable knob changed (the advisor on, so pages_to_scan is refused meanwhile). */
  function changed(): FakeKernel {
    const k = new FakeKernel();
    const set = (knob: string, text: string) => expect(k.ksm.sysfsWrite(knob, text)).toBe("ok");
    set("sleep_millisecs", "7");
    set("pages_to_scan", "9");
    set("merge_across_nodes", "0");
    set("max_page_sharing", "3");
    set("stable_node_chains_prune_millisecs", "11");
    set("use_zero_pages", "1");
    set("smart_scan", "0");
    set("advisor_max_cpu", "12");
    set("advisor_min_pages_to_scan", "13");
    set("advisor_max_pages_to_scan", "14");
    set("advisor_target_scan_time", "15");
    set("advisor_mode", "scan-time");
    for (const [knob] of RESET_WRITES)
      expect(k.knob(knob)).not.toBe(showKnob(knob, KNOBS[knob].default as never).trim());
    return k;
  }

  it("reset() puts every knob of the table back to its default", () => {
    const k = changed();
    new KsmFiles(k.machine().fs).reset();
    for (const knob of WRITABLE_KNOB_NAMES)
      expect(k.ksm.sysfsRead(knob)).toBe(showKnob(knob, KNOBS[knob].default as never));
  });

  it("saveKnobs() reads every writable file, restore() after a reset gives back what was there", () => {
    const k = changed();
    const files = new KsmFiles(k.machine().fs);
    const before = Object.fromEntries(WRITABLE_KNOB_NAMES.map((n) => [n, k.ksm.sysfsRead(n)]));
    const saved = files.saveKnobs();
    expect(Object.keys(saved).sort()).toEqual([...WRITABLE_KNOB_NAMES].sort());
    files.reset();
    files.restore(saved);
    const after = Object.fromEntries(WRITABLE_KNOB_NAMES.map((n) => [n, k.ksm.sysfsRead(n)]));
    // with the advisor on, pages_to_scan was advisor_min_pages_to_scan (13): restored last,
    // advisor_mode sets it back to that
    expect(after).toEqual(before);
  });
});
