#!/bin/sh
# t0521 — privacy-preserving linkage: FEBRL 4a and 4b encoded with the same
# secret (khipu link encode) and matched one-to-one (khipu link match) reach
# F1 >= 0.95; the encoded file holds the ids and 1024-bit filters only, no
# name or other value in clear; files made with another secret or other
# fields are refused, as are short secrets, foreign or truncated files and a
# threshold outside (0,1).
. "$KHIPU_LIB"
D="${KHIPU_SHARED_DATA:-}/febrl"
if [ ! -r "$D/dataset4a.csv" ] || [ ! -r "$D/dataset4b.csv" ]; then
	echo "skipping: the FEBRL files are not in '$D' (KHIPU_SHARED_DATA)"
	echo "0 passed, 0 failed"
	exit 0
fi
F=given_name,surname,street_number,address_1,address_2,suburb,postcode,state,date_of_birth,soc_sec_id
printf 'a secret both registers agreed on, 2026\n' >"$T/secret"
printf 'another secret, never agreed with anyone\n' >"$T/other"

expect 0 "encode 4a" -- link encode --csv "$D/dataset4a.csv" --id rec_id --fields "$F" \
	--secret-file "$T/secret" --out "$T/a.clk"
expect_err "5000 records encoded" "encode says how many"
expect 0 "encode 4b" -- link encode --csv "$D/dataset4b.csv" --id rec_id --fields "$F" \
	--secret-file "$T/secret" --out "$T/b.clk"

# the encoded file: a JSON header, then id,BASE64 of 128 bytes; no value in clear
head -1 "$T/a.clk" | jq -e '.format == "khipu-clk" and .bits == 1024 and .records == 5000 and
	(.fingerprint | length) == 32 and (keys | sort) == ["bits","fingerprint","format","records","schema","version"]' \
	>/dev/null && ok "header: format, bits, schema, fingerprint, records" || not_ok "header: $(head -c 300 "$T/a.clk")"
tail -n +2 "$T/a.clk" | awk -F, 'NF != 2 || $1 !~ /^rec-[0-9]+-(org|dup-[0-9]+)$/ || length($2) != 172 { bad++ }
	END { exit bad > 0 }' && ok "records: an id and 172 base64 characters (1024 bits), nothing else" ||
	not_ok "records are not id,filter"
tail -n +2 "$T/a.clk" | cut -d, -f2 | head -50 | while read -r b; do
	printf '%s' "$b" | base64 -d | wc -c; done | sort -u | grep -qx 128 && ok "filters decode to 128 bytes" ||
	not_ok "filters do not decode to 128 bytes"
# every value of 8 letters or more (names, streets, suburbs) absent from the file
awk -F', *' 'NR > 1 { for (f = 2; f <= 7; f++) if (length($f) >= 8) print $f }' "$D/dataset4a.csv" |
	sort -u >"$T/values"
n=$(wc -l <"$T/values")
found=$(grep -c -F -i -f "$T/values" "$T/a.clk")
[ "$n" -gt 1000 ] && [ "$found" = 0 ] && ok "none of $n names and places in the encoded file" ||
	not_ok "$found lines of the encoded file hold a value of the CSV"
grep -q -i -F -e michaela -e neumann -e stanley "$T/a.clk" && not_ok "the first record's name is in the file" ||
	ok "the first record's name and street are not in the file"

expect 0 "link match 4a x 4b" -- link match "$T/a.clk" "$T/b.clk" --out "$T/matches.csv"
expect_err "one-to-one matches" "a summary on standard error"
head -1 "$T/matches.csv" | grep -qx "a_id,b_id,score" && ok "matches header" || not_ok "matches header"
tail -n +2 "$T/matches.csv" | cut -d, -f1 | sort | uniq -d | grep -q . && not_ok "an A record matched twice" ||
	ok "each A record at most once"
tail -n +2 "$T/matches.csv" | cut -d, -f2 | sort | uniq -d | grep -q . && not_ok "a B record matched twice" ||
	ok "each B record at most once"
awk -F, 'NR > 1 && ($3 < 0.8 || $3 > 1) { bad = 1 } END { exit bad }' "$T/matches.csv" &&
	ok "scores between the threshold and 1" || not_ok "a score outside [0.8, 1]"
expect 0 "evaluate the matches" -- link evaluate --pairs "$T/matches.csv" --csv "$D/dataset4a.csv" \
	--csv-b "$D/dataset4b.csv" --id rec_id --format json
jq -e '.true_pairs == 5000 and .f1 >= 0.95 and .precision >= 0.99' "$T/out" >/dev/null &&
	ok "PPRL 4a x 4b: F1 >= 0.95 ($(jq -c '[.precision,.recall,.f1]' "$T/out"))" ||
	not_ok "PPRL 4a x 4b: $(cat "$T/out")"
# counted here from the ids alone: true = same rec-N
tp=$(awk -F, 'NR > 1 { a = $1; b = $2; sub(/-(org|dup-[0-9]+)$/, "", a); sub(/-(org|dup-[0-9]+)$/, "", b); if (a == b) n++ }
	END { print n + 0 }' "$T/matches.csv")
jq -e --argjson tp "$tp" '.tp == $tp' "$T/out" >/dev/null && ok "evaluate's true positives = awk's ($tp)" ||
	not_ok "evaluate's tp differs from awk's $tp"

# refusals
expect 0 "encode 4b with another secret" -- link encode --csv "$D/dataset4b.csv" --id rec_id --fields "$F" \
	--secret-file "$T/other" --out "$T/b-other.clk"
rm -f "$T/bad.csv"
expect 2 "another secret: refused" -- link match "$T/a.clk" "$T/b-other.clk" --out "$T/bad.csv"
expect_err "different secrets" "the message says the secrets differ"
[ ! -e "$T/bad.csv" ] && ok "no matches file" || not_ok "a matches file was written"
expect 0 "encode 4b with other fields" -- link encode --csv "$D/dataset4b.csv" --id rec_id \
	--fields given_name,surname --secret-file "$T/secret" --out "$T/b-fields.clk"
expect 2 "another schema: refused" -- link match "$T/a.clk" "$T/b-fields.clk" --out "$T/bad.csv"
expect_err "different fields" "the message says the fields differ"
expect 2 "other bits per bigram: refused" -- link encode --csv "$D/dataset4b.csv" --id rec_id \
	--fields "given_name:text:99" --secret-file "$T/secret" --out "$T/bad.csv"
expect_err "bits per bigram" "bits out of range named"
printf 'short\n' >"$T/short"
expect 2 "a short secret" -- link encode --csv "$D/dataset4a.csv" --id rec_id --fields "$F" \
	--secret-file "$T/short" --out "$T/bad.csv"
expect_err "shorter than 16 bytes" "the message says why"
[ ! -e "$T/bad.csv" ] && ok "nothing written" || not_ok "a file was written"
expect 6 "a missing secret file" -- link encode --csv "$D/dataset4a.csv" --id rec_id --fields "$F" \
	--secret-file "$T/nope" --out "$T/bad.csv"
expect 2 "a CSV is not an encoded file" -- link match "$D/dataset4a.csv" "$T/b.clk" --out "$T/bad.csv"
expect_err "is not a file of 'khipu link encode'" "the message names the file"
head -100 "$T/b.clk" >"$T/trunc.clk"
expect 2 "a truncated file" -- link match "$T/a.clk" "$T/trunc.clk" --out "$T/bad.csv"
expect_err "truncated" "the message says truncated"
for th in 0 1 2 x; do
	expect 2 "threshold $th refused" -- link match "$T/a.clk" "$T/b.clk" --threshold "$th" --out "$T/bad.csv"
done
printf 'id,name\n1,N\361u\361ez\n' >"$T/latin1.csv"
expect 2 "encode: not UTF-8" -- link encode --csv "$T/latin1.csv" --id id --fields name \
	--secret-file "$T/secret" --out "$T/bad.csv"
expect_err "row 1, column 'name'" "the row and column named"
expect 2 "encode: missing column" -- link encode --csv "$D/dataset4a.csv" --id rec_id --fields nombre \
	--secret-file "$T/secret" --out "$T/bad.csv"
expect_err "column 'nombre' is not in the header" "the column named"
[ ! -e "$T/bad.csv" ] && ok "no file after any refusal" || not_ok "a file was written"

expect 0 "link encode --help" -- link encode --help
expect_out "Bloom filter" "--help explains the encoding"
expect 0 "link match --help" -- link match --help
expect_out "Dice" "--help explains the comparison"
done_testing
