#!/usr/bin/env python3
"""Count passed and failed checks in meson testlog.json files (see check.sh)."""
import json
import re
import sys

CRITERION = re.compile(r"Synthesis: Tested: +(\d+) \| Passing: +(\d+) \| Failing: +(\d+) \| Crashing: +(\d+)")
PLAIN = re.compile(r"^(\d+) passed, (\d+) failed", re.M)

passed = failed = 0
lines = [line for path in sys.argv[1:] for line in open(path, encoding="utf-8", errors="replace")]
for line in lines:
    t = json.loads(line)
    if t.get("result") == "SKIP":   # e.g. browser tests without chromium: said, not counted
        print(f"SKIPPED: {t.get('name')}")
        continue
    out = (t.get("stdout") or "") + (t.get("stderr") or "")
    ok = t.get("result") == "OK"
    m = CRITERION.findall(out)
    p = PLAIN.findall(out)
    if m:
        tested, passing, failing, crashing = map(int, m[-1])
        passed += passing
        failed += failing + crashing
    elif p:
        passed += int(p[-1][0])
        failed += int(p[-1][1])
    else:
        passed += ok
        failed += not ok
        continue
    if not ok and not (m and (int(m[-1][2]) + int(m[-1][3]))) and not (p and int(p[-1][1])):
        failed += 1   # the program failed (sanitizer, exit code) beyond its own count
    if not ok:
        print(f"FAILED: {t.get('name')}")
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
