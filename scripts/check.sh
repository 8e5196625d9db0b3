#!/bin/sh
# Run every test of a build directory and end with the line "N passed, N failed".
# Individual checks are counted: Criterion tests from their synthesis lines,
# integration scripts from their own "N passed, N failed" lines; a test
# program that crashed or printed no count counts as one failure.
set -u
builddir=${1:-build/asan}
# A throw-away PostgreSQL server for the suite 'pg' when PostgreSQL is
# installed (scripts/pg-test-server.sh); without PostgreSQL those tests are
# skipped, and a server that is installed but does not start fails the check.
here=$(dirname "$0")
pgfail=0
if [ -z "${KHIPU_TEST_PG_URL:-}" ] && sh "$here/pg-test-server.sh" bindir >/dev/null 2>&1; then
	pgdir=$(mktemp -d "${TMPDIR:-/tmp}/khipu-pg.XXXXXX")
	if KHIPU_TEST_PG_URL=$(sh "$here/pg-test-server.sh" start "$pgdir"); then
		export KHIPU_TEST_PG_URL
		trap 'sh "$here/pg-test-server.sh" stop "$pgdir"' EXIT
		echo "PostgreSQL test server: $KHIPU_TEST_PG_URL"
	else
		echo "error: the PostgreSQL test server did not start; the suite 'pg' is skipped"
		rm -rf "$pgdir"
		pgfail=1
	fi
fi
meson test -C "$builddir" --print-errorlogs --num-processes 2 >"$builddir/test-output.txt" 2>&1
status=$?
tail -n 40 "$builddir/test-output.txt"
python3 "$(dirname "$0")/summarise.py" "$builddir/meson-logs/testlog.json"
summary=$?
[ $pgfail -eq 0 ] || echo "FAILED: the PostgreSQL test server did not start (see above)"
[ $status -eq 0 ] && [ $summary -eq 0 ] && [ $pgfail -eq 0 ] && exit 0
exit 1
