#!/bin/sh
# Run every test of a build directory and end with the line "N passed, N failed".
# Individual checks are counted: Criterion tests from their synthesis lines,
# integration scripts from their own "N passed, N failed" lines; a test
# program that crashed or printed no count counts as one failure.
set -u
builddir=${1:-build/asan}
meson test -C "$builddir" --print-errorlogs --num-processes 2 >"$builddir/test-output.txt" 2>&1
status=$?
tail -n 40 "$builddir/test-output.txt"
python3 "$(dirname "$0")/summarise.py" "$builddir/meson-logs/testlog.json"
summary=$?
[ $status -eq 0 ] && [ $summary -eq 0 ] && exit 0
exit 1
