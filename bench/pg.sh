#!/bin/sh
# bench/pg.sh — the same register on SQLite and on PostgreSQL, in one run:
# `khipu demo --cases N` on each, the case list (whole, by year, by office),
# a phone search, audit verification and `khipu migrate` of the SQLite
# register into PostgreSQL; with pgbench's own figures on the same server as
# the reference. The server is a private one (scripts/pg-test-server.sh,
# unix socket only) with fsync on, as a real one runs. Results go to
# bench/results/ (git-ignored). Usage: bench/pg.sh path/to/khipu
#   KHIPU_BENCH_PG_CASES (20000)   KHIPU_BENCH_PGBENCH_SECONDS (20)
set -eu
khipu=${1:?usage: bench/pg.sh path/to/khipu}
root=$(cd "$(dirname "$0")/.." && pwd)
khipu="$(cd "$(dirname "$khipu")" && pwd)/$(basename "$khipu")"
cases=${KHIPU_BENCH_PG_CASES:-20000}
seconds=${KHIPU_BENCH_PGBENCH_SECONDS:-20}
results="$root/bench/results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results/pg-$stamp.txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khipu-benchpg.XXXXXX")
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/khipu-benchpg-server.XXXXXX")
trap 'sh "$root/scripts/pg-test-server.sh" stop "$pgdir"; rm -rf "$tmp"' EXIT
mkdir -p "$results"
bindir=$(sh "$root/scripts/pg-test-server.sh" bindir) ||
	{ echo "bench/pg.sh: PostgreSQL is not installed (scripts/deps.sh)" >&2; exit 1; }
admin=$(KHIPU_PG_DURABLE=1 sh "$root/scripts/pg-test-server.sh" start "$pgdir")
psql "$admin" -X -q -c "CREATE DATABASE khipu" -c "CREATE DATABASE pgbench"
pgurl=$(printf '%s' "$admin" | sed 's#/postgres?#/khipu?#')
bench_url=$(printf '%s' "$admin" | sed 's#/postgres?#/pgbench?#')
sqlite="$tmp/office.db"
export KHIPU_LANG=en
unset KHIPU_DB KHIPU_KEY_FILE KHIPU_DB_READ

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
# timed LABEL CMD...: run CMD, print one row "LABEL seconds"
timed() {
	label=$1
	shift
	t0=$(now)
	"$@" >/dev/null
	t1=$(now)
	printf '%-48s %10s\n' "$label" "$(elapsed "$t0" "$t1")"
}
sq() { "$khipu" --db "$sqlite" --key-file "$tmp/office.key" "$@"; }
pg() { "$khipu" --db "$pgurl" --key-file "$tmp/pg.key" "$@"; }
mg() { "$khipu" --db "$pgurl" --key-file "$tmp/office.key" "$@"; }
init_demo() { $1 init && $1 demo --cases "$cases" --seed 1 --password khipu-demo-2024; }

{
	echo "khipu bench pg $stamp: $cases cases, $(nproc) cores, $(uname -m)"
	echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "PostgreSQL $("$bindir/postgres" --version | awk '{ print $3 }') (private server, unix socket, fsync on), SQLite $(sqlite3 --version | cut -d' ' -f1)"
	echo
	printf '%-48s %10s\n' "step" "seconds"
	for b in sqlite pg; do
		run=sq
		[ $b = pg ] && run=pg
		timed "$b: init + demo --cases $cases" init_demo $run
		timed "$b: case list, all cases (json)" $run case list --as demo-analyst --format json
		timed "$b: case list --year 2024 --limit 50" $run case list --as demo-analyst --year 2024 --limit 50
		timed "$b: case list as a prosecutor (office scope)" $run case list --as demo-prosecutor --limit 50
		timed "$b: person search --phone" $run person search --as demo-prosecutor --phone 987654321
		timed "$b: audit verify" $run audit verify
		timed "$b: check" $run check
	done
	psql "$admin" -X -q -c "DROP DATABASE khipu" -c "CREATE DATABASE khipu"
	timed "migrate sqlite -> pg ($cases cases)" "$khipu" migrate --from "sqlite:$sqlite" --to "$pgurl" --key-file "$tmp/office.key"
	timed "pg (migrated): case list, all cases (json)" mg case list --as demo-analyst --format json
	echo
	echo "sizes: sqlite $(du -m "$sqlite" | cut -f1) MB, postgresql $(psql "$pgurl" -X -tA -c "SELECT pg_database_size(current_database()) / 1048576") MB"
	echo
	echo "reference, pgbench on the same server (scale 10, 2 clients, ${seconds} s each):"
	pgbench -q -i -s 10 "$bench_url" >/dev/null 2>&1
	pgbench -c 2 -j 2 -T "$seconds" -N "$bench_url" 2>/dev/null |
		awk '/^tps|latency average/ { print "  simple-update (-N): " $0 }'
	pgbench -c 2 -j 2 -T "$seconds" -S "$bench_url" 2>/dev/null |
		awk '/^tps|latency average/ { print "  select-only (-S):   " $0 }'
} | tee "$out"
echo "results: $out"
