#!/bin/sh
# bench/link.sh — record linkage on the FEBRL benchmark (issue 12):
#  1. `khipu link dedup` of FEBRL dataset 4 (4a and 4b in one file, 10,000
#     records, 5,000 true pairs): time (median of KHIPU_BENCH_RUNS runs) and
#     precision, recall, F1 — counted twice, by `khipu link evaluate` and by
#     awk from the ids alone; beside the reference measured in the same run:
#     a deterministic rule in awk (same given name, surname and birth date),
#     its time and F1. Targets: <= 2 s, F1 >= 0.95.
#  2. privacy-preserving linkage: 4a and 4b each encoded with the same
#     secret (`link encode`), then `link match` one-to-one: time, precision,
#     recall, F1 (target F1 >= 0.95).
#  3. Dice comparisons per second on random 1024-bit filters (bench_dice, the
#     kernel of `link match`) beside a plain C popcount loop over the same
#     pairs in the same run (target >= 200 million per second per core).
# Usage: sh bench/link.sh path/to/khipu   (a release build: make build)
#   KHIPU_BENCH_RUNS (5)  KHIPU_SHARED_DATA (../shared/data)
set -eu
khipu=${1:?usage: bench/link.sh path/to/khipu}
root=$(cd "$(dirname "$0")/.." && pwd)
khipu=$(cd "$(dirname "$khipu")" && pwd)/$(basename "$khipu")
runs=${KHIPU_BENCH_RUNS:-5}
data=${KHIPU_SHARED_DATA:-$root/../shared/data}/febrl
results="$root/bench/results"
. "$root/bench/table.sh"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results/link-$stamp.txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khipu-bench-link.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$results"
export KHIPU_LANG=en
[ -r "$data/dataset4a.csv" ] || { echo "bench/link.sh: no FEBRL files in '$data'" >&2; exit 1; }

ns() { date +%s%N; }
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
sec() { awk -v t="$1" 'BEGIN { printf "%.3f", t / 1e9 }'; }
F=given_name,surname,street_number,address_1,address_2,suburb,postcode,state,date_of_birth,soc_sec_id

# dataset 4: 4a then 4b without its header (4a has no final newline)
{ cat "$data/dataset4a.csv"; echo; tail -n +2 "$data/dataset4b.csv"; } | grep -v '^$' >"$tmp/febrl4.csv"

# precision recall f1 of a pairs file, from the FEBRL ids only (dedup: pairs
# within the file; with a second records file, pairs across the two)
awk_prf() {   # records pairs [records_b]
	awk -F', *' -v two="${3:+1}" '
		function ent(x) { sub(/-(org|dup-[0-9]+)$/, "", x); return x }
		FILENAME == ARGV[1] && FNR > 1 { na[ent($1)]++; next }
		two && FILENAME == ARGV[3] && FNR > 1 { nb[ent($1)]++; next }
		FILENAME == ARGV[2] && FNR > 1 { k = ($1 < $2 || two) ? $1 SUBSEP $2 : $2 SUBSEP $1
			if (k in seen) next; seen[k] = 1; if (ent($1) == ent($2)) tp++; else fp++ }
		END { if (two) for (e in na) t += na[e] * nb[e]; else for (e in na) t += na[e] * (na[e] - 1) / 2
			p = tp / (tp + fp); r = tp / t; printf "%.4f %.4f %.4f\n", p, r, 2 * p * r / (p + r) }' \
		"$@"
}

# 1. dedup
: >"$tmp/t"; : >"$tmp/cpu"
for i in $(seq "$runs"); do
	t0=$(ns)
	/usr/bin/time -f %U -o "$tmp/u" "$khipu" link dedup --csv "$tmp/febrl4.csv" --id rec_id \
		--fields "$F" --out "$tmp/pairs.csv" 2>"$tmp/summary"
	echo $(($(ns) - t0)) >>"$tmp/t"
	cat "$tmp/u" >>"$tmp/cpu"
done
t_dedup=$(median <"$tmp/t")
cpu_dedup=$(median <"$tmp/cpu")
"$khipu" link evaluate --pairs "$tmp/pairs.csv" --csv "$tmp/febrl4.csv" --id rec_id >"$tmp/eval"
set -- $(awk_prf "$tmp/febrl4.csv" "$tmp/pairs.csv")
p_dedup=$1 r_dedup=$2 f_dedup=$3
# the reference: exact agreement on given name, surname and birth date (awk)
: >"$tmp/t"
for i in $(seq "$runs"); do
	t0=$(ns)
	awk -F', *' 'FNR > 1 && $2 != "" && $3 != "" && $10 != "" { k = $2 SUBSEP $3 SUBSEP $10
		if (k in first) { n = split(first[k], ids, " "); for (j = 1; j <= n; j++) print ids[j] "," $1
			first[k] = first[k] " " $1 } else first[k] = $1 }' "$tmp/febrl4.csv" |
		{ echo a_id,b_id; cat; } >"$tmp/rule.csv"
	echo $(($(ns) - t0)) >>"$tmp/t"
done
t_rule=$(median <"$tmp/t")
set -- $(awk_prf "$tmp/febrl4.csv" "$tmp/rule.csv")
p_rule=$1 r_rule=$2 f_rule=$3

# 2. and 3. once link encode exists
have_pprl=0
"$khipu" link encode --help >/dev/null 2>&1 && have_pprl=1
if [ $have_pprl = 1 ]; then
# 2. PPRL
printf 'a secret both registers agreed on, 2026\n' >"$tmp/secret"
t0=$(ns)
"$khipu" link encode --csv "$data/dataset4a.csv" --id rec_id --fields "$F" --secret-file "$tmp/secret" \
	--out "$tmp/a.clk" 2>/dev/null
"$khipu" link encode --csv "$data/dataset4b.csv" --id rec_id --fields "$F" --secret-file "$tmp/secret" \
	--out "$tmp/b.clk" 2>/dev/null
t_encode=$(($(ns) - t0))
: >"$tmp/t"
for i in $(seq "$runs"); do
	t0=$(ns)
	"$khipu" link match "$tmp/a.clk" "$tmp/b.clk" --out "$tmp/matches.csv" 2>"$tmp/msummary"
	echo $(($(ns) - t0)) >>"$tmp/t"
done
t_match=$(median <"$tmp/t")
"$khipu" link evaluate --pairs "$tmp/matches.csv" --csv "$data/dataset4a.csv" \
	--csv-b "$data/dataset4b.csv" --id rec_id >"$tmp/meval"
set -- $(awk_prf "$data/dataset4a.csv" "$tmp/matches.csv" "$data/dataset4b.csv")
p_pprl=$1 r_pprl=$2 f_pprl=$3
"$khipu" link match "$tmp/a.clk" "$tmp/b.clk" --threshold 0.7 --out "$tmp/matches7.csv" 2>/dev/null
set -- $(awk_prf "$data/dataset4a.csv" "$tmp/matches7.csv" "$data/dataset4b.csv")
p_pprl7=$1 r_pprl7=$2 f_pprl7=$3

# 3. Dice throughput beside a plain popcount loop
dice=$(dirname "$khipu")/bench/bench_dice
ninja -C "$(dirname "$khipu")" bench/bench_dice >/dev/null 2>&1 || true
"$dice" >"$tmp/dice"
dice_rate=$(awk '/^dice/ { print $2 }' "$tmp/dice")
plain_rate=$(awk '/^plain/ { print $2 }' "$tmp/dice")

fi

{
	echo "khipu bench/link.sh $stamp on $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	echo "1. link dedup, FEBRL dataset 4 (10,000 records), median of $runs runs"
	echo "   khipu link dedup --csv febrl4.csv --id rec_id --fields $F --out pairs.csv"
	echo "   time $(sec "$t_dedup") s (CPU $cpu_dedup s); $(cat "$tmp/summary")"
	echo "   precision $p_dedup recall $r_dedup F1 $f_dedup (awk from the ids); link evaluate:"
	sed 's/^/     /' "$tmp/eval"
	echo "   reference (same run): awk, exact given name + surname + birth date:"
	echo "   time $(sec "$t_rule") s; precision $p_rule recall $r_rule F1 $f_rule"
	[ $have_pprl = 1 ] || exit 0
	echo
	echo "2. PPRL: link encode 4a and 4b (same secret), link match (threshold 0.8, one-to-one)"
	echo "   encode both $(sec "$t_encode") s; match $(sec "$t_match") s; $(cat "$tmp/msummary")"
	echo "   precision $p_pprl recall $r_pprl F1 $f_pprl (awk from the ids); link evaluate:"
	sed 's/^/     /' "$tmp/meval"
	echo "   at --threshold 0.7: precision $p_pprl7 recall $r_pprl7 F1 $f_pprl7"
	echo
	echo "3. Dice on 1024-bit filters (bench_dice, one core)"
	sed 's/^/   /' "$tmp/dice"
} | tee "$out"

bench_row link "dedup FEBRL 4 (10,000 records)" "$(sec "$t_dedup")" s "awk exact rule" "$(sec "$t_rule")"
bench_row link "dedup FEBRL 4 F1" "$f_dedup" F1 "awk exact rule" "$f_rule"
[ $have_pprl = 1 ] || exit 0
bench_row link "PPRL match 4a x 4b" "$(sec "$t_match")" s "" ""
bench_row link "PPRL 4a x 4b F1" "$f_pprl" F1 "" ""
bench_row link "Dice comparisons (1024 bits)" "$dice_rate" "cmp/s" "plain popcount loop" "$plain_rate"
