#!/bin/sh
# t0401 — khipu import ctdc on the real CTDC files of shared/data/ctdc: the
# counts khipu reports equal those computed here from the CSV with python3;
# bad files (wrong, mixed or duplicated header, wrong codes, a truncated
# file, broken quotes) import nothing and say which row or column.
. "$KHIPU_LIB"
D="${KHIPU_SHARED_DATA:-}/ctdc"
GLOBAL="$D/global_2020_subset/global_dataset_14apr2020_subset.csv"
VPF="$D/vp_synthetic_2022/CTDC_VPsynthetic_condensed.csv"
if [ ! -r "$GLOBAL" ] || [ ! -r "$VPF" ]; then
	echo "skipping: the CTDC files are not in '$D' (KHIPU_SHARED_DATA)"
	echo "0 passed, 0 failed"
	exit 0
fi
fresh_demo 5
A="--as demo-analyst"
facts() { db_sql "SELECT count(*) FROM stat_facts WHERE source LIKE 'ctdc%'"; }

# compare NAME PYTHON -- khipu stats ARGS: csv body (keys, count) equals the
# lines python prints for the same grouping of the CSV file
compare() {
	what=$1; code=$2; shift 3
	run "$@" --format csv
	if [ "$rc" != 0 ]; then not_ok "$what (exit $rc)"; sed 's/^/    # /' "$T/err" | head -3; return; fi
	tail -n +2 "$T/out" | tr -d '\r' >"$T/got"
	python3 -c "$code" >"$T/want"
	if cmp -s "$T/got" "$T/want"; then ok "$what"; else
		not_ok "$what"; diff "$T/want" "$T/got" | head -6 | sed 's/^/    # /'
	fi
}
PY_HEAD="
import csv, collections, sys
rows = list(csv.DictReader(open('$GLOBAL', newline='')))
def out(counter):
    for k in sorted(counter, key=lambda k: tuple(x or '' for x in (k if isinstance(k, tuple) else (k,)))):
        key = ','.join(k) if isinstance(k, tuple) else k
        print(f'{key},{counter[k]}')
"

expect 2 "a file with columns no CTDC format has is refused" -- import ctdc "$GLOBAL" $A
expect_err "unknown column 'nacionalidade_lat'" "the message names the unknown column"
expect 0 "--dry-run checks the file" -- import ctdc "$GLOBAL" $A --dry-run --ignore-unknown-columns
expect_err "format: ctdc-global" "the format is told from the header and the values"
expect_err "7 of its 63 columns" "an extract of 7 of the 63 columns"
[ "$(facts)" = 0 ] && ok "a dry run imports nothing" || not_ok "a dry run imports nothing"
expect 4 "a prosecutor may not import" -- import ctdc "$GLOBAL" --as demo-prosecutor --ignore-unknown-columns
expect 0 "the analyst imports the Global Dataset extract" -- import ctdc "$GLOBAL" $A --ignore-unknown-columns
expect_out "48773 records imported" "all 48,773 rows"
S="source=ctdc:global_dataset_14apr2020_subset.csv"

compare "victims by year" "$PY_HEAD
out(collections.Counter(r['yearOfRegistration'] for r in rows))" -- stats $A --by year --where "$S"
compare "victims by sex" "$PY_HEAD
out(collections.Counter(r['gender'].lower() for r in rows))" -- stats $A --by sex --where "$S"
compare "victims by age band" "$PY_HEAD
out(collections.Counter(r['ageBroad'] for r in rows))" -- stats $A --by age_band --where "$S"
compare "victims by citizenship ('0' = unknown, NA = Namibia)" "$PY_HEAD
out(collections.Counter('' if r['citizenship'] in ('0', '') else r['citizenship'] for r in rows))" \
	-- stats $A --by nationality --where "$S"
compare "victims by country of exploitation, 2015-2017" "$PY_HEAD
out(collections.Counter(r['CountryOfExploitation'] for r in rows if '2015' <= r['yearOfRegistration'] <= '2017'))" \
	-- stats $A --by exploitation_country --from 2015 --to 2017 --where "$S"
compare "victims by form of exploitation (multi-valued)" "$PY_HEAD
c = collections.Counter()
for r in rows:
    forms = [f for f, col in (('forced_labour', 'isForcedLabour'), ('sexual_exploitation', 'isSexualExploit')) if r[col] == '1.0']
    for f in forms or ['']: c[f] += 1
out(c)" -- stats $A --by exploitation --where "$S"
compare "women by year and age band" "$PY_HEAD
out(collections.Counter((r['yearOfRegistration'], r['ageBroad']) for r in rows if r['gender'] == 'Female'))" \
	-- stats $A --by year,age_band --where "$S" --where sex=female
expect 5 "the same file again is a conflict" -- import ctdc "$GLOBAL" $A --ignore-unknown-columns
expect_err "imported already" "the message says it was imported already"
before=$(facts)
expect 5 "a dry run of a source imported already is a conflict too" -- import ctdc "$GLOBAL" $A --ignore-unknown-columns --dry-run
expect_err "imported already" "the dry run says it was imported already"
[ "$(facts)" = "$before" ] && ok "and imports nothing" || not_ok "the dry run imports nothing"

expect 0 "the victim-perpetrator dataset" -- import ctdc "$VPF" $A
expect_err "format: ctdc-victim-perpetrator-2022" "its format is recognised"
V="source=ctdc:CTDC_VPsynthetic_condensed.csv"
PY_VP="
import csv, collections
rows = list(csv.DictReader(open('$VPF', newline='')))
reg = {'Africa': 'africa', 'Asia': 'asia', 'Europe': 'europe', 'Americas/Oceania': 'americas_oceania', '': ''}
def out(c):
    for k in sorted(c): print(f'{k},{c[k]}' if isinstance(k, str) else ','.join(k) + f',{c[k]}')
"
compare "VP: victims by band of years" "$PY_VP
out(collections.Counter(r['yearRegister'] for r in rows))" -- stats $A --by year_band --where "$V"
compare "VP: region of origin x region of exploitation" "$PY_VP
out(collections.Counter((reg[r['UN_COO_Region']], reg[r['UN_COE_Region']]) for r in rows))" \
	-- stats $A --by origin_un_region,exploitation_un_region --where "$V"
compare "VP: minors and adults by sex" "$PY_VP
g = {'Adult': 'adult', 'Minor': 'child', '': ''}
out(collections.Counter((r['gender'].lower(), g[r['majorityStatus']]) for r in rows))" \
	-- stats $A --by sex,age_group --where "$V"
run stats $A --by source --format csv
tr -d '\r' <"$T/out" | grep -q "^ctdc:CTDC_VPsynthetic_condensed.csv,21195$" &&
	tr -d '\r' <"$T/out" | grep -q "^register," && ok "--by source tells the register and each file apart" ||
	not_ok "--by source tells the register and each file apart"

# a synthetic-2024 style extract (Woman/Man, ISO alpha-3) and a 2021 name cut at 32 characters
printf 'yearOfRegistration,gender,ageBroad,citizenship,meansDebtBondageEarnings,isForcedLabour\n2022,Woman,18--20,PER,1,1\n2021,Man,,VEN,,1\n2022,Woman,9--17,NAM,,\n' >"$T/s24.csv"
expect 0 "a 2024 synthetic extract" -- import ctdc "$T/s24.csv" $A
expect_err "format: ctdc-synthetic-2024" "recognised as the 2024 synthetic dataset"
run stats $A --by nationality --where source=ctdc:s24.csv --format csv
tr -d '\r' <"$T/out" | tr '\n' ' ' | grep -q "NA,1 PE,1 VE,1" && ok "alpha-3 countries land as alpha-2" ||
	not_ok "alpha-3 countries land as alpha-2 ($(cat "$T/out" | tr '\n' ' '))"
printf 'yearOfRegistration,gender,meansOfControlPsychoactiveSubsta,isForcedLabour\n2020,Female,1,\n' >"$T/s21.csv"
expect 0 "a 2021 extract with a name cut at 32 characters" -- import ctdc "$T/s21.csv" $A
run stats $A --by means_of_control --where source=ctdc:s21.csv --format csv
tr -d '\r' <"$T/out" | grep -q "^psychoactive_substances,1$" && ok "the cut name is the column it begins" ||
	not_ok "the cut name is the column it begins"

# bad files: nothing imported, the row or column named
before=$(facts)
bad() {
	want=$1; pattern=$2; what=$3
	expect "$want" "$what is refused" -- import ctdc "$T/bad.csv" $A --source "bad"
	expect_err "$pattern" "$what: the message says '$pattern'"
}
printf 'yearOfRegistration,gender,yearRegister\n2020,Female,2019\n' >"$T/bad.csv"
bad 2 "mixes CTDC formats" "a mixed header"
printf 'colour,size\nred,1\n' >"$T/bad.csv"
bad 2 "unknown column 'colour'" "a header of no CTDC format"
printf 'gender,ageBroad,gender\nFemale,18--20,Female\n' >"$T/bad.csv"
bad 2 "appears twice" "a column twice"
head -3 "$GLOBAL" | cut -d, -f1-7 >"$T/bad.csv"
printf '2016,Robot,18--20,PH,0.0,1.0,US\n2016,Female,18-20,PH,0.0,1.0,US\n2016,Female,18--20,XX,0.0,1.0,US\n2016,Female,18--20,PH,2,1.0,US\n' >>"$T/bad.csv"
bad 2 "4 of 6 rows rejected" "wrong codes"
expect_err "row 3, gender: 'Robot' is not a gender" "the first rejected row and column are named"
grep -q "row 4 (line 5), column 'ageBroad'" "$T/err" && grep -q "column 'citizenship'" "$T/err" &&
	grep -q "column 'isForcedLabour'" "$T/err" && ok "every rejected row is reported with its column" ||
	not_ok "every rejected row is reported with its column"
head -30 "$GLOBAL" | cut -d, -f1-7 >"$T/bad.csv"
printf '2016,Female,18--2' >>"$T/bad.csv"
bad 2 "row 30 has 3 fields" "a truncated file"
printf 'yearOfRegistration,gender\n2016,"Female\n' >"$T/bad.csv"
bad 2 "truncated" "an unclosed quote at the end"
printf 'yearOfRegistration,gender\n' >"$T/bad.csv"
bad 2 "no rows" "a header without rows"
: >"$T/bad.csv"
bad 2 "empty" "an empty file"
[ "$(facts)" = "$before" ] && ok "none of the bad files imported anything" ||
	not_ok "none of the bad files imported anything ($before -> $(facts))"
run audit show --as demo-auditor --format json
[ "$(grep -c '"data.import"' "$T/out")" = 4 ] && ok "each import is one audit entry" ||
	not_ok "each import is one audit entry ($(grep -c '"data.import"' "$T/out"))"
# imported records are in the cubes too; the cubes agree with the facts
for q in "--by year,sex" "--by nationality,age_band" "--by exploitation" "--by source,exploitation_country --from 2010"; do
	run stats $A $q --format csv
	cp "$T/out" "$T/cube"
	KHIPU_STATS_NO_CUBE=1 run stats $A $q --format csv
	cmp -s "$T/out" "$T/cube" && ok "cube = facts: $q" || not_ok "cube = facts: $q"
done
done_testing
