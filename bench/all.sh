#!/bin/sh
# bench/all.sh — `make bench`: every benchmark of bench/ in one run, and one
# table of what they measured: figure, value, the reference measured in the
# same run (a plain C loop of SQLite inserts, the sqlite3 CLI, nginx serving
# the same bytes, cp, SQLite beside PostgreSQL, pgbench) and the ratio (how
# many times the reference's cost: value / reference for times, reference /
# value for rates; 1 = as fast as the reference).
# Runs, in order: run.sh (core: the demo's write path, person search),
# web.sh, stats.sh, dashboard.sh, update.sh, attach.sh, pg.sh when
# PostgreSQL is installed, and any other bench/*.sh (not load.sh: make load).
# Each writes its own report to bench/results/ as before and its rows through
# bench/table.sh; the table goes to bench/results/bench-<time>.md.
# Usage: sh bench/all.sh path/to/khipu   (a release build: make build)
#   KHIPU_BENCH_QUICK=1   small sizes and short runs (a smoke test, minutes)
#   KHIPU_BENCH_ONLY="run web"  only these scripts
#   and each script's own settings (bench/README.md)
set -u
khipu=${1:?usage: bench/all.sh path/to/khipu}
khipu="$(cd "$(dirname "$khipu")" && pwd)/$(basename "$khipu")"
root=$(cd "$(dirname "$0")/.." && pwd)
results="$root/bench/results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results/bench-$stamp.md"
logs="$results/bench-$stamp"
mkdir -p "$logs"
table="$logs/rows.tsv"
: >"$table"
export KHIPU_BENCH_TABLE="$table"
if [ -n "${KHIPU_BENCH_QUICK:-}" ]; then
	export KHIPU_BENCH_CASES=${KHIPU_BENCH_CASES:-2000} KHIPU_BENCH_LOOKUPS=${KHIPU_BENCH_LOOKUPS:-200}
	export KHIPU_BENCH_WEB_SECONDS=${KHIPU_BENCH_WEB_SECONDS:-3} KHIPU_BENCH_WEB_CASES=${KHIPU_BENCH_WEB_CASES:-300}
	export KHIPU_BENCH_VICTIMS=${KHIPU_BENCH_VICTIMS:-20000} KHIPU_BENCH_RUNS=${KHIPU_BENCH_RUNS:-3}
	export KHIPU_BENCH_PG_CASES=${KHIPU_BENCH_PG_CASES:-2000} KHIPU_BENCH_PGBENCH_SECONDS=${KHIPU_BENCH_PGBENCH_SECONDS:-3}
	export KHIPU_BENCH_DASH_CASES=${KHIPU_BENCH_DASH_CASES:-300}
fi
# the order: the known ones, then any other script of bench/
scripts="run web stats dashboard update attach pg"
for f in "$root"/bench/*.sh; do
	n=$(basename "$f" .sh)
	case " $scripts all load table " in *" $n "*) ;; *) scripts="$scripts $n" ;; esac
done
[ -n "${KHIPU_BENCH_ONLY:-}" ] && scripts=$KHIPU_BENCH_ONLY
ninja -C "$(dirname "$khipu")" bench/bench_lookup >/dev/null 2>&1 || true
load0=$(cut -d' ' -f1-3 /proc/loadavg)
: >"$logs/status"
for n in $scripts; do
	if [ "$n" = pg ] && ! sh "$root/scripts/pg-test-server.sh" bindir >/dev/null 2>&1; then
		echo "$n skipped (PostgreSQL is not installed)" >>"$logs/status"
		continue
	fi
	echo "== bench/$n.sh" >&2
	t=$(date +%s)
	sh "$root/bench/$n.sh" "$khipu" >"$logs/$n.log" 2>&1
	rc=$?
	echo "$n exit $rc, $(($(date +%s) - t)) s" >>"$logs/status"
	[ $rc -eq 0 ] || { echo "bench/$n.sh failed (exit $rc):" >&2; tail -n 5 "$logs/$n.log" >&2; }
done
load1=$(cut -d' ' -f1-3 /proc/loadavg)
{
	echo "# khipu make bench $stamp"
	echo
	echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown), $(nproc) cores, $(uname -m);" \
		"load average $load0 at the start, $load1 at the end (other programs on the machine)"
	echo
	echo "| bench | figure | value | reference (same run) | reference value | ratio |"
	echo "| --- | --- | --- | --- | --- | --- |"
	awk -F '\t' '{
		g = $1; f = $2; v = $3; u = $4; r = $5; rv = $6; ratio = ""
		if (v != "" && rv != "" && v + 0 > 0 && rv + 0 > 0)
			ratio = sprintf("%.2f", (u ~ /\/s$|^tps$/) ? rv / v : v / rv)
		printf "| %s | %s | %s %s | %s | %s | %s |\n", g, f, v, u, (r == "" ? "—" : r), (rv == "" ? "—" : rv " " u), (ratio == "" ? "—" : ratio)
	}' "$table"
	echo
	echo "ratio: the figure's cost in units of the reference's (time / reference time, or reference rate / rate)."
	echo
	echo "scripts:"
	sed 's/^/- /' "$logs/status"
	echo
	echo "each script's own report: $logs/*.log"
} >"$out"
cat "$out"
echo "results: $out"
! grep -q 'exit [1-9]' "$logs/status"
