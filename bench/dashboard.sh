#!/bin/sh
# bench/dashboard.sh — the /stats dashboard over HTTP: a demo register, an
# analyst signed in, GET /stats (nine tables, their charts, their CSV links)
# timed with curl: the first request (derives the register's statistical
# facts), then the median of the next runs, unfiltered and with each filter;
# next to, in the same run, the server's floor (GET /healthz) and the same
# nine tables as nine `khipu stats` commands.
# Usage: sh bench/dashboard.sh path/to/khipu   (a release build: make build)
#   KHIPU_BENCH_DASH_CASES (2000)  KHIPU_BENCH_RUNS (10)
#   KHIPU_BENCH_DB: an existing demo register (password khipu-demo-2024) to
#   use instead of making one, e.g. the 1,000,000-victim register of
#   bench/stats.sh's KHIPU_BENCH_KEEP (its statistics are derived again only
#   if cases changed)
set -eu
khipu=${1:?usage: bench/dashboard.sh path/to/khipu}
khipu=$(cd "$(dirname "$khipu")" && pwd)/$(basename "$khipu")
root=$(cd "$(dirname "$0")/.." && pwd)
cases=${KHIPU_BENCH_DASH_CASES:-2000}
runs=${KHIPU_BENCH_RUNS:-10}
results="$root/bench/results"
. "$root/bench/table.sh"
out="$results/dashboard-$(date -u +%Y%m%dT%H%M%SZ).txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khipu-bench-dash.XXXXXX")
srv=""
cleanup() {
	[ -n "$srv" ] && kill -TERM "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$results"
export KHIPU_DB="${KHIPU_BENCH_DB:-$tmp/dash.db}" KHIPU_LANG=en
unset KHIPU_KEY_FILE
pw=khipu-demo-2024

if [ -n "${KHIPU_BENCH_DB:-}" ]; then
	cases=$(sqlite3 "$KHIPU_DB" "SELECT count(*) FROM cases")
else
	"$khipu" init >/dev/null
	"$khipu" demo --cases "$cases" --seed 1 --password "$pw" >/dev/null
fi
victims=$(sqlite3 "$KHIPU_DB" "SELECT count(*) FROM participations WHERE role = 'victim'")
"$khipu" serve --listen 127.0.0.1:0 --threads 2 2>"$tmp/serve.log" &
srv=$!
port=""
for _ in $(seq 1 100); do
	port=$(sed -n 's/^khipu: serving on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$tmp/serve.log")
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { echo "bench/dashboard.sh: the server did not start" >&2; exit 1; }
url="http://127.0.0.1:$port"
jar="$tmp/jar"
csrf=$(curl -s -c "$jar" -b "$jar" "$url/login" | grep -o 'name="csrf" value="[^"]*"' |
	sed 's/.*value="//;s/"$//')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode username=demo-analyst \
	--data-urlencode "password=$pw" --data-urlencode "csrf=$csrf" "$url/login"
office=$(sqlite3 "$KHIPU_DB" "SELECT o.code FROM cases c JOIN offices o ON o.id = c.office_id
	GROUP BY 1 ORDER BY count(*) DESC LIMIT 1")

# milliseconds of one GET (curl's total time)
get_ms() {
	curl -s -o "$tmp/body" -b "$jar" -w '%{http_code} %{time_total}\n' "$url$1" >"$tmp/w"
	read -r code secs <"$tmp/w"
	[ "$code" = 200 ] || { echo "bench/dashboard.sh: GET $1 answered $code" >&2; exit 1; }
	awk "BEGIN { printf \"%.1f\n\", $secs * 1000 }"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
median_get() {
	i=0; : >"$tmp/times"
	while [ $i -lt "$runs" ]; do get_ms "$1" >>"$tmp/times"; i=$((i + 1)); done
	median <"$tmp/times"
}
ms() { date +%s%N; }

first=$(get_ms /stats)
{
	echo "khipu /stats dashboard: a demo of $cases cases, $victims victims, $(nproc) cores, median of $runs runs"
	echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo '?'), $(date -u '+%Y-%m-%d %H:%M') UTC, load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	echo "| request | ms |"
	echo "| --- | --- |"
	echo "| first GET /stats (derives the facts of $cases cases) | $first |"
	stats_ms=$(median_get /stats)
	echo "| GET /stats | $stats_ms |"
	echo "| GET /stats?from=2019&to=2022 | $(median_get '/stats?from=2019&to=2022') |"
	echo "| GET /stats?office=$office | $(median_get "/stats?office=$office") |"
	echo "| GET /stats?region=15 | $(median_get '/stats?region=15') |"
	echo "| GET /stats.csv?table=funnel | $(median_get '/stats.csv?table=funnel') |"
	echo "| reference: GET /healthz (the server's floor) | $(median_get /healthz) |"
	# reference: the nine tables' queries as nine commands (process start each)
	i=0; : >"$tmp/cli"
	while [ $i -lt "$runs" ]; do
		t=$(ms)
		while IFS='|' read -r args; do
			# shellcheck disable=SC2086
			"$khipu" stats --as demo-analyst $args --format csv >/dev/null
		done <<'Q'
--by year,sex --where source=register
--by age_band,sex --where source=register
--by exploitation --where source=register
--by nationality --where source=register
--by origin_region,exploitation_region --where source=register
--by stage --measure cases
--by outcome,sex --measure suspects
--by sentence_years,sex --measure convictions
--by asset_measure --measure assets_value
Q
		echo $(( ($(ms) - t) / 1000000 )) >>"$tmp/cli"
		i=$((i + 1))
	done
	cli=$(median <"$tmp/cli")
	echo "| reference: the nine queries as nine \`khipu stats\` commands | $cli |"
	bench_row dashboard "GET /stats, the whole dashboard of $cases cases (median)" "$stats_ms" ms \
		"the nine queries as nine khipu stats commands" "$cli"
} | tee "$out"
echo "results: $out"
