#!/bin/sh
# t0402 — khipu export ctdc: the k-anonymised file has no combination under
# k (checked here with python3), reports what it left out, reads back in with
# import ctdc; the differentially private counts respect their thresholds and
# are close to the true counts when the budget is large; bad parameters fail.
. "$KHIPU_LIB"
fresh_demo 600
A="--as demo-analyst"

expect 0 "export with k = 11" -- export ctdc $A --out "$T/k11.csv"
sed -n 's/^\([0-9]*\) victims; \([0-9]*\) rows written.* \([0-9]*\) suppressed.*/\1 \2 \3/p' "$T/err" >"$T/nums"
read -r victims rows suppressed <"$T/nums"
want=$(db_sql "SELECT count(*) FROM participations WHERE role = 'victim'")
[ "$victims" = "$want" ] && ok "every victim of the register is considered ($want)" ||
	not_ok "every victim of the register is considered ($victims, wanted $want)"
[ $((rows + suppressed)) = "$victims" ] && ok "rows written + suppressed = victims" ||
	not_ok "rows written + suppressed = victims ($rows + $suppressed != $victims)"
check_k() {
	python3 - "$1" "$2" <<'PY'
import csv, collections, sys
rows = list(csv.reader(open(sys.argv[1], newline='')))
head, body = rows[0], rows[1:]
assert len(head) == 14 and head[0] == 'yearOfRegistration', head
assert all(len(r) == 14 for r in body)
c = collections.Counter(tuple(r) for r in body)
small = [n for n in c.values() if n < int(sys.argv[2])]
assert not small, f"{len(small)} combinations under k"
print(len(body))
PY
}
n=$(check_k "$T/k11.csv" 11) && ok "no combination appears fewer than 11 times" ||
	not_ok "no combination appears fewer than 11 times"
[ "$n" = "$rows" ] && ok "the file has the rows reported" || not_ok "the file has the rows reported ($n, $rows)"
grep -q "Rosalinda\|@\|[0-9]\{8\}" "$T/k11.csv" && not_ok "no identity in the export" || ok "no identity in the export"
expect 0 "export with k = 2" -- export ctdc $A --out "$T/k2.csv"  --k 2
check_k "$T/k2.csv" 2 >"$T/n2" && [ "$(cat "$T/n2")" -ge "$rows" ] &&
	ok "a smaller k keeps at least as many rows" || not_ok "a smaller k keeps at least as many rows"
expect 0 "export with k = 50" -- export ctdc $A --out "$T/k50.csv"  --k 50
check_k "$T/k50.csv" 50 >/dev/null && ok "k = 50 holds too" || not_ok "k = 50 holds too"

# the export reads back as a CTDC Global Dataset extract, with the same counts
expect 0 "the export imports as CTDC" -- import ctdc "$T/k11.csv" $A
expect_err "format: ctdc-global" "read back as the Global Dataset format"
run stats $A --by year --where source=ctdc:k11.csv --format csv
tail -n +2 "$T/out" | tr -d '\r' >"$T/got"
python3 -c "
import csv, collections
c = collections.Counter('' if r['yearOfRegistration'] == '-99' else r['yearOfRegistration'] for r in csv.DictReader(open('$T/k11.csv', newline='')))
for k in sorted(c): print(f'{k},{c[k]}')" >"$T/want"
cmp -s "$T/got" "$T/want" && ok "counts by year of the re-imported file equal the file's" ||
	not_ok "counts by year of the re-imported file equal the file's"

# differential privacy
expect 0 "DP counts with a large budget" -- export ctdc $A --out "$T/dp100.csv" --dp-epsilon 100 --dp-length 2
t1=$(sed -n 's/.*length 1: .*threshold \([0-9.]*\).*/\1/p' "$T/err")
run stats $A --by year --where source=register --format csv
tr -d '\r' <"$T/out" | tail -n +2 >"$T/true"
python3 - "$T/dp100.csv" "$T/true" "$t1" <<'PY' && ok "length-1 counts by year are within 3 of the truth and above the threshold" || not_ok "length-1 counts by year are within 3 of the truth and above the threshold"
import csv, sys
true = dict(l.strip().split(',') for l in open(sys.argv[2]) if l.strip())
rows = list(csv.DictReader(open(sys.argv[1], newline='')))
years = [r for r in rows if r['length'] == '1' and r['yearOfRegistration']]
assert years, "no year released"
for r in years:
    assert abs(int(r['count']) - int(true[r['yearOfRegistration']])) <= 3, r
    assert int(r['count']) >= float(sys.argv[3]) - 0.5, r
assert all(int(r['length']) in (1, 2) for r in rows)
PY
expect 0 "DP counts with a small budget" -- export ctdc $A --out "$T/dp01.csv" --dp-epsilon 0.1
[ "$(wc -l <"$T/dp01.csv")" -lt "$(wc -l <"$T/dp100.csv")" ] &&
	ok "a smaller budget releases fewer combinations" || not_ok "a smaller budget releases fewer combinations"
python3 - "$T/dp01.csv" <<'PY' && ok "no released combination of one value is rarer than its threshold" || not_ok "no released combination of one value is rarer than its threshold"
import csv, sys
for r in csv.DictReader(open(sys.argv[1], newline='')):
    assert int(r['count']) >= 2, r
PY

# bad input, policy
expect 2 "k = 1 is refused" -- export ctdc $A --out "$T/bad.csv" --k 1
expect_err "at least 2" "the message says k must be at least 2"
expect 2 "k = 0 is refused" -- export ctdc $A --out "$T/bad.csv" --k 0
expect 2 "k = x is refused" -- export ctdc $A --out "$T/bad.csv" --k x
expect 2 "epsilon 0 is refused" -- export ctdc $A --out "$T/bad.csv" --dp-epsilon 0
expect_err "epsilon must be above 0" "the message names epsilon"
expect 2 "a negative epsilon is refused" -- export ctdc $A --out "$T/bad.csv" --dp-epsilon -1
expect 2 "epsilon 'abc' is refused" -- export ctdc $A --out "$T/bad.csv" --dp-epsilon abc
expect 2 "delta 0 is refused" -- export ctdc $A --out "$T/bad.csv" --dp-epsilon 1 --dp-delta 0
expect 2 "a reporting length of 4 is refused" -- export ctdc $A --out "$T/bad.csv" --dp-epsilon 1 --dp-length 4
expect 2 "--k with --dp-epsilon is refused" -- export ctdc $A --out "$T/bad.csv" --dp-epsilon 1 --k 5
expect 2 "no --out" -- export ctdc $A
[ -e "$T/bad.csv" ] && not_ok "bad parameters write no file" || ok "bad parameters write no file"
expect 5 "an existing file is not overwritten" -- export ctdc $A --out "$T/k11.csv"
expect 4 "a prosecutor may not export" -- export ctdc --as demo-prosecutor --out "$T/p.csv"
run audit show --as demo-auditor --format json
[ "$(grep -c '"data.export"' "$T/out")" = 5 ] && ok "each export is one audit entry" ||
	not_ok "each export is one audit entry ($(grep -c '"data.export"' "$T/out"))"
done_testing
