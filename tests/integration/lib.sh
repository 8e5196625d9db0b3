# lib.sh — harness for the CLI integration tests (sourced by tNNNN-*.sh).
#   KHIPU   the binary under test (first argument of the script)
#   T       a private temporary folder, removed at exit
# Each check prints "ok - ..." or "not ok - ..."; the script ends with
# "N passed, N failed" and exits non-zero when any failed.
set -u
KHIPU=${1:?usage: tNNNN.sh path/to/khipu}
T=$(mktemp -d "${TMPDIR:-/tmp}/khipu-test.XXXXXX")
trap 'rm -rf "$T"' EXIT
export KHIPU_DB="$T/reg.db"
unset KHIPU_KEY_FILE
PASS=0
FAIL=0
DEMO_PW=khipu-demo-2024

ok() { PASS=$((PASS + 1)); echo "ok - $*"; }
not_ok() { FAIL=$((FAIL + 1)); echo "not ok - $*"; }

# run CMD...: runs khipu, keeping stdout in $T/out, stderr in $T/err, status in $rc
run() {
	"$KHIPU" "$@" >"$T/out" 2>"$T/err"
	rc=$?
}
# expect STATUS DESCRIPTION -- CMD...
expect() {
	want=$1; what=$2; shift 3
	run "$@"
	if [ "$rc" = "$want" ]; then ok "$what"; else
		not_ok "$what (exit $rc, wanted $want)"; sed 's/^/    # /' "$T/err" | head -5
	fi
}
# expect_err PATTERN DESCRIPTION: stderr of the last run matches
expect_err() {
	if grep -q -- "$1" "$T/err"; then ok "$2"; else
		not_ok "$2 (stderr lacks '$1')"; sed 's/^/    # /' "$T/err" | head -5
	fi
}
expect_out() {
	if grep -q -- "$1" "$T/out"; then ok "$2"; else
		not_ok "$2 (stdout lacks '$1')"; sed 's/^/    # /' "$T/out" | head -5
	fi
}
# a fresh register with the demo users and a few cases
fresh_demo() {
	rm -f "$KHIPU_DB" "$KHIPU_DB.key" "$KHIPU_DB-wal" "$KHIPU_DB-shm"
	"$KHIPU" init >/dev/null && "$KHIPU" demo --cases "${1:-20}" --seed 3 --password "$DEMO_PW" >/dev/null
}
# row count of a table, straight from the database file
count_rows() {
	sqlite3 "$KHIPU_DB" "SELECT count(*) FROM $1"
}
done_testing() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" = 0 ]
}
