#!/bin/sh
# t0400 — khipu stats: counts agree with the case tables (computed here with
# the sqlite3 tool or psql and python3, not through khipu), follow new cases and
# events, obey the policy, and refuse bad queries.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 60
A="--as demo-analyst"

# same_as NAME SQL -- khipu stats ARGS: the csv body equals the SQL's rows
same_as() {
	what=$1; sql=$2; shift 3
	run "$@" --format csv
	if [ "$rc" != 0 ]; then not_ok "$what (exit $rc)"; sed 's/^/    # /' "$T/err" | head -3; return; fi
	tail -n +2 "$T/out" | tr -d '\r' >"$T/got"
	db_sql "$sql" >"$T/want"
	if cmp -s "$T/got" "$T/want"; then ok "$what"; else
		not_ok "$what"; diff "$T/want" "$T/got" | head -5 | sed 's/^/    # /'
	fi
}
V="FROM participations p JOIN cases c ON c.id = p.case_id JOIN persons s ON s.id = p.person_id"

same_as "victims by year and sex" \
	"SELECT substr(c.complaint_date, 1, 4), s.sex, count(*) $V WHERE p.role = 'victim' GROUP BY 1, 2 ORDER BY 1, 2" \
	-- stats $A --by year,sex
same_as "cases by stage" \
	"SELECT stage, count(*) FROM cases GROUP BY 1 ORDER BY 1" -- stats $A --by stage --measure cases
same_as "cases by office (code) and region" \
	"SELECT o.code, c.place_department, count(*) FROM cases c JOIN offices o ON o.id = c.office_id GROUP BY 1, 2 ORDER BY 1, 2" \
	-- stats $A --by office,region --measure cases
same_as "victims by exploitation (multi-valued)" \
	"SELECT pc.code, count(*) $V JOIN participation_codes pc ON pc.participation_id = p.id AND pc.dim = 'exploitation' WHERE p.role = 'victim' GROUP BY 1 ORDER BY 1" \
	-- stats $A --by exploitation
same_as "victims by means of control, 2019-2022, women only" \
	"SELECT pc.code, count(*) $V JOIN participation_codes pc ON pc.participation_id = p.id AND pc.dim = 'control' WHERE p.role = 'victim' AND s.sex = 'female' AND substr(c.complaint_date, 1, 4) BETWEEN '2019' AND '2022' GROUP BY 1 ORDER BY 1" \
	-- stats $A --by means_of_control --from 2019 --to 2022 --where sex=female
same_as "suspects by outcome" \
	"SELECT p.outcome, count(*) $V WHERE p.role = 'suspect' GROUP BY 1 ORDER BY 1" \
	-- stats $A --by outcome --measure suspects
same_as "convictions by the judgement's year" \
	"SELECT substr(p.convicted_on, 1, 4), count(*) $V WHERE p.role = 'suspect' AND p.outcome IN ('convicted', 'plea_convicted', 'effective_collaboration') GROUP BY 1 ORDER BY 1" \
	-- stats $A --by year --measure convictions
same_as "persons prosecuted by the year of the first indictment or judgement" \
	"SELECT substr(p.prosecuted_on, 1, 4), count(*) $V WHERE p.role = 'suspect' AND coalesce(p.prosecuted_on, '') <> '' GROUP BY 1 ORDER BY 1" \
	-- stats $A --by year --measure prosecuted
same_as "convictions by years of sentence" \
	"SELECT b, n FROM (SELECT CASE WHEN p.sentence_months < 60 THEN '00-04' WHEN p.sentence_months < 120 THEN '05-09' WHEN p.sentence_months < 180 THEN '10-14' WHEN p.sentence_months < 240 THEN '15-19' WHEN p.sentence_months < 300 THEN '20-24' WHEN p.sentence_months < 360 THEN '25-29' WHEN p.sentence_months >= 360 THEN '30+' END AS b, count(*) AS n $V WHERE p.role = 'suspect' AND p.outcome IN ('convicted', 'plea_convicted', 'effective_collaboration') GROUP BY 1) AS t ORDER BY b IS NOT NULL, b" \
	-- stats $A --by sentence_years --measure convictions
same_as "asset value (PEN) by year" \
	"SELECT substr(c.complaint_date, 1, 4), (CAST(sum(a.value_cents) AS BIGINT) / 100) || '.' || substr(CAST(100 + CAST(sum(a.value_cents) AS BIGINT) % 100 AS TEXT), 2) FROM assets a JOIN cases c ON c.id = a.case_id WHERE a.currency = 'PEN' GROUP BY 1 ORDER BY 1" \
	-- stats $A --by year --measure assets_value
same_as "victims in Madre de Dios by nationality" \
	"SELECT s.nationality, count(*) $V WHERE p.role = 'victim' AND c.place_department = '17' GROUP BY 1 ORDER BY 1" \
	-- stats $A --by nationality --where region=17

# age bands computed in python from the birth year and the complaint year
db_sql "SELECT substr(c.complaint_date, 1, 4), s.birth_year FROM participations p JOIN cases c ON c.id = p.case_id JOIN persons s ON s.id = p.person_id WHERE p.role = 'victim'" >"$T/born"
python3 - "$T/born" >"$T/want" <<'PY'
import csv, sys, collections
bands = [(8, '0--8'), (17, '9--17'), (20, '18--20'), (23, '21--23'), (26, '24--26'),
         (29, '27--29'), (38, '30--38'), (47, '39--47')]
def band(age):
    if age is None or age < 0: return ''
    for top, name in bands:
        if age <= top: return name
    return '48+'
n = collections.Counter()
for year, born in csv.reader(open(sys.argv[1])):
    n[band(int(year) - int(born) if born and int(born) else None)] += 1
for k in sorted(n): print(f"{k},{n[k]}")
PY
run stats $A --by age_band --format csv
tail -n +2 "$T/out" | tr -d '\r' >"$T/got"
cmp -s "$T/got" "$T/want" && ok "victims by CTDC age band" || { not_ok "victims by CTDC age band"; diff "$T/want" "$T/got" | head -5; }
run stats $A --by age_group --format json
python3 -c "
import json,sys; d=json.load(open('$T/out'))
assert d['total'] == sum(r['value'] for r in d['rows'])
assert set(r['age_group'] for r in d['rows']) <= {'child','adult',None}
" && ok "json: age groups, total is the sum" || not_ok "json: age groups, total is the sum"

# the facts follow the register: a new case, then an event that moves it
before=$(db_sql "SELECT count(*) FROM participations WHERE role = 'victim'")
expect 0 "a prosecutor registers a case" -- case add --as demo-prosecutor --json "$DOC"
id=$(cat "$T/out")
run stats $A --by source --format csv
tr -d '\r' <"$T/out" | grep -q "^register,$((before + 2))\$" && ok "the new case's victims are counted" ||
	not_ok "the new case's victims are counted ($(cat "$T/out" | tr '\n' ' '))"
expect 0 "an event moves the case" -- case event "$id" --as demo-prosecutor --stage formalised_investigation --date 2025-12-30
same_as "cases by stage after the event" \
	"SELECT stage, count(*) FROM cases GROUP BY 1 ORDER BY 1" -- stats $A --by stage --measure cases
same_as "victims by stage after the event" \
	"SELECT c.stage, count(*) $V WHERE p.role = 'victim' GROUP BY 1 ORDER BY 1" -- stats $A --by stage

# policy: statistics for analysts and prosecutors, not for police or auditors
expect 0 "a prosecutor may read statistics" -- stats --as demo-prosecutor --by year
expect 4 "the police may not" -- stats --as demo-police --by year
expect 4 "an auditor may not" -- stats --as demo-auditor --by year
grep -q "Rosalinda\|Ccahuana" "$T/out" && not_ok "no identity in the output" || ok "no identity in the output"

# bad queries: clear errors, exit 2
expect 2 "an unknown dimension" -- stats $A --by colour
expect_err "unknown dimension 'colour'" "the message names the dimension"
expect 2 "no dimension" -- stats $A
expect 2 "an empty year range" -- stats $A --by year --from 2022 --to 2020
expect_err "empty range" "the message says the range is empty"
expect 2 "a year that is not one" -- stats $A --by year --from 20x1
expect 2 "an unknown measure" -- stats $A --by year --measure money
expect 2 "a dimension that does not apply" -- stats $A --by sex --measure cases
expect_err "does not apply" "the message says it does not apply"
expect 2 "an unknown code in --where" -- stats $A --by year --where sex=femme
expect_err "sex 'femme'" "the message names the value"
expect 2 "a malformed --where" -- stats $A --by year --where sex
expect 2 "five dimensions" -- stats $A --by year,sex,region,stage,office
expect 2 "a repeated dimension" -- stats $A --by year,year
# charts: well-formed SVG with the numbers of the csv
expect 0 "a bar chart of victims by year and sex" -- stats $A --by year,sex --format svg
python3 -c "
import xml.etree.ElementTree as E
r = E.parse('$T/out').getroot()
assert r.tag.endswith('svg') and r.find('{http://www.w3.org/2000/svg}title') is not None
" && ok "the chart is well-formed SVG with a title" || not_ok "the chart is well-formed SVG with a title"
run stats $A --by year --format csv
tail -1 "$T/out" | tr -d '\r' | cut -d, -f2 >"$T/n"
run stats $A --by year --format svg
grep -q ">$(cat "$T/n")</text>" "$T/out" && ok "the chart writes the totals" || not_ok "the chart writes the totals"
expect 0 "a matrix of region of origin x region of exploitation" -- stats $A --by origin_region,exploitation_region --format svg --chart matrix
python3 -c "import xml.etree.ElementTree as E; E.parse('$T/out')" && ok "the matrix is well-formed SVG" || not_ok "the matrix is well-formed SVG"
expect 2 "a matrix needs two dimensions" -- stats $A --by year --format svg --chart matrix
expect 2 "an unknown chart" -- stats $A --by year --format svg --chart pie
expect 2 "three dimensions do not chart" -- stats $A --by year,sex,region --format svg
# concurrent writers: cases registered while statistics are read; at the end
# the counts still equal the case tables (nothing missed, nothing twice)
i=0
while [ $i -lt 6 ]; do
	sed "s/2024-0153-FEPMTP-MDD/2024-9$i-FEPMTP-MDD/" "$DOC" >"$T/c$i.json"
	i=$((i + 1))
done
(i=0; while [ $i -lt 6 ]; do "$KHIPU" case add --as demo-prosecutor --json "$T/c$i.json" >/dev/null 2>>"$T/bg.err"; i=$((i + 1)); done) &
bg=$!
j=0
while [ $j -lt 6 ]; do "$KHIPU" stats $A --by year >/dev/null 2>>"$T/fg.err" || echo fail >>"$T/fg.err"; j=$((j + 1)); done
wait $bg
[ ! -s "$T/fg.err" ] && [ ! -s "$T/bg.err" ] && ok "stats and case registration run side by side" ||
	not_ok "stats and case registration run side by side ($(cat "$T/fg.err" "$T/bg.err" | head -2))"
same_as "victims by year after concurrent writes" \
	"SELECT substr(c.complaint_date, 1, 4), count(*) $V WHERE p.role = 'victim' GROUP BY 1 ORDER BY 1" \
	-- stats $A --by year
# the pre-aggregated cubes answer what they can; they agree with the facts
OFF=$(db_sql "SELECT o.code FROM cases c JOIN offices o ON o.id = c.office_id GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
for q in "--by year,sex" "--by age_band,age_group,nationality" "--by exploitation,year" \
	"--by origin_region,exploitation_region --from 2019" "--by region,source --where exploitation_region=17" \
	"--by sex --where nationality=PE --where age_group=child --to 2022" "--by exploitation --where exploitation=forced_labour" \
	"--measure suspects --by outcome,sex" "--measure convictions --by year,age_group" \
	"--measure convictions --by sentence_years,sex --from 2018" "--measure suspects --by sex --where outcome=archived" \
	"--measure suspects --by sentence_years --where sex=male" \
	"--by office" "--by stage" "--by distrito_fiscal,stage --from 2019" "--by office,region --where stage=trial" \
	"--by means_of_control" "--by recruitment,year" "--by means_of_control --where means_of_control=debt_bondage" \
	"--measure cases --by office" "--measure cases --by stage,year" "--measure cases --by region --where stage=trial" \
	"--measure cases --by source" "--measure cases --by distrito_fiscal --to 2022" \
	"--by office,sex" "--by year,sex --where office=$OFF" "--by age_band,sex --where region=17" \
	"--by nationality --where office=$OFF --from 2019" "--by exploitation --where office=$OFF" \
	"--by exploitation,region" "--by means" "--by vulnerability,office" "--by office --where means=violence" \
	"--by origin_region,exploitation_region --where office=$OFF" "--measure cases --by aggravating,year" \
	"--measure convictions --by year,sex --where office=$OFF" "--measure convictions --by sex,nationality" \
	"--measure convictions --by sentence_years,sex --where region=17" "--measure prosecuted --by year,sex" \
	"--measure prosecuted --by nationality --where region=17 --from 2020"; do
	run stats $A $q --format csv
	cp "$T/out" "$T/cube"
	KHIPU_STATS_NO_CUBE=1 run stats $A $q --format csv
	cmp -s "$T/out" "$T/cube" && ok "cube = facts: $q" || not_ok "cube = facts: $q"
done
# the cubes that have the stage follow the events: each adds up to its
# facts, and no group is left at zero by a stage that moved
[ "$(db_sql "SELECT sum(n) FROM stat_cube WHERE cube = 'office'")" = "$(db_sql "SELECT count(*) FROM stat_facts WHERE kind = 'victim'")" ] &&
	[ "$(db_sql "SELECT sum(n) FROM stat_cube WHERE cube = 'case'")" = "$(db_sql "SELECT count(*) FROM cases")" ] &&
	[ "$(db_sql "SELECT count(*) FROM stat_cube WHERE n <= 0")" = 0 ] &&
	ok "the office and case cubes add up to the facts" || not_ok "the office and case cubes add up to the facts"
# migration 0020 empties the cubes and asks for them to be added up again
# from the facts: the next query does it, and every cube adds up to them
db_sql "$(grep -v '^--' "$(dirname "$KHIPU_LIB")/../../src/store/migrations/0020_stat_cubes.sql")" >/dev/null
for q in "--by office,stage" "--by means_of_control,office" "--by recruitment" "--measure cases --by office,stage" \
	"--by exploitation --where office=$OFF" "--measure convictions --by year,sex"; do
	run stats $A $q --format csv
	cp "$T/out" "$T/cube"
	KHIPU_STATS_NO_CUBE=1 run stats $A $q --format csv
	cmp -s "$T/out" "$T/cube" && ok "after 0020, cube = facts: $q" || not_ok "after 0020, cube = facts: $q"
done
for c in person victim_office victim_region place place_office; do
	[ "$(db_sql "SELECT sum(n) FROM stat_cube WHERE cube = '$c'")" = "$(db_sql "SELECT count(*) FROM stat_facts WHERE kind = 'victim'")" ] &&
		ok "after 0020, the cube $c adds up to the victims" || not_ok "after 0020, the cube $c adds up to the victims"
done
[ "$(db_sql "SELECT sum(n) FROM stat_cube WHERE cube = 'conviction'")" = "$(db_sql "SELECT count(*) FROM stat_facts WHERE kind = 'conviction'")" ] &&
	ok "after 0020, the conviction cube adds up to the convictions" || not_ok "after 0020, the conviction cube adds up to the convictions"
expect 0 "a year in --where" -- stats $A --by sex --where year=2020 --format csv
cp "$T/out" "$T/w"
run stats $A --by sex --from 2020 --to 2020 --format csv
cmp -s "$T/out" "$T/w" && ok "--where year=Y is --from Y --to Y" || not_ok "--where year=Y is --from Y --to Y"
expect 2 "a year outside the range" -- stats $A --by sex --where year=2020 --from 2021
done_testing
