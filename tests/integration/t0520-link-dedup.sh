#!/bin/sh
# t0520 — khipu link dedup and link evaluate on the FEBRL files of
# shared/data/febrl (rec-N-org and rec-N-dup-K are the same person): the
# pairs found reach F1 >= 0.95, and the precision and recall that link
# evaluate reports equal those counted here with awk from the ids alone;
# bad input (missing column, not UTF-8, a threshold outside (0,1), empty or
# repeated ids) is refused naming the option or the row and column, and
# writes no pairs file.
. "$KHIPU_LIB"
D="${KHIPU_SHARED_DATA:-}/febrl"
if [ ! -r "$D/dataset1.csv" ] || [ ! -r "$D/dataset3.csv" ]; then
	echo "skipping: the FEBRL files are not in '$D' (KHIPU_SHARED_DATA)"
	echo "0 passed, 0 failed"
	exit 0
fi
F=given_name,surname,street_number,address_1,address_2,suburb,postcode,state,date_of_birth,soc_sec_id

# awk_eval CSV PAIRS: "tp fp true" counted from the FEBRL ids only
awk_eval() {
	awk -F', *' 'NR == FNR { if (FNR > 1) { e = $1; sub(/-(org|dup-[0-9]+)$/, "", e); n[e]++ } next }
		FNR > 1 { a = $1; b = $2; sub(/-(org|dup-[0-9]+)$/, "", a); sub(/-(org|dup-[0-9]+)$/, "", b)
			k = ($1 < $2) ? $1 SUBSEP $2 : $2 SUBSEP $1; if (k in seen) next; seen[k] = 1
			if (a == b) tp++; else fp++ }
		END { for (e in n) t += n[e] * (n[e] - 1) / 2; print tp + 0, fp + 0, t }' "$1" "$2"
}

for n in 1 3; do
	expect 0 "link dedup of FEBRL dataset $n" -- link dedup --csv "$D/dataset$n.csv" --id rec_id \
		--fields "$F" --out "$T/pairs$n.csv" --model "$T/model$n.json"
	expect_err "candidate pairs compared" "a summary on standard error"
	head -1 "$T/pairs$n.csv" | grep -qx "a_id,b_id,probability,match_weight,$F" &&
		ok "pairs header names the fields" || not_ok "pairs header: $(head -1 "$T/pairs$n.csv")"
	expect 0 "link evaluate dataset $n" -- link evaluate --pairs "$T/pairs$n.csv" \
		--csv "$D/dataset$n.csv" --id rec_id --format json
	set -- $(awk_eval "$D/dataset$n.csv" "$T/pairs$n.csv")
	tp=$1 fp=$2 tot=$3
	jq -e --argjson tp "$tp" --argjson fp "$fp" --argjson t "$tot" \
		'.tp == $tp and .fp == $fp and .true_pairs == $t and .fn == $t - $tp' "$T/out" >/dev/null &&
		ok "evaluate agrees with awk (tp $tp fp $fp of $tot)" ||
		not_ok "evaluate disagrees with awk (tp $tp fp $fp of $tot): $(cat "$T/out")"
	jq -e '.f1 >= 0.95 and .precision >= 0.95 and .recall >= 0.95' "$T/out" >/dev/null &&
		ok "dataset $n: F1 >= 0.95 ($(jq -c '[.precision,.recall,.f1]' "$T/out"))" ||
		not_ok "dataset $n: F1 below 0.95: $(cat "$T/out")"
	jq -e '.lambda > 0 and .lambda < 1 and (.fields | length) == 10 and
		(.fields[] | select(.name == "date_of_birth") | .kind == "date" and .m.exact > .u.exact)' \
		"$T/model$n.json" >/dev/null && ok "model: kinds inferred, m > u on exact dates" ||
		not_ok "model: $(head -c 300 "$T/model$n.json")"
done

# a threshold trades recall for precision: fewer pairs at 0.999999 than at 0.5
run link dedup --csv "$D/dataset1.csv" --id rec_id --fields "$F" --threshold 0.5 --out "$T/lo.csv"
run link dedup --csv "$D/dataset1.csv" --id rec_id --fields "$F" --threshold 0.999999 --out "$T/hi.csv"
[ "$(wc -l <"$T/hi.csv")" -lt "$(wc -l <"$T/lo.csv")" ] && ok "a higher threshold keeps fewer pairs" ||
	not_ok "threshold: $(wc -l <"$T/hi.csv") vs $(wc -l <"$T/lo.csv")"
awk -F, 'NR > 1 && $3 < 0.999999 { bad = 1 } END { exit bad }' "$T/hi.csv" &&
	ok "every pair at or above the threshold" || not_ok "a pair below the threshold"

# standard input and output, explicit kinds
head -201 "$D/dataset1.csv" | "$KHIPU" link dedup --csv - --id rec_id \
	--fields "given_name,surname:text,date_of_birth:date,soc_sec_id:id" --out - >"$T/stdout.csv" 2>"$T/err"
[ $? = 0 ] && head -1 "$T/stdout.csv" | grep -q "^a_id,b_id,probability,match_weight,given_name" &&
	ok "--csv - and --out -" || not_ok "--csv - and --out -: $(head -2 "$T/err")"

# bad input: refused, nothing written
bad() {
	what=$1; pattern=$2; shift 2
	rm -f "$T/bad.csv"
	expect 2 "$what" -- "$@"
	expect_err "$pattern" "$what: the message says '$pattern'"
	[ ! -e "$T/bad.csv" ] && ! ls "$T"/bad.csv.tmp-* >/dev/null 2>&1 && ok "$what: no pairs file" ||
		not_ok "$what: a pairs file was written"
}
bad "missing column" "column 'surnam' is not in the header" \
	link dedup --csv "$D/dataset1.csv" --id rec_id --fields given_name,surnam --out "$T/bad.csv"
bad "missing id column" "--id: column 'id' is not in the header" \
	link dedup --csv "$D/dataset1.csv" --id id --fields given_name --out "$T/bad.csv"
printf 'id,name\n1,Rosa\n2,N\361u\361ez\n' >"$T/latin1.csv"
bad "not UTF-8" "row 2, column 'name'" \
	link dedup --csv "$T/latin1.csv" --id id --fields name --out "$T/bad.csv"
grep -q "$(printf '\361')" "$T/err" && not_ok "the message repeats the value" || ok "the value is not repeated"
for th in 0 1 1.5 -0.2 abc 0.9x; do
	bad "threshold $th" "between 0 and 1" \
		link dedup --csv "$D/dataset1.csv" --id rec_id --fields given_name --threshold "$th" --out "$T/bad.csv"
done
printf 'id,name\n1,Rosa\n,Rosa\n' >"$T/noid.csv"
bad "empty id" "row 2: the id column 'id' is empty" \
	link dedup --csv "$T/noid.csv" --id id --fields name --out "$T/bad.csv"
printf 'id,name\n7,Rosa\n7,Rosa\n' >"$T/dupid.csv"
bad "repeated id" "rows 1 and 2 have the same id '7'" \
	link dedup --csv "$T/dupid.csv" --id id --fields name --out "$T/bad.csv"
printf 'id,name\n1,Rosa,x\n' >"$T/ragged.csv"
bad "ragged row" "row 1 has 3 fields" \
	link dedup --csv "$T/ragged.csv" --id id --fields name --out "$T/bad.csv"
bad "unknown kind" "unknown kind 'fecha'" \
	link dedup --csv "$D/dataset1.csv" --id rec_id --fields date_of_birth:fecha --out "$T/bad.csv"
bad "no --out" "are required" link dedup --csv "$D/dataset1.csv" --id rec_id --fields given_name
expect 6 "an unwritable output" -- link dedup --csv "$D/dataset1.csv" --id rec_id --fields given_name \
	--out /nonexistent/dir/p.csv
expect 2 "evaluate: an id not in the records" -- link evaluate --pairs "$T/dupid.csv" \
	--csv "$D/dataset1.csv" --id rec_id
expect_err "id '7' is not in the records" "evaluate names the unknown id"
printf 'id,name\n1,Rosa\n2,Ana\n' >"$T/plain.csv"
printf 'a_id,b_id\n1,2\n' >"$T/plainpairs.csv"
expect 2 "evaluate: not FEBRL ids" -- link evaluate --pairs "$T/plainpairs.csv" --csv "$T/plain.csv" --id id
expect_err "is not a FEBRL id" "evaluate says the ids are not FEBRL's"

# help from the descriptor, in both languages
expect 0 "link dedup --help" -- link dedup --help
expect_out "Fellegi-Sunter" "--help describes the model"
KHIPU_LANG=es run link dedup --help
grep -q "Fellegi-Sunter" "$T/out" && ! grep -q "Find the records" "$T/out" &&
	ok "--help in Spanish" || not_ok "--help in Spanish: $(head -2 "$T/out")"
done_testing
