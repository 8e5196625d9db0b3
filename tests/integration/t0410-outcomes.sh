#!/bin/sh
# t0410 — suspects' procedural paths and the figures that count them (issue
# 10, REQ-OUT-*): khipu case outcome and its refusals (nothing written),
# then every published figure of persons prosecuted and convicted and the
# funnel against an independent computation: a short Python program written
# from docs/statistics.md ("What each published figure counts") over the
# raw tables, no Khipu code; again after later appeals, a reversal and
# final judgements. Runs on SQLite and, as pg-t0410-outcomes, PostgreSQL.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
A="--as demo-analyst"
P="--as demo-prosecutor"

fresh_demo 300
python3 - "$DOC" "$T/case.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["number"] = "2024-0410-FEPMTP-MDD"
for name, sex, nat in (("Teodoro Cutipa Ramos", "male", "PE"), ("Marleni Choque Apaza", "female", "BO")):
    d["persons"].append({"role": "suspect", "name": name, "sex": sex, "nationality": nat,
                         "birth_year": 1985, "suspect": {"charges": ["cp_129b"]}})
json.dump(d, open(sys.argv[2], "w"))
PY
expect 0 "a case with three suspects" -- case add $P --json "$T/case.json"
id=$(cat "$T/out")
run case show "$id" $P --format json
python3 - "$T/out" >"$T/ids" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(" ".join(str(p["person_id"]) for p in d["persons"] if p["role"] == "suspect"),
      [p["person_id"] for p in d["persons"] if p["role"] == "victim"][0])
PY
read -r s1 s2 s3 victim <"$T/ids"

out() { w=$1; shift; expect 0 "$w" -- case outcome "$id" $P "$@"; }
out "indicted" --suspect "$s1" --outcome indictment --date 2024-06-01
out "convicted after trial, with its sentence" --suspect "$s1" --outcome conviction_trial \
	--date 2024-11-20 --prison-years 15 --days-fine 180 --reparation 20000 --currency PEN
out "the second indicted" --suspect "$s2" --outcome indictment --date 2024-06-01
out "and convicted" --suspect "$s2" --outcome conviction_trial --date 2024-11-20 --prison-years 12
out "a plea agreement (terminación anticipada)" --suspect "$s3" --outcome conviction_plea \
	--date 2024-05-10 --prison-years 6 --prison-months 8
out "a payment of the reparation" --suspect "$s1" --paid 15000 --date 2024-12-01
run case show "$id" $P --format json
expect_out '"outcome": "plea_convicted"' "a plea agreement is a conviction"
python3 -c "
import json, sys; d = json.load(open('$T/out'))
s = [p['suspect'] for p in d['persons'] if p['person_id'] == $s1][0]
assert s['sentence_years'] == 15 and s['reparation'] == {'amount': 20000, 'currency': 'PEN'}, s
assert s['payments'] == [{'date': '2024-12-01', 'amount': 15000}], s
assert [x['step'] for x in s['path']] == ['indictment', 'conviction_trial'], s" &&
	ok "the path, sentence, reparation and payments are in the document" ||
	not_ok "the path, sentence, reparation and payments are in the document"
version=$(python3 -c "import json; print(json.load(open('$T/out'))['version'])")

# bad input: refused naming the option, nothing written
steps=$(count_rows suspect_steps)
expect 2 "an outcome for a victim" -- case outcome "$id" $P --suspect "$victim" --outcome indictment --date 2024-06-01
expect_err "\-\-suspect: person $victim is a victim" "names --suspect: not a suspect"
expect 2 "an outcome for someone not in the case" -- case outcome "$id" $P --suspect 999999 --outcome indictment --date 2024-06-01
expect_err "\-\-suspect:" "names --suspect"
out "the second appeals" --suspect "$s2" --outcome appeal --date 2024-11-25
expect 2 "a judgement dated before the indictment" -- case outcome "$id" $P --suspect "$s1" --outcome acquittal --date 2024-05-01
expect_err "\-\-date: the judgement (2024-05-01) is dated before the indictment (2024-06-01)" "names --date and both dates"
expect 2 "a second judgement without an appeal" -- case outcome "$id" $P --suspect "$s1" --outcome acquittal --date 2024-12-20
expect_err "\-\-outcome: already judged" "names --outcome"
expect 2 "reparation paid beyond the amount ordered" -- case outcome "$id" $P --suspect "$s1" --paid 5000.01 --date 2025-01-10
expect_err "\-\-paid: the payments (20000.01) exceed the reparation ordered (20000.00 PEN)" "names --paid and the amounts"
expect 2 "a payment with nothing ordered" -- case outcome "$id" $P --suspect "$s3" --paid 10 --date 2025-01-10
expect_err "\-\-paid: no civil reparation" "names --paid"
expect 2 "a sentence on an indictment" -- case outcome "$id" $P --suspect "$s1" --outcome appeal --date 2024-12-02 --prison-years 3
expect_err "\-\-prison-years:" "names --prison-years"
expect 2 "an unknown step" -- case outcome "$id" $P --suspect "$s1" --outcome hanging --date 2024-12-02
expect_err "\-\-outcome:" "names --outcome"
expect 2 "a step before the complaint" -- case outcome "$id" $P --suspect "$s3" --outcome charge --date 2024-01-02
expect_err "\-\-date:" "names --date"
expect 2 "a future date" -- case outcome "$id" $P --suspect "$s1" --outcome appeal --date 2999-01-01
expect 4 "the analyst may not record outcomes" -- case outcome "$id" $A --suspect "$s1" --outcome appeal --date 2024-12-02
run case show "$id" $P --format json
v2=$(python3 -c "import json; print(json.load(open('$T/out'))['version'])")
[ "$(count_rows suspect_steps)" = "$((steps + 1))" ] && [ "$v2" = "$((version + 1))" ] &&
	ok "refusals wrote nothing (one step and one version: the appeal)" ||
	not_ok "refusals wrote nothing ($(count_rows suspect_steps) steps, was $steps; version $v2, was $version)"

# the same path through the document: a document may not claim an outcome
run case show "$id" $P --format json
python3 - "$T/out" "$T/bad.json" "$s3" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for p in d["persons"]:
    if str(p["person_id"]) == sys.argv[3]:
        p["suspect"]["outcome"] = "acquitted"
json.dump(d, open(sys.argv[2], "w"))
PY
expect 2 "case update refuses an outcome the path does not give" -- case update "$id" $P --json "$T/bad.json"
expect_err "suspect.outcome: does not follow from 'path'" "names the field"
expect 0 "the history has each step" -- case history "$id" $P
expect_out "suspect.path" "a step is a revision"

# the API: a step added by PUT of the document (If-Match), one refused
TP=$("$KHIPU" token create --as demo-prosecutor)
start_server
api() { tok=$1; shift; http "$T/none" "$@" -H "Authorization: Bearer $tok"; }
api "$TP" GET "/api/v1/cases/$id"
ver=$(python3 -c "import json; print(json.load(open('$T/body'))['version'])")
python3 - "$T/body" "$T/put.json" "$T/putbad.json" "$s3" <<'PY'
import copy, json, sys
d = json.load(open(sys.argv[1]))
bad = copy.deepcopy(d)
for doc, step in ((d, {"step": "final", "date": "2024-06-01"}),
                  (bad, {"step": "acquittal", "date": "2024-06-01"})):
    for p in doc["persons"]:
        if str(p["person_id"]) == sys.argv[4]:
            p["suspect"]["path"].append(step)
json.dump(d, open(sys.argv[2], "w")); json.dump(bad, open(sys.argv[3], "w"))
PY
api "$TP" PUT "/api/v1/cases/$id" -H "Content-Type: application/json" -H "If-Match: \"$ver\"" --data-binary @"$T/putbad.json"
expect_code 422 "the API refuses a second judgement (422)"
grep -q 'suspect.path\[1\].step' "$T/body" && ok "naming the JSON path of the step" ||
	{ not_ok "naming the JSON path of the step"; head -c 300 "$T/body" | sed 's/^/    # /'; }
api "$TP" PUT "/api/v1/cases/$id" -H "Content-Type: application/json" -H "If-Match: \"$ver\"" --data-binary @"$T/put.json"
expect_code 200 "the API records a step (the plea becomes final) by PUT of the document"
stop_server

# ---- the independent computation (docs/statistics.md) ----
dump() {
	db_sql "SELECT id, case_id, person_id, role FROM participations WHERE removed_in IS NULL" >"$T/parts.csv"
	db_sql "SELECT id, coalesce(sex, ''), coalesce(birth_year, 0), coalesce(nationality, '') FROM persons" >"$T/persons.csv"
	db_sql "SELECT participation_id, pos, step, date, coalesce(offence, '') FROM suspect_steps ORDER BY participation_id, pos" >"$T/steps.csv"
	db_sql "SELECT participation_id, code FROM participation_codes WHERE dim = 'charge' ORDER BY participation_id, pos" >"$T/charges.csv"
	db_sql "SELECT id, complaint_date, stage FROM cases" >"$T/cases.csv"
	db_sql "SELECT case_id, stage, date FROM events WHERE removed_in IS NULL AND date IS NOT NULL" >"$T/events.csv"
}
cat >"$T/expect.py" <<'PY'
# From docs/statistics.md only: persons prosecuted and convicted, by year
# of their step, and the funnel of cases.
import csv, collections, statistics, sys, datetime
D = sys.argv[1]
rows = lambda f: list(csv.reader(open(f"{D}/{f}.csv")))
persons = {r[0]: r[1:] for r in rows("persons")}
cases = {r[0]: r[1:] for r in rows("cases")}
suspects = {r[0]: r for r in rows("parts") if r[3] == "suspect"}
steps = collections.defaultdict(list)
for pid, pos, step, date, off in rows("steps"):
    steps[pid].append((int(pos), step, date, off))
charges = {}
for pid, code in rows("charges"):
    charges.setdefault(pid, code)
CONVICTS = {"conviction_trial", "conviction_plea", "conviction_early", "collaboration"}
JUDGEMENTS = CONVICTS | {"acquittal", "appeal_overturned"}

def walk(path):
    """(date of the conviction in force or None, index of the step that convicted)"""
    verdict, at = None, None
    for i, (_, step, date, _) in enumerate(path):
        if step in CONVICTS:
            verdict, at = "convicted", i
        elif step == "acquittal":
            verdict, at = "acquitted", None
        elif step == "appeal_overturned":
            verdict, at = ("acquitted", None) if verdict == "convicted" else ("convicted", i)
        elif step == "appeal_annulled":
            verdict, at = None, None
    return (path[at][2], at) if at is not None else (None, None)

def person_row(pid, date, upto):
    sex, born, nat = persons[suspects[pid][2]]
    year = int(date[:4])
    age = "" if int(born or 0) <= 0 else ("child" if year - int(born) < 18 else "adult")
    named = [s[3] for s in upto if s[3]]
    return {"year": str(year), "sex": sex, "nationality": nat, "age_group": age,
            "offence": named[-1] if named else charges.get(pid, "")}

facts = {"convictions": [], "prosecuted": []}
for pid in suspects:
    path = sorted(steps.get(pid, []))
    conv, at = walk(path)
    if conv:
        facts["convictions"].append(person_row(pid, conv, path[:at + 1]))
    firsts = [s[2] for s in path if s[1] == "indictment" or s[1] in JUDGEMENTS]
    if firsts:
        facts["prosecuted"].append(person_row(pid, min(firsts), path))

def table(measure, dims):
    c = collections.Counter(tuple(f[d] for d in dims) for f in facts[measure])
    return sorted(list(k) + [str(n)] for k, n in c.items())

# the funnel
FORMAL = {"formalised_investigation", "immediate_process", "effective_collaboration",
          "direct_indictment", "indictment", "dismissal_request", "trial_order", "trial",
          "plea_agreement", "conviction_first_instance", "acquittal_first_instance", "appeal",
          "cassation", "final_sentence"}
INDICT_EV = {"direct_indictment", "indictment", "trial_order", "trial",
             "conviction_first_instance", "acquittal_first_instance"}
INDICT_ST = {"indictment", "conviction_trial", "conviction_early", "acquittal"}
first = collections.defaultdict(dict)   # case -> step -> first date
def reach(case, s, date):
    if s not in first[case] or date < first[case][s]:
        first[case][s] = date
for case, stage, date in rows("events"):
    if stage in FORMAL: reach(case, "formalised", date)
    if stage in INDICT_EV: reach(case, "indicted", date)
    if stage in ("archive", "provisional_archive"): reach(case, "archived", date)
for pid, (_, case, _, _) in suspects.items():
    path = sorted(steps.get(pid, []))
    for _, step, date, _ in path:
        if step not in ("archive", "absent", "extinguished"): reach(case, "formalised", date)
        if step in INDICT_ST: reach(case, "indicted", date)
        if step in JUDGEMENTS: reach(case, "judged", date)
    conv, _ = walk(path)
    if conv: reach(case, "convicted", conv)
months = lambda a, b: (datetime.date.fromisoformat(b) - datetime.date.fromisoformat(a)).days / 30.436875
funnel = {"Complaints": [len(cases)]}
for label, s in (("Formalised investigation", "formalised"), ("Indicted", "indicted"),
                 ("Judged", "judged"), ("Convicted", "convicted")):
    got = [months(cases[c][0], f[s]) for c, f in first.items() if s in f and c in cases]
    funnel[label] = [len(got), round(statistics.median(got), 1) if got else 0]
arch = [months(cases[c][0], f["archived"]) for c, f in first.items() if "archived" in f]
funnel["Archived"] = [sum(1 for c in cases.values() if c[1] in ("archive", "provisional_archive")),
                      round(statistics.median(arch), 1) if arch else 0]

what = sys.argv[2]
if what == "funnel":
    for k, v in funnel.items(): print(k, *v)
else:
    measure, dims = what.split(":")
    for r in table(measure, dims.split(",")): print(",".join(r))
PY
# the funnel of the workbook (sheet "Cases: from complaint to conviction")
funnel_of() {
	python3 - "$1" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
ss = re.findall(r'<t[^>]*>([^<]*)</t>', z.read('xl/sharedStrings.xml').decode())
names = re.findall(r'<sheet name="([^"]*)"', z.read('xl/workbook.xml').decode())
n = [i for i, t in enumerate(names) if "complaint" in t][0] + 1
for r, body in re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', z.read(f'xl/worksheets/sheet{n}.xml').decode()):
    label = re.findall(r't="s"><v>(\d+)', body)
    nums = [float(v) for v in re.findall(r'<c r="[B-Z]\d+"(?: s="\d+")?><v>([^<]*)</v>', body)]
    if label and nums:
        name = ss[int(label[0])]
        print(name, int(nums[0]), *([] if name == "Complaints" else [round(nums[2], 1)]))
PY
}
compare() {
	when=$1
	dump
	for q in "convictions:year,sex" "convictions:year,nationality" "convictions:year,age_group" \
		"convictions:offence" "prosecuted:year,sex" "prosecuted:year,offence" \
		"convictions:year,offence,sex"; do
		m=${q%%:*}; by=${q#*:}
		python3 "$T/expect.py" "$T" "$q" >"$T/want"
		run stats $A --measure "$m" --by "$by" --format csv
		tail -n +2 "$T/out" | tr -d "\r" | sort >"$T/got"
		sort "$T/want" >"$T/want.s"
		if [ "$rc" = 0 ] && [ -s "$T/want.s" ] && cmp -s "$T/want.s" "$T/got"; then
			ok "$when: $m by $by agrees with the independent count"
		else
			not_ok "$when: $m by $by (exit $rc)"; diff "$T/want.s" "$T/got" | head -8 | sed 's/^/    # /'
		fi
	done
	rm -f "$T/w.xlsx"
	run export xlsx $A --out "$T/w.xlsx"
	funnel_of "$T/w.xlsx" | sort >"$T/got"
	python3 "$T/expect.py" "$T" funnel | sort >"$T/want"
	if [ "$rc" = 0 ] && cmp -s "$T/want" "$T/got"; then
		ok "$when: the funnel (counts, median months) agrees with the independent count"
	else
		not_ok "$when: the funnel"; diff "$T/want" "$T/got" | sed 's/^/    # /'
	fi
	# GLOTIP: persons convicted and prosecuted of 2024 by sex and age group
	run export unodc $A --year 2024 --format json
	python3 - "$T/out" "$T" <<'PY' && ok "$when: GLOTIP persons prosecuted and convicted of 2024 agree" || not_ok "$when: GLOTIP persons of 2024"
import json, subprocess, sys, collections
rows = json.load(open(sys.argv[1]))
for ind, m in (("Persons convicted", "convictions"), ("Persons prosecuted", "prosecuted")):
    got = {(r["sex"], r["age"]): r["value"] for r in rows if r["indicator"] == ind
           and r["dimension"] == "Total" and r["sex"] != "Total"}
    want = collections.Counter()
    out = subprocess.run(["python3", sys.argv[2] + "/expect.py", sys.argv[2], m + ":year,sex,age_group"],
                         capture_output=True, text=True, check=True).stdout.split()
    sexes = {"female": "Female", "male": "Male"}
    ages = {"child": "0 to 17 years", "adult": "18 years or over"}
    for line in out:
        y, sx, ag, n = line.split(",")
        if y == "2024":
            want[(sexes.get(sx, "Unknown"), ages.get(ag, "Unknown"))] += int(n)
    assert got == dict(want), (ind, got, dict(want))
    tot = [r["value"] for r in rows if r["indicator"] == ind and r["sex"] == "Total"]
    assert tot == [sum(want.values())], (ind, tot)
PY
}
compare "registered"

# later: the first appeals and loses (upheld), the judgement becomes final;
# the second's conviction is reversed on appeal; a demo conviction is annulled
out "the second's conviction is reversed on appeal" --suspect "$s2" --outcome appeal_overturned --date 2025-06-05
out "the first appeals" --suspect "$s1" --outcome appeal --date 2024-12-02
out "the conviction is upheld" --suspect "$s1" --outcome appeal_confirmed --date 2025-06-05
out "final judgement" --suspect "$s1" --outcome final --date 2025-07-01
run stats $A --measure convictions --by year --where year=2024 --format csv
n2024=$(sed -n 2p "$T/out" | tr -d "\r" | cut -d, -f2)
dump
python3 "$T/expect.py" "$T" convictions:year | grep '^2024,' | cut -d, -f2 >"$T/w2024"
[ "$n2024" = "$(cat "$T/w2024")" ] && ok "convictions of 2024 after an upheld appeal and a final judgement: $n2024" ||
	not_ok "convictions of 2024 after the appeals ($n2024, expected $(cat "$T/w2024"))"
# a demo conviction annulled on appeal, then convicted again at a new trial
pid=$(db_sql "SELECT p.id FROM participations p WHERE p.role = 'suspect' AND p.removed_in IS NULL AND coalesce(p.convicted_on, '') <> '' AND NOT EXISTS (SELECT 1 FROM suspect_steps s WHERE s.participation_id = p.id AND s.step IN ('appeal', 'final', 'appeal_confirmed')) ORDER BY p.id LIMIT 1")
cid=$(db_sql "SELECT case_id FROM participations WHERE id = $pid")
per=$(db_sql "SELECT person_id FROM participations WHERE id = $pid")
cd0=$(db_sql "SELECT convicted_on FROM participations WHERE id = $pid")
expect 0 "a demo conviction appealed" -- case outcome "$cid" $P --suspect "$per" --outcome appeal --date 2025-10-01
expect 0 "and annulled" -- case outcome "$cid" $P --suspect "$per" --outcome appeal_annulled --date 2025-11-01
compare "after appeals, a reversal, an annulment and final judgements"
expect 0 "a new trial convicts again" -- case outcome "$cid" $P --suspect "$per" --outcome conviction_trial --date 2026-02-01 --prison-years 10
[ "$(db_sql "SELECT convicted_on FROM participations WHERE id = $pid")" = 2026-02-01 ] &&
	ok "the new conviction counts at the new trial's date (was $cd0)" || not_ok "the new conviction's date"
compare "after a new trial"

# the demo register itself has realistic paths
[ "$(db_sql "SELECT count(DISTINCT step) FROM suspect_steps")" -ge 10 ] &&
	ok "the demo's paths use most steps" || not_ok "the demo's paths ($(db_sql "SELECT count(DISTINCT step) FROM suspect_steps") steps)"
[ "$(db_sql "SELECT count(*) FROM reparation_payments")" -gt 0 ] &&
	ok "the demo pays some reparations" || not_ok "the demo pays some reparations"
done_testing
