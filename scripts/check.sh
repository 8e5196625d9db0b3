#!/bin/sh
# check.sh BUILD [FUZZBUILD] — run every test of a build directory and, when
# FUZZBUILD is given, each libFuzzer harness briefly (scripts/fuzz.sh: its
# corpus, then FUZZ_CHECK_SECONDS, default 5, of fuzzing); end with the line
# "N passed, N failed".
# Individual checks are counted: Criterion tests from their synthesis lines,
# integration scripts from their own "N passed, N failed" lines; a test
# program that crashed or printed no count counts as one failure.
set -u
builddir=${1:-build/asan}
fuzzbuild=${2:-}
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
logs="$builddir/meson-logs/testlog.json"
# the fuzz harnesses (tests/fuzz), in their own clang build
if [ -n "$fuzzbuild" ]; then
	sh "$here/fuzz.sh" setup "$fuzzbuild" >"${TMPDIR:-/tmp}/khipu-fuzz-build.$$" 2>&1
	fz=$?
	if [ $fz -eq 2 ]; then
		tail -n 1 "${TMPDIR:-/tmp}/khipu-fuzz-build.$$"
	elif [ $fz -ne 0 ]; then
		tail -n 30 "${TMPDIR:-/tmp}/khipu-fuzz-build.$$"
		echo "FAILED: the fuzz build ($fuzzbuild) did not build"
		status=1
	else
		FUZZ_SECONDS=${FUZZ_CHECK_SECONDS:-5} meson test -C "$fuzzbuild" --suite fuzz \
			--no-rebuild --print-errorlogs --num-processes 2 >"$fuzzbuild/test-output.txt" 2>&1 ||
			status=1
		grep -E '^(not )?ok - fuzz' "$fuzzbuild/meson-logs/testlog.txt"
		logs="$logs $fuzzbuild/meson-logs/testlog.json"
	fi
	rm -f "${TMPDIR:-/tmp}/khipu-fuzz-build.$$"
fi
# shellcheck disable=SC2086
python3 "$(dirname "$0")/summarise.py" $logs
summary=$?
[ $pgfail -eq 0 ] || echo "FAILED: the PostgreSQL test server did not start (see above)"
[ $status -eq 0 ] && [ $summary -eq 0 ] && [ $pgfail -eq 0 ] && exit 0
exit 1
