#!/bin/sh
# bench/deadlines.sh — `khipu case deadlines --overdue` on a register of
# N open cases (target: at most 100 ms at 100,000), next to the bare SQL
# query it runs, in the sqlite3 command-line program, in the same run.
#
# The register is `khipu demo --cases N --seed 1`; the demo leaves most of
# its cases archived or past their investigation (about 12% keep a running
# term), so every case is then given a running term by SQL — a preliminary
# inquiry opened a day after its complaint, 60 days — which makes all N
# cases open and nearly all of them overdue: the worst case for --overdue
# (every row printed). Then a second register state: the same N open cases
# of which one in ten is overdue, the others' terms running into the coming
# weeks (a register whose prosecutors keep up). Each timing is a whole
# process (start, open the register and its key, check the user, query,
# print), the median of R runs.
# Usage: sh bench/deadlines.sh path/to/khipu   (KHIPU_BENCH_CASES=100000,
# KHIPU_BENCH_RUNS=11). Results also go to bench/results/ (git-ignored).
set -eu
khipu=${1:?usage: bench/deadlines.sh path/to/khipu}
root=$(cd "$(dirname "$0")/.." && pwd)
khipu="$(cd "$(dirname "$khipu")" && pwd)/$(basename "$khipu")"
cases=${KHIPU_BENCH_CASES:-100000}
runs=${KHIPU_BENCH_RUNS:-11}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khipu-bench-dl.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$root/bench/results"
out="$root/bench/results/deadlines-$(date -u +%Y%m%dT%H%M%SZ).txt"
export KHIPU_DB="$tmp/bench.db"
unset KHIPU_KEY_FILE

load0=$(cut -d' ' -f1-3 /proc/loadavg)
"$khipu" init >/dev/null
"$khipu" demo --cases "$cases" --seed 1 --password khipu-demo-2024 >/dev/null
demo_open=$(sqlite3 "$KHIPU_DB" "SELECT count(*) FROM cases WHERE term_due IS NOT NULL")
sqlite3 "$KHIPU_DB" "UPDATE cases SET stage = 'preliminary_inquiry', term_kind = 'preliminary',
	term_start = date(complaint_date, '+1 day'), term_due = date(complaint_date, '+61 days'),
	term_extended = 0; ANALYZE;"
today=$(date -u +%F)
SQL="SELECT c.id, c.number, o.code, c.stage, c.term_kind, c.term_start, c.term_due,
	c.term_extended FROM cases c JOIN offices o ON o.id = c.office_id
	WHERE c.term_due >= '' AND c.term_due < '$today' ORDER BY c.term_due, c.id"
SQL_OFFICE="SELECT c.id, c.number, o.code, c.stage, c.term_kind, c.term_start, c.term_due,
	c.term_extended FROM cases c JOIN offices o ON o.id = c.office_id
	WHERE c.term_due >= '' AND c.term_due < '$today' AND (c.office_id = 1 OR EXISTS
	(SELECT 1 FROM case_shares s WHERE s.case_id = c.id AND s.office_id = 1))
	ORDER BY c.term_due, c.id"
open_cases=$(sqlite3 "$KHIPU_DB" "SELECT count(*) FROM cases WHERE term_due IS NOT NULL")
overdue=$(sqlite3 "$KHIPU_DB" "SELECT count(*) FROM cases WHERE term_due < '$today'")
office=$(sqlite3 "$KHIPU_DB" "SELECT count(*) FROM cases c WHERE c.term_due < '$today' AND
	(c.office_id = (SELECT office_id FROM users WHERE name = 'demo-prosecutor') OR EXISTS
	(SELECT 1 FROM case_shares s WHERE s.case_id = c.id AND s.office_id =
	(SELECT office_id FROM users WHERE name = 'demo-prosecutor')))")
po=$(sqlite3 "$KHIPU_DB" "SELECT office_id FROM users WHERE name = 'demo-prosecutor'")
SQL_OFFICE=$(printf '%s' "$SQL_OFFICE" | sed "s/= 1/= $po/g")

# median milliseconds of runs of a command (its output thrown away)
median_ms() {
	i=0
	: >"$tmp/times"
	while [ $i -lt "$runs" ]; do
		a=$(date +%s%N)
		"$@" >/dev/null
		b=$(date +%s%N)
		echo $(((b - a) / 1000)) >>"$tmp/times"
		i=$((i + 1))
	done
	sort -n "$tmp/times" | awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] / 1000 }'
}
"$khipu" case deadlines --as demo-analyst --overdue --format csv >"$tmp/a.csv"   # warm the cache
rows=$(($(wc -l <"$tmp/a.csv") - 1))
[ "$rows" = "$overdue" ] || { echo "bench: the command printed $rows rows, the SQL counts $overdue" >&2; exit 1; }

k_all=$(median_ms "$khipu" case deadlines --as demo-analyst --overdue --format csv)
k_tab=$(median_ms "$khipu" case deadlines --as demo-analyst --overdue)
k_json=$(median_ms "$khipu" case deadlines --as demo-analyst --overdue --format json)
k_off=$(median_ms "$khipu" case deadlines --as demo-prosecutor --overdue --format csv)
s_all=$(median_ms sqlite3 -csv "$KHIPU_DB" "$SQL")
s_off=$(median_ms sqlite3 -csv "$KHIPU_DB" "$SQL_OFFICE")
s_nop=$(median_ms sqlite3 "$KHIPU_DB" "SELECT 1")
k_nop=$(median_ms "$khipu" case deadlines --as demo-analyst --overdue --limit 1 --format csv)
plan=$(sqlite3 "$KHIPU_DB" "EXPLAIN QUERY PLAN $SQL" | tr '\n' ' ')

# one in ten overdue: the others opened 10 days ago, due in 50 days
sqlite3 "$KHIPU_DB" "UPDATE cases SET term_start = date('$today', '-10 days'),
	term_due = date('$today', '+50 days') WHERE id % 10 <> 0; ANALYZE;"
overdue10=$(sqlite3 "$KHIPU_DB" "SELECT count(*) FROM cases WHERE term_due < '$today'")
"$khipu" case deadlines --as demo-analyst --overdue --format csv >"$tmp/b.csv"
rows=$(($(wc -l <"$tmp/b.csv") - 1))
[ "$rows" = "$overdue10" ] || { echo "bench: the command printed $rows rows, the SQL counts $overdue10" >&2; exit 1; }
k10_all=$(median_ms "$khipu" case deadlines --as demo-analyst --overdue --format csv)
k10_tab=$(median_ms "$khipu" case deadlines --as demo-analyst --overdue)
k10_json=$(median_ms "$khipu" case deadlines --as demo-analyst --overdue --format json)
k10_off=$(median_ms "$khipu" case deadlines --as demo-prosecutor --overdue --format csv)
s10_all=$(median_ms sqlite3 -csv "$KHIPU_DB" "$SQL")

{
	echo "khipu bench deadlines $(date -u '+%F %H:%M') UTC, commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores"
	echo "register: demo --cases $cases --seed 1 ($demo_open cases with a running term as generated);"
	echo "  then every case given a running term: $open_cases open, $overdue overdue today ($today);"
	echo "  demo-prosecutor's office and shares: $office overdue"
	echo "load average at the start: $load0"
	echo "median of $runs runs, whole processes, output to /dev/null:"
	printf '  %-62s %8s ms\n' "khipu case deadlines --overdue --format csv (analyst, all)" "$k_all"
	printf '  %-62s %8s ms\n' "khipu case deadlines --overdue (table)" "$k_tab"
	printf '  %-62s %8s ms\n' "khipu case deadlines --overdue --format json" "$k_json"
	printf '  %-62s %8s ms\n' "khipu case deadlines --overdue --format csv (prosecutor)" "$k_off"
	printf '  %-62s %8s ms\n' "khipu case deadlines --overdue --limit 1 (start-up + 1 row)" "$k_nop"
	printf '  %-62s %8s ms\n' "reference: sqlite3 -csv, the same query (all)" "$s_all"
	printf '  %-62s %8s ms\n' "reference: sqlite3 -csv, the same query (prosecutor)" "$s_off"
	printf '  %-62s %8s ms\n' "reference: sqlite3 'SELECT 1' (start-up)" "$s_nop"
	echo "query plan: $plan"
	echo "the same $open_cases open cases, $overdue10 of them overdue (one in ten):"
	printf '  %-62s %8s ms\n' "khipu case deadlines --overdue --format csv (analyst, all)" "$k10_all"
	printf '  %-62s %8s ms\n' "khipu case deadlines --overdue (table)" "$k10_tab"
	printf '  %-62s %8s ms\n' "khipu case deadlines --overdue --format json" "$k10_json"
	printf '  %-62s %8s ms\n' "khipu case deadlines --overdue --format csv (prosecutor)" "$k10_off"
	printf '  %-62s %8s ms\n' "reference: sqlite3 -csv, the same query (all)" "$s10_all"
	echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$out"
