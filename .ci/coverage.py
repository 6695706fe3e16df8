#!/usr/bin/env python3
"""Prints line and branch coverage per assembly from coverlet's Cobertura reports and enforces the gate.

Usage: coverage.py MIN_LINE_PERCENT GATED_ASSEMBLY[,GATED_ASSEMBLY...] REPORT [REPORT...]
Several reports (one per test project) are merged by taking, for every line of every class, the best hit
count seen in any report, so an assembly exercised by two test projects is measured once.
Exits 1 when a gated assembly is below the minimum or missing.
"""
import sys
import xml.etree.ElementTree as ET


def main(argv):
    minimum = float(argv[1])
    gated = [name for name in argv[2].split(",") if name]
    lines = {}     # (package, file, line number) -> hit count
    branches = {}  # (package, file, line number) -> (covered, total)
    for path in argv[3:]:
        root = ET.parse(path).getroot()
        for package in root.iter("package"):
            name = package.get("name")
            for cls in package.iter("class"):
                file = cls.get("filename")
                for line in cls.iter("line"):
                    key = (name, file, int(line.get("number")))
                    lines[key] = max(lines.get(key, 0), int(line.get("hits")))
                    if line.get("branch") == "True":
                        text = line.get("condition-coverage", "")  # e.g. "50% (1/2)"
                        if "(" in text:
                            covered, total = text[text.index("(") + 1 : text.index(")")].split("/")
                            old = branches.get(key, (0, int(total)))
                            branches[key] = (max(old[0], int(covered)), int(total))
    per = {}
    for (name, _, _), hits in lines.items():
        entry = per.setdefault(name, [0, 0, 0, 0])
        entry[1] += 1
        entry[0] += 1 if hits > 0 else 0
    for (name, _, _), (covered, total) in branches.items():
        entry = per.setdefault(name, [0, 0, 0, 0])
        entry[2] += covered
        entry[3] += total
    failed = False
    print(f"  {'assembly':<28} {'lines':>8} {'branches':>9}")
    for name in sorted(per):
        lc, lt, bc, bt = per[name]
        line_rate = 100.0 * lc / lt if lt else 100.0
        branch_rate = 100.0 * bc / bt if bt else 100.0
        mark = ""
        if name in gated and line_rate < minimum:
            mark = f"  below the {minimum:.0f}% gate"
            failed = True
        print(f"  {name:<28} {line_rate:7.1f}% {branch_rate:8.1f}%   ({lc} of {lt} lines){mark}")
    for name in gated:
        if name not in per:
            print(f"  {name}: no coverage measured (the gate needs it)")
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
