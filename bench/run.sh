#!/bin/sh
# bench/run.sh — `make bench`: time `khipu init` + `khipu demo --cases 100000`
# on a fresh register next to a plain C loop inserting as many rows into
# SQLite (bench/bench_insert.c), then person searches through the blind
# indexes next to raw SQLite indexed lookups (bench/bench_lookup.c). Results
# go to bench/results/ (git-ignored). Usage: bench/run.sh path/to/khipu
#   KHIPU_BENCH_CASES (100000)  KHIPU_BENCH_LOOKUPS (1000)
set -eu
khipu=${1:?usage: bench/run.sh path/to/khipu}
root=$(cd "$(dirname "$0")/.." && pwd)
builddir=$(cd "$(dirname "$khipu")" && pwd)
khipu="$builddir/$(basename "$khipu")"
cases=${KHIPU_BENCH_CASES:-100000}
lookups=${KHIPU_BENCH_LOOKUPS:-1000}
results="$root/bench/results"
. "$root/bench/table.sh"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results/bench-$stamp.txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khipu-bench.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$results"
export KHIPU_DB="$tmp/bench.db"
unset KHIPU_KEY_FILE

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
peak_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$1"; }
cpu_s() { awk -F': ' '/(User|System) time/ { t += $2 } END { printf "%.2f", t }' "$1"; }

# the lookup program is built by meson with the library (make bench)
lookup="$builddir/bench/bench_lookup"
[ -x "$lookup" ] || ninja -C "$builddir" bench/bench_lookup >/dev/null

# the write reference needs only SQLite
insert="$tmp/bench_insert"
cc -O2 -std=c11 -D_GNU_SOURCE "$root/bench/bench_insert.c" $(pkg-config --cflags --libs sqlite3) \
	-o "$insert"

echo "khipu bench: $cases cases, $lookups lookups ($(nproc) cores, $(uname -m))"
load0=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)
t0=$(now)
/usr/bin/time -v -o "$tmp/init.time" "$khipu" init >/dev/null
t1=$(now)
/usr/bin/time -v -o "$tmp/demo.time" "$khipu" demo --cases "$cases" --seed 1 \
	--password khipu-demo-2024 >/dev/null
t2=$(now)
db_mb=$(du -m "$KHIPU_DB" | cut -f1)
rows=$("$insert" --count "$KHIPU_DB")
# shellcheck disable=SC2046
set -- $("$insert" "$tmp/insert.db" "$rows")
ref_s=$2 ref_cpu=$3 ref_rate=$4 ref_mb=$5
rm -f "$tmp"/insert.db*
"$lookup" "$KHIPU_DB" "$KHIPU_DB.key" "$lookups" "$tmp/ref.db" >"$tmp/lookup.txt"
load1=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown)

{
	echo "khipu bench $stamp: $cases cases, $lookups lookups, $(nproc) cores, $(uname -m)"
	echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "load average (other programs on the machine): $load0 at the start, $load1 at the end"
	echo
	printf '%-34s %10s %10s %10s\n' "step" "seconds" "cpu_s" "peak_MB"
	printf '%-34s %10s %10s %10s\n' "khipu init" "$(elapsed "$t0" "$t1")" \
		"$(cpu_s "$tmp/init.time")" "$(peak_mb "$tmp/init.time")"
	printf '%-34s %10s %10s %10s\n' "khipu demo --cases $cases" "$(elapsed "$t1" "$t2")" \
		"$(cpu_s "$tmp/demo.time")" "$(peak_mb "$tmp/demo.time")"
	printf '%-34s %10s\n' "init + demo" "$(elapsed "$t0" "$t2")"
	printf '%-34s %10s %10s\n' "reference: $rows plain inserts" "$ref_s" "$ref_cpu"
	echo "database size: ${db_mb} MB, $rows rows ($ref_rate rows/s and ${ref_mb} MB for the reference)"
	echo
	cat "$tmp/lookup.txt"
} >"$out"
cat "$out"
echo "results: $out"
mean() { awk -v w="$1" 'index($0, w) == 1 { sub(w, ""); print $2 }' "$tmp/lookup.txt"; }
bench_row core "khipu init + demo --cases $cases" "$(elapsed "$t0" "$t2")" s \
	"C loop: $rows plain SQLite inserts (bench_insert)" "$ref_s"
bench_row core "person search by name (app_person_search, mean)" "$(mean "app_person_search by name")" us \
	"raw SQLite indexed lookup, same row count (mean)" "$(mean "raw sqlite indexed lookup")"
bench_row core "person search by phone (app_person_search, mean)" "$(mean "app_person_search by phone")" us \
	"raw SQLite indexed lookup, same row count (mean)" "$(mean "raw sqlite indexed lookup")"
