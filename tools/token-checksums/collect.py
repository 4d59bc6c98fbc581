#!/usr/bin/env python3
"""Collect the output of `scan` over every token into result.txt and
packages/mm/src/contents/special-tokens.ts.

Usage: collect.py SCAN_OUTPUT   (run from the repository root)

SCAN_OUTPUT holds the lines `scan FROM TO` printed, for ranges that together
cover [0, 2^32) without gaps or overlaps; collect.py refuses anything else.
"""
import re, sys

def main():
    if len(sys.argv) != 2:
        sys.exit("usage: collect.py SCAN_OUTPUT")
    zero, zpage, ranges = set(), set(), []
    for n, line in enumerate(open(sys.argv[1]), 1):
        line = line.strip()
        if not line or line == "ALLDONE":
            continue
        m = re.fullmatch(r"(zero-checksum|zero-page-checksum) (\d+)", line)
        if m:
            (zero if m.group(1) == "zero-checksum" else zpage).add(int(m.group(2)))
            continue
        m = re.fullmatch(r"done (\d+) (\d+)", line)
        if m:
            ranges.append((int(m.group(1)), int(m.group(2))))
            continue
        sys.exit(f"{sys.argv[1]}:{n}: not a line of scan's output: {line!r}")
    ranges.sort()
    at = 0
    for a, b in ranges:
        if a != at:
            sys.exit(f"ranges: expected one from {at}, got [{a}, {b})")
        at = b
    if at != 2**32:
        sys.exit(f"ranges: cover [0, {at}), not every token")
    with open("tools/token-checksums/result.txt", "w") as f:
        f.write("# tools/token-checksums/scan over every token, collected by collect.py\n")
        for a, b in ranges:
            f.write(f"done {a} {b}\n")
        for t in sorted(zero):
            f.write(f"zero-checksum {t}\n")
        for t in sorted(zpage):
            f.write(f"zero-page-checksum {t}\n")
    p = "packages/mm/src/contents/special-tokens.ts"
    s = open(p).read()
    s = re.sub(r"export const SPECIAL_TOKENS_COMPLETE = (true|false);", "export const SPECIAL_TOKENS_COMPLETE = true;", s)
    for name, tokens in (("ZERO_CHECKSUM_TOKENS", zero), ("ZERO_PAGE_CHECKSUM_TOKENS", zpage)):
        s = re.sub(rf"export const {name}: readonly number\[\] = (Object\.freeze\()?\[[^\]]*\]\)?;",
                   f"export const {name}: readonly number[] = Object.freeze([{', '.join(map(str, sorted(tokens)))}]);", s)
    open(p, "w").write(s)
    print(f"{len(ranges)} ranges, {len(zero)} zero-checksum tokens, {len(zpage)} zero-page-checksum tokens")

main()
