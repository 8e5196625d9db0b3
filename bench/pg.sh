#!/bin/sh
# bench/pg.sh — the same register on SQLite and on PostgreSQL, in one run:
# `khipu demo --cases N` on each, the case list (whole, by year, by office),
# a person search by name and by phone, the statistics of the dashboard
# (`khipu stats`: the first call, which derives the facts, apart from the warm
# ones), audit verification, `check` and `khipu migrate` of the SQLite
# register into PostgreSQL; with pgbench's own figures on the same server as
# the reference. The server is a private one (scripts/pg-test-server.sh,
# unix socket only) with fsync on, as a real one runs, stopped and removed on
# any exit. Results go to bench/results/pg-<time>.txt (git-ignored) and,
# at the end, to standard output; progress goes to a terminal only.
# Usage: sh bench/pg.sh path/to/khipu   (a release build: make build)
#   KHIPU_BENCH_PG_CASES (100000)   N, the demo's cases on each backend
#   KHIPU_BENCH_PGBENCH_SECONDS (20)
#   KHIPU_BENCH_PG_MIGRATE (1)      0 skips the migrate step
set -eu
khipu=${1:?usage: bench/pg.sh path/to/khipu}
root=$(cd "$(dirname "$0")/.." && pwd)
khipu="$(cd "$(dirname "$khipu")" && pwd)/$(basename "$khipu")"
cases=${KHIPU_BENCH_PG_CASES:-100000}
seconds=${KHIPU_BENCH_PGBENCH_SECONDS:-20}
migrate=${KHIPU_BENCH_PG_MIGRATE:-1}
results="$root/bench/results"
. "$root/bench/table.sh"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results/pg-$stamp.txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khipu-benchpg.XXXXXX")
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/khipu-benchpg-server.XXXXXX")
cleanup() {
	sh "$root/scripts/pg-test-server.sh" stop "$pgdir" >/dev/null 2>&1 || true
	rm -rf "$tmp" "$pgdir"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$results"
bindir=$(sh "$root/scripts/pg-test-server.sh" bindir) ||
	{ echo "bench/pg.sh: PostgreSQL is not installed (scripts/deps.sh)" >&2; exit 1; }
admin=$(KHIPU_PG_DURABLE=1 sh "$root/scripts/pg-test-server.sh" start "$pgdir")
psql "$admin" -X -q -c "CREATE DATABASE khipu" -c "CREATE DATABASE pgbench"
pgurl=$(printf '%s' "$admin" | sed 's#/postgres?#/khipu?#')
bench_url=$(printf '%s' "$admin" | sed 's#/postgres?#/pgbench?#')
sqlite="$tmp/office.db"
export KHIPU_LANG=en
unset KHIPU_DB KHIPU_KEY_FILE KHIPU_DB_READ KHIPU_STATS_NO_CUBE

# progress on a terminal only
if [ -t 2 ]; then tty=1; else tty=0; fi
say() { [ "$tty" = 1 ] && printf '%s\n' "$*" >&2 || true; }
now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
# timed LABEL CMD...: run CMD, print one row "LABEL seconds"; a failing step
# stops the run (set -e), its error on standard error
timed() {
	label=$1
	shift
	say "  $label ..."
	t0=$(now)
	"$@" >/dev/null
	t1=$(now)
	printf '%-56s %10s\n' "$label" "$(elapsed "$t0" "$t1")"
}
sq() { "$khipu" --db "$sqlite" --key-file "$tmp/office.key" "$@"; }
pg() { "$khipu" --db "$pgurl" --key-file "$tmp/pg.key" "$@"; }
mg() { "$khipu" --db "$pgurl" --key-file "$tmp/office.key" "$@"; }
init_demo() { $1 init && $1 demo --cases "$cases" --seed 1 --password khipu-demo-2024; }

# sample RUN: a name and a phone that exist, from the first case the
# prosecutor may read (revealed: the demo's identities are synthetic); never
# printed
sample() {
	num=$($1 case list --as demo-prosecutor --limit 1 --format json |
		sed -n 's/^ *"number": *"\([^"]*\)".*/\1/p' | head -n 1)
	$1 case show "$num" --as demo-prosecutor --reveal --format json >"$tmp/case.json"
	name=$(sed -n 's/^ *"name": *"\([^"]*\)".*/\1/p' "$tmp/case.json" | head -n 1)
	phone=$(awk '/"kind": *"phone"/ { p = 1; next } p && /"value"/ { sub(/^ *"value": *"/, ""); sub(/".*/, ""); print; exit }' "$tmp/case.json")
	rm -f "$tmp/case.json"
	[ -n "$name" ] && [ -n "$phone" ] ||
		{ echo "bench/pg.sh: no name or phone in case $num of the demo" >&2; return 1; }
}

# the dashboard's statistics (issue #5): label | arguments
cat >"$tmp/stats" <<'Q'
victims by year|--by year
victims by sex and age band|--by sex,age_band
victims by form of exploitation|--by exploitation
region of origin x region of exploitation|--by origin_region,exploitation_region
cases by stage|--measure cases --by stage
suspects by outcome|--measure suspects --by outcome
convictions by year|--measure convictions --by year
seized assets' value by kind|--measure assets_value --by asset_kind
Q

# backend RUN: every step on one backend (sq or pg)
backend() {
	b=$1
	run=$1
	timed "$b: init + demo --cases $cases" init_demo $run
	timed "$b: case list, all cases (json)" $run case list --as demo-analyst --format json
	timed "$b: case list --year 2024 --limit 50" $run case list --as demo-analyst --year 2024 --limit 50
	timed "$b: case list as a prosecutor (office scope)" $run case list --as demo-prosecutor --limit 50
	sample $run
	timed "$b: person search --name (an existing one)" $run person search --as demo-prosecutor --name "$name"
	timed "$b: person search --phone (an existing one)" $run person search --as demo-prosecutor --phone "$phone"
	# shellcheck disable=SC2086
	timed "$b: stats, first call (derives the facts)" $run stats --as demo-analyst --by year --format csv
	total=0
	while IFS='|' read -r name args; do
		# shellcheck disable=SC2086
		row=$(timed "$b: stats: $name" $run stats --as demo-analyst $args --format csv)
		printf '%s\n' "$row"
		total=$(awk -v a="$total" -v b="${row##* }" 'BEGIN { printf "%.3f", a + b }')
	done <"$tmp/stats"
	printf '%-56s %10s\n' "$b: stats, the $(wc -l <"$tmp/stats") warm calls together" "$total"
	timed "$b: audit verify" $run audit verify
	timed "$b: check" $run check
}

{
	echo "khipu bench pg $stamp: $cases cases, $(nproc) cores, $(uname -m), load average $(cut -d' ' -f1-3 /proc/loadavg) at the start"
	echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "PostgreSQL $("$bindir/postgres" --version | awk '{ print $3 }') (private server, unix socket, fsync on), SQLite $(sqlite3 --version | cut -d' ' -f1)"
	echo "each step is one khipu process (start, open the register and its key, the work, the output)"
	echo
	printf '%-56s %10s\n' "step" "seconds"
	say "SQLite:"
	backend sq
	say "PostgreSQL:"
	backend pg
	echo "sizes: sqlite $(du -m "$sqlite" | cut -f1) MB, postgresql $(psql "$pgurl" -X -tA -c "SELECT pg_database_size(current_database()) / 1048576") MB"
	if [ "$migrate" != 0 ]; then
		psql "$admin" -X -q -c "DROP DATABASE khipu" -c "CREATE DATABASE khipu"
		timed "migrate sqlite -> pg ($cases cases)" "$khipu" migrate --from "sqlite:$sqlite" --to "$pgurl" --key-file "$tmp/office.key"
		timed "pg (migrated): case list, all cases (json)" mg case list --as demo-analyst --format json
	fi
	echo
	echo "reference, pgbench on the same server (scale 10, 2 clients, ${seconds} s each):"
	say "pgbench ..."
	pgbench -q -i -s 10 "$bench_url" >/dev/null 2>&1
	pgbench -c 2 -j 2 -T "$seconds" -N "$bench_url" 2>/dev/null |
		awk '/^tps|latency average/ { print "  simple-update (-N): " $0 }'
	pgbench -c 2 -j 2 -T "$seconds" -S "$bench_url" 2>/dev/null |
		awk '/^tps|latency average/ { print "  select-only (-S):   " $0 }'
	echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
} >"$out"
cat "$out"
echo "results: $out"
sec() { awk -v l="$1" 'index($0, l) == 1 { print $NF; exit }' "$out"; }
bench_row postgresql "PostgreSQL: init + demo --cases $cases" "$(sec "pg: init + demo")" s \
	"SQLite: init + demo --cases $cases, same run" "$(sec "sq: init + demo")"
[ "$migrate" = 0 ] || bench_row postgresql "migrate SQLite -> PostgreSQL ($cases cases)" \
	"$(sec "migrate sqlite -> pg")" s "SQLite: init + demo --cases $cases, same run" "$(sec "sq: init + demo")"
bench_row postgresql "PostgreSQL: case list, all cases as JSON" "$(sec "pg: case list, all cases")" s \
	"SQLite: the same, same run" "$(sec "sq: case list, all cases")"
bench_row postgresql "PostgreSQL: stats, first call (derives the facts)" "$(sec "pg: stats, first call")" s \
	"SQLite: the same, same run" "$(sec "sq: stats, first call")"
bench_row postgresql "pgbench simple-update (-N), 2 clients, same server" \
	"$(awk '/simple-update/ && /tps/ { for (i = 1; i <= NF; i++) if ($i == "=") { print $(i + 1); exit } }' "$out")" tps "" ""
