#!/bin/sh
# run.sh — `make security`: the cheap security tests of `make check`
# (s0001 authorisation matrix, s0002 sessions and CSRF, s0003 identity leaks)
# and then the scanners (scan.py: sqlmap and wapiti) against a demo register
# served on loopback. Prints every check and ends with "N passed, N failed";
# exit 0 only with zero findings. Reports go to bench/results/security-<time>/.
# Usage: tests/security/run.sh path/to/khipu
#   KHIPU_SCAN_LEVEL, KHIPU_SCAN_RISK, KHIPU_SCAN_THREADS, KHIPU_SCAN_ONLY,
#   KHIPU_SCAN_WAPITI_SECONDS: see scan.py
set -u
khipu=${1:?usage: tests/security/run.sh path/to/khipu}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$root/bench/results/security-$stamp"
mkdir -p "$out"
export KHIPU_LANG=en
pass=0 fail=0 status=0
for t in s0001-authz s0002-session s0003-leak scan; do
	echo "== $t"
	start=$(date +%s)
	if [ "$t" = scan ]; then
		python3 "$here/$t.py" "$khipu" --out "$out" >"$out/$t.txt" 2>&1
	else
		python3 "$here/$t.py" "$khipu" >"$out/$t.txt" 2>&1
	fi
	rc=$?
	[ $rc -eq 0 ] || status=1
	grep -E '^(not ok|#)' "$out/$t.txt" | head -n 50
	grep -A2 -E '^Traceback' "$out/$t.txt" | head -n 20
	line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$out/$t.txt" | tail -n 1)
	[ -n "$line" ] || { line="0 passed, 1 failed"; echo "$t: no count (exit $rc)"; }
	echo "$t: $line ($(($(date +%s) - start)) s)"
	pass=$((pass + ${line%% passed*}))
	f=${line#*passed, }
	fail=$((fail + ${f%% failed*}))
done
echo "reports: $out"
echo "$pass passed, $fail failed"
[ $status -eq 0 ] && [ $fail -eq 0 ]
