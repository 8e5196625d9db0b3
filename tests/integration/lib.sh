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
# KHIPU_TEST_BACKEND=pg (the meson suite 'pg'): the register is a database of
# the throw-away PostgreSQL server at KHIPU_TEST_PG_URL (scripts/pg-test-server.sh),
# its key file $T/reg.key; exit 77 (skipped) without a server.
PGDB=
if [ "${KHIPU_TEST_BACKEND:-sqlite}" = pg ]; then
	[ -n "${KHIPU_TEST_PG_URL:-}" ] || { echo "skip: no PostgreSQL test server"; exit 77; }
	PGDB="khipu_t_$$"
	pg_admin() { psql "$KHIPU_TEST_PG_URL" -X -q -v ON_ERROR_STOP=1 "$@" >/dev/null 2>&1; }
	pg_url() { printf '%s' "$KHIPU_TEST_PG_URL" | sed "s#/postgres?#/$1?#"; }
	pg_fresh() { pg_admin -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" -c "CREATE DATABASE $PGDB"; }
	pg_fresh
	trap 'pg_admin -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)"; rm -rf "$T"' EXIT
	export KHIPU_DB="$(pg_url "$PGDB")"
	export KHIPU_KEY_FILE="$T/reg.key"
fi
KEY=${KHIPU_KEY_FILE:-$KHIPU_DB.key}
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
	if [ -n "$PGDB" ]; then pg_fresh; rm -f "$KEY"; fi
	rm -f "$KHIPU_DB" "$KHIPU_DB.key" "$KHIPU_DB-wal" "$KHIPU_DB-shm"
	"$KHIPU" init >/dev/null && "$KHIPU" demo --cases "${1:-20}" --seed 3 --password "$DEMO_PW" >/dev/null
}
# row count of a table, straight from the database file
count_rows() {
	if [ -n "$PGDB" ]; then
		psql "$KHIPU_DB" -X -tA -c "SELECT count(*) FROM $1"
	else
		sqlite3 "$KHIPU_DB" "SELECT count(*) FROM $1"
	fi
}
# db_sql SQL: the rows of a query on the register as csv, straight from the
# database (sqlite3 or psql); write SQL both accept (NULLs sort first in
# SQLite, last in PostgreSQL: order by "x IS NOT NULL, x" where it matters)
db_sql() {
	if [ -n "$PGDB" ]; then
		psql "$KHIPU_DB" -X -q -t --csv -v ON_ERROR_STOP=1 -c "$1"
	else
		sqlite3 -csv "$KHIPU_DB" "$1"
	fi
}
done_testing() {
	echo "$PASS passed, $FAIL failed"
	[ "$FAIL" = 0 ]
}
