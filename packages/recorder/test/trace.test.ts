import { describe, expect, it } from "vitest";
import { parseTrace } from "../src/index.js";

const TEXT = `# tracer: nop
#
#           TASK-PID     CPU#  |||||  TIMESTAMP  FUNCTION
            ksmd-48      [001] .....   812.000100: ksm_start_scan: seq 3 rmap size 16
            ksmd-48      [001] .....   812.000200: ksm_merge_one_page: ksm pfn 1a2b rmap_item ffff8881 mm ffff9000 error 0
            ksmd-48      [001] .....   812.000300: ksm_merge_with_ksm_page: pfn 1a2c rmap_item ffff8882 mm ffff9000 error 0
            ksmd-48      [001] .....   812.000400: ksm_remove_ksm_page: pfn 1a2b
            ksmd-48      [001] .....   812.000500: ksm_advisor: ksm scan time 1 pages_to_scan 500 cpu percent 3
`;

describe("parseTrace", () => {
  it("keeps the kernel's fields as key=value words, raw", () => {
    expect(parseTrace(TEXT)).toEqual([
      { t: 812.0001, event: "ksm_start_scan", args: "seq=3 size=16" },
      { t: 812.0002, event: "ksm_merge_one_page", args: "ksm pfn=1a2b rmap_item=ffff8881 mm=ffff9000 error=0" },
      { t: 812.0003, event: "ksm_merge_with_ksm_page", args: "pfn=1a2c rmap_item=ffff8882 mm=ffff9000 error=0" },
      { t: 812.0004, event: "ksm_remove_ksm_page", args: "pfn=1a2b" },
      { t: 812.0005, event: "ksm_advisor", args: "" },
    ]);
  });
});
