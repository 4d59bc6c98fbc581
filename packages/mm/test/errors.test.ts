import { describe, expect, it } from "vitest";
import { createMachine, dumpMachine, type Machine, MmError } from "../src/index.js";
import { machine, ok } from "./helpers.js";

/** Runs `op`, expects an MmError with `code` (and a message matching `message`), and that nothing changed. */
function rejects(m: Machine, op: () => unknown, code: string, message?: RegExp | string): void {
  const before = JSON.stringify(dumpMachine(m));
  let error: unknown;
  try {
    op();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MmError);
  expect((error as MmError).code).toBe(code);
  if (message !== undefined) expect((error as MmError).message).toMatch(message);
  expect(JSON.stringify(dumpMachine(m))).toBe(before);
  ok(m);
}

function setup() {
  const m = machine({ topology: { nodes: 2, pagesPerNode: 8 } });
  const a = m.spawn("A");
  const heap = m.mmap(a, "heap", 64);
  m.writeRange(a, heap, 0, 4, { from: 1 });
  const b = m.fork(a, "B");
  m.swapout(b, b.vmaNamed("heap")!, 2, 1);
  m.pin(a, heap, 0, 1, "p");
  return { m, a, b, heap };
}

describe("errors name the field and value and change nothing", () => {
  it("pages outside a VMA: EFAULT", () => {
    const { m, a, heap } = setup();
    rejects(m, () => m.write(a, heap, 70, 1), "EFAULT", 'vma "heap" of process "A": page 70 outside its 64 pages');
    rejects(m, () => m.read(a, heap, -1), "EFAULT", "page -1 outside its 64 pages");
    rejects(m, () => m.madviseDontneed(a, heap, 60, 5), "EFAULT", "pages 60..64 reach outside its 64 pages");
    rejects(m, () => m.swapout(a, heap, 64), "EFAULT", "start 64 outside");
  });

  it("bad arguments: EINVAL", () => {
    const { m, a, b, heap } = setup();
    rejects(m, () => m.write(a, heap, 1.5, 1), "EINVAL", "page must be an integer, got 1.5");
    rejects(m, () => m.write(a, heap, 0, 2 ** 32), "EINVAL", "content: a token must be an integer from 0 to 2^32-1");
    rejects(m, () => m.write(a, heap, 0, new Uint8Array(4096)), "EINVAL", "raw bytes need");
    rejects(m, () => m.writeRange(a, heap, 0, 4, { from: 2 ** 32 - 2 }), "EINVAL", "token 4294967297");
    rejects(m, () => m.mmap(a, "heap", 4), "EINVAL", 'already maps a vma "heap"');
    rejects(m, () => m.mmap(a, "x", 0), "EINVAL", "pages must be an integer from 1 to 268435456 (2^28), got 0");
    rejects(m, () => m.mmap(a, "x", 2 ** 28 + 1), "EINVAL", "got 268435457");
    rejects(m, () => m.mmap(a, "x", 1, { address: 2 ** 47 - 4096 }), "EINVAL", "reaches past TASK_SIZE (2^47 - 4096)");
    rejects(m, () => m.mmap(a, "x", 1, { address: 4097 }), "EINVAL", "page-aligned");
    rejects(m, () => m.mmap(a, "x", 1, { address: heap.address + 4096 }), "EINVAL", 'overlap vma "heap"');
    rejects(m, () => m.mmap(a, "x", 1, { node: 2 }), "EINVAL", "node: must be a node id from 0 to 1, got 2");
    rejects(m, () => m.mmap(a, "x", 1, { policy: "bind:5" }), "EINVAL", "policy.nodes");
    rejects(m, () => m.write(a, b.vmaNamed("heap")!, 0, 1), "EINVAL", 'vma "heap" of process "B" does not belong');
    rejects(m, () => m.pin(a, heap, 0, 1, "p"), "EINVAL", 'pin id: "p" is already held');
    rejects(m, () => m.unpin("nope"), "EINVAL", 'no pin named "nope"');
    rejects(m, () => m.migrate(a, heap, 0, 1, 7), "EINVAL", "node: must be a node id from 0 to 1, got 7");
    rejects(m, () => m.offlineNode(-1), "EINVAL", "got -1");
  });

  it("exited processes and unmapped VMAs: ESRCH and EFAULT", () => {
    const { m, a, b, heap } = setup();
    const bheap = b.vmaNamed("heap")!;
    m.exit(b);
    rejects(m, () => m.write(b, bheap, 0, 1), "ESRCH", 'process "B" has exited');
    rejects(m, () => m.fork(b), "ESRCH");
    rejects(m, () => m.exit(b), "ESRCH");
    const other = createMachine().spawn("Z");
    rejects(m, () => m.mmap(other, "x", 1), "ESRCH", "is not on this machine");
    const tmp = m.mmap(a, "tmp", 1);
    m.munmap(a, tmp);
    rejects(m, () => m.read(a, tmp, 0), "EFAULT", 'vma "tmp" of process "A" is not mapped');
    void heap;
  });

  it("out of memory: ENOMEM, and a failed write changes nothing", () => {
    const m = machine({ topology: { nodes: 1, pagesPerNode: 4 } });
    const a = m.spawn("A");
    const heap = m.mmap(a, "heap", 8);
    m.writeRange(a, heap, 0, 4, 1);
    rejects(m, () => m.write(a, heap, 4, 1), "ENOMEM", "no free frame");
    const b = m.fork(a, "B");
    rejects(m, () => m.write(b, b.vmaNamed("heap")!, 0, 2), "ENOMEM"); // COW needs a frame
    m.swapout(a, heap, 0, 1);
    m.shrinkSwapCache(); // page 0's frame is still mapped by B
    m.exit(b);
    m.drainDeferred();
    expect(m.freeLists.available(0)).toBe(1);
    m.write(a, heap, 1, 9); // reuse in place needs no frame
    m.swapin(a, heap, 0, 4); // takes the last free frame
    expect(m.freeLists.available(0)).toBe(0);
    m.swapout(a, heap, 1, 1);
    expect(m.shrinkSwapCache()).toBe(1);
    m.write(a, heap, 5, 1);
    rejects(m, () => m.swapin(a, heap, 0, 4), "ENOMEM", "not enough free frames to swap in 1 pages");
    rejects(m, () => m.pin(a, heap, 0, 4, "q"), "ENOMEM");
    expect(m.read(a, heap, 1)).toBe(9);
  });

  it("a machine larger than the PTE payload is refused", () => {
    expect(() => createMachine({ topology: { nodes: 2, pagesPerNode: [2 ** 28, 2 ** 28 + 1] } })).toThrow(
      "topology: at most 2^29 pages in all (the PTE holds a 29-bit pfn), got 536870913",
    );
  });
});
