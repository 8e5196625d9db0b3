#!/bin/sh
# bench/attach.sh — a 10 MiB attachment stored and read back through the
# whole command (`khipu case attach`, `khipu case attachment get`: process
# start, key file, policy, encryption per chunk, the database, the audit
# entry, fsync) next to `cp` of the same file in the same run (issue 9:
# >= 100 MiB/s for the round trip). Median of KHIPU_BENCH_RUNS runs.
# Usage: sh bench/attach.sh path/to/khipu   (a release build: make build)
#   KHIPU_BENCH_MIB (10)  KHIPU_BENCH_RUNS (7)
#   KHIPU_BENCH_PG_URL: also on this (empty) PostgreSQL database
set -eu
khipu=${1:?usage: bench/attach.sh path/to/khipu}
root=$(cd "$(dirname "$0")/.." && pwd)
khipu=$(cd "$(dirname "$khipu")" && pwd)/$(basename "$khipu")
mib=${KHIPU_BENCH_MIB:-10}
runs=${KHIPU_BENCH_RUNS:-7}
results="$root/bench/results"
. "$root/bench/table.sh"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results/attach-$stamp.txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khipu-bench-attach.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$results"
export KHIPU_LANG=en
unset KHIPU_KEY_FILE KHIPU_ATTACH_MAX

ns() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
rate() { awk -v m="$mib" -v t="$1" 'BEGIN { printf "%.0f", m / (t / 1e9) }'; }
msec() { awk -v t="$1" 'BEGIN { printf "%.1f", t / 1e6 }'; }

# a PDF of $mib MiB: a PDF header, then random bytes (incompressible)
{ printf '%%PDF-1.7\n'; head -c $((mib * 1048576 - 9)) /dev/urandom; } >"$tmp/file.pdf"

bench_one() {   # label db-url
	label=$1
	export KHIPU_DB=$2 KHIPU_KEY_FILE="$tmp/$label.key"
	"$khipu" init >/dev/null
	"$khipu" demo --cases 20 --seed 1 --password bench-pass-123 >/dev/null
	id=$("$khipu" case list --as demo-prosecutor --limit 1 --format csv | sed -n '2s/,.*//p')
	: >"$tmp/put"; : >"$tmp/get"; : >"$tmp/cp"; : >"$tmp/cps"; : >"$tmp/putcpu"; : >"$tmp/getcpu"
	i=1
	while [ $i -le "$runs" ]; do
		rm -f "$tmp/copy.pdf" "$tmp/copy2.pdf" "$tmp/out.pdf"
		sync
		t=$(ns); cp "$tmp/file.pdf" "$tmp/copy.pdf"; echo $(($(ns) - t)) >>"$tmp/cp"
		t=$(ns); cp "$tmp/file.pdf" "$tmp/copy2.pdf"; sync "$tmp/copy2.pdf"; echo $(($(ns) - t)) >>"$tmp/cps"
		t=$(ns); /usr/bin/time -f '%U %S' -a -o "$tmp/putcpu" \
			"$khipu" case attach "$id" "$tmp/file.pdf" --as demo-prosecutor >/dev/null
		echo $(($(ns) - t)) >>"$tmp/put"
		t=$(ns); /usr/bin/time -f '%U %S' -a -o "$tmp/getcpu" \
			"$khipu" case attachment get "$id" "$i" --out "$tmp/out.pdf" \
			--as demo-prosecutor 2>/dev/null
		echo $(($(ns) - t)) >>"$tmp/get"
		cmp -s "$tmp/file.pdf" "$tmp/out.pdf" || { echo "round trip differs" >&2; exit 1; }
		i=$((i + 1))
	done
	put=$(median <"$tmp/put"); get=$(median <"$tmp/get"); cp=$(median <"$tmp/cp")
	cps=$(median <"$tmp/cps")
	both=$((put + get))
	printf '%-10s attach %6s ms (%4s MiB/s)  get %6s ms (%4s MiB/s)  round trip %6s ms (%4s MiB/s)\n' \
		"$label" "$(msec "$put")" "$(rate "$put")" "$(msec "$get")" "$(rate "$get")" \
		"$(msec "$both")" "$(rate "$both")"
	pc=$(awk '{ print ($1 + $2) * 1e9 }' "$tmp/putcpu" | median)
	gc=$(awk '{ print ($1 + $2) * 1e9 }' "$tmp/getcpu" | median)
	printf '%-10s processor time (user + system): attach %6s ms, get %6s ms; load average %s\n' \
		"" "$(msec "$pc")" "$(msec "$gc")" "$(cut -d' ' -f1-3 /proc/loadavg)"
	printf '%-10s cp %6s ms (%4s MiB/s)  cp+sync %6s ms (%4s MiB/s)\n' "reference" \
		"$(msec "$cp")" "$(rate "$cp")" "$(msec "$cps")" "$(rate "$cps")"
	bench_row attach "$label: case attach of a $mib MiB file (median)" "$(rate "$put")" MiB/s \
		"cp of the file, then sync of the copy" "$(rate "$cps")"
	bench_row attach "$label: case attachment get of it (median)" "$(rate "$get")" MiB/s \
		"cp of the file" "$(rate "$cp")"
}

{
	echo "khipu attachment bench: a $mib MiB PDF (random body), median of $runs runs, $(nproc) cores, $(date -u +%FT%TZ)"
	echo "  whole commands; attach = read file + type + encrypt + store + seal key + audit + commit (WAL, synchronous=NORMAL);"
	echo "  get = policy + audit (commit) + read + decrypt + write --out (fsync); cp = cp of the file; cp+sync = cp, then sync of the copy"
	bench_one sqlite "$tmp/bench.db"
	if [ -n "${KHIPU_BENCH_PG_URL:-}" ]; then
		bench_one postgresql "$KHIPU_BENCH_PG_URL"
	fi
} | tee "$out"
echo "results in $out"
