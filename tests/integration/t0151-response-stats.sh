#!/bin/sh
# t0151 — the statistics of the State's response (issue 10): victims by
# protection measure, protections by measure, provider and month, assets by
# stage and value, value seized, confiscated and realised by year and
# office. Each figure is computed here again in Python, from the rows of the
# register's tables and the definitions of docs/statistics.md ("Protection
# of victims", "Asset recovery") — not from Khipu's code — and must agree
# exactly, before and after revisions that remove a victim and an asset and
# add later steps.
. "$KHIPU_LIB"

fresh_demo 30
P="--as demo-prosecutor"
A="--as demo-analyst"

# twelve cases of varied protection and asset paths, made at random (seeded)
python3 - "$T" <<'PY'
import json, random, sys
t = sys.argv[1]
rnd = random.Random(151)
measures = ["udavit_assistance", "protection_order", "single_interview", "shelter", "psychological",
            "health", "social", "legal_aid", "consular", "return", "reintegration"]
providers = ["udavit", "mimp_cem", "mimp_car", "health", "legal_aid", "consulate", "iom", None]
results = ["requested", "provided", "ongoing", "completed", "declined", None]
noconsent = {"protection_order", "single_interview"}
def day(y, m, d): return "%04d-%02d-%02d" % (y, m, d)
for k in range(12):
    year = rnd.choice([2021, 2022, 2023, 2024])
    persons = []
    for v in range(rnd.randint(1, 3)):
        born = rnd.choice([1990, 1998, 2004, 2007, 2010])
        prot, single = [], False
        for j in range(rnd.randint(0, 4)):
            m = rnd.choice(measures)
            if m == "single_interview":
                if single: continue
                single = True
            py = year + rnd.randint(0, 1)
            e = {"measure": m, "date": day(py, rnd.randint(1, 12), rnd.randint(1, 28))}
            p = rnd.choice(providers)
            if p: e["provider"] = p
            r = rnd.choice(results)
            if m not in noconsent:
                if r == "declined": e["consent"] = False
                else: e["consent"] = True
            elif rnd.random() < 0.3:
                e["consent"] = rnd.random() < 0.5
            if r: e["result"] = r
            prot.append(e)
        persons.append({"role": "victim", "name": "Víctima %d %d" % (k, v), "sex": rnd.choice(["female", "male"]),
                        "birth_year": born, "nationality": rnd.choice(["PE", "VE", "BO"]),
                        "victim": {"protection": prot}})
    persons.append({"role": "suspect", "name": "Imputado %d" % k, "sex": "male"})
    assets = []
    for a in range(rnd.randint(0, 3)):
        steps, d = [], [year, 1]
        def nxt():
            d[1] += rnd.randint(1, 3)
            if d[1] > 12: d[0] += 1; d[1] -= 12
            return day(d[0], d[1], rnd.randint(1, 28) if False else 15)
        path = rnd.choice([[], ["identified"], ["seized"], ["frozen", "forfeited"],
                           ["identified", "seized", "forfeited", "pronabi", "sold"],
                           ["seized", "extinction_of_ownership", "ed_claim", "ed_founded", "assigned"],
                           ["frozen", "extinction_of_ownership", "ed_unfounded", "returned"],
                           ["seized", "returned"]])
        for s in path:
            st = {"measure": s, "date": nxt()}
            if s in ("sold", "assigned"): st["value"] = rnd.randint(100, 90000) + rnd.choice([0, 0.5, 0.25])
            steps.append(st)
        asset = {"kind": rnd.choice(["cash", "vehicle", "real_estate", "jewellery_gold"]),
                 "value": rnd.randint(500, 200000), "currency": rnd.choice(["PEN", "PEN", "PEN", "USD"]),
                 "measures": steps}
        if any(s["measure"].startswith("e") and s["measure"] != "identified" for s in steps):
            asset["forfeiture_file"] = "ED-%d-%d" % (k, a)
        assets.append(asset)
    doc = {"number": "2024-R%03d-FEPMTP-MDD" % k, "office": "FEPMTP-MDD",
           "complaint_date": day(year, 1, 10), "complaint_source": "police_report",
           "place": {"country": "PE", "ubigeo": rnd.choice(["170101", "080101", "2101"])},
           "offences": ["cp_129a"], "persons": persons, "assets": assets}
    json.dump(doc, open("%s/r%02d.json" % (t, k), "w"))
PY
n=0
for f in "$T"/r*.json; do
	"$KHIPU" case add $P --json "$f" >/dev/null && n=$((n + 1)) || { not_ok "case $f registered"; "$KHIPU" case add $P --json "$f"; }
done
[ "$n" = 12 ] && ok "twelve cases with protection and asset paths" || not_ok "twelve cases registered ($n)"

# the register's rows, as they are (the figures' definitions do the rest)
dump() {
	db_sql "SELECT pr.participation_id, pr.measure, coalesce(pr.provider, ''), coalesce(pr.date, ''),
	  coalesce(pr.consent, -1), coalesce(pr.result, ''), p.role, coalesce(p.removed_in, 0), coalesce(s.sex, ''),
	  coalesce(s.birth_year, 0), coalesce(s.nationality, ''), o.code, coalesce(o.distrito_fiscal, ''),
	  coalesce(c.place_department, '')
	  FROM protections pr JOIN participations p ON p.id = pr.participation_id JOIN persons s ON s.id = p.person_id
	  JOIN cases c ON c.id = p.case_id JOIN offices o ON o.id = c.office_id" >"$T/prot.csv"
	db_sql "SELECT a.id, a.kind, a.value_cents, coalesce(a.currency, ''), coalesce(a.removed_in, 0), o.code,
	  coalesce(o.distrito_fiscal, ''), coalesce(c.place_department, '')
	  FROM assets a JOIN cases c ON c.id = a.case_id JOIN offices o ON o.id = c.office_id" >"$T/assets.csv"
	db_sql "SELECT asset_id, pos, measure, coalesce(date, ''), coalesce(value_cents, 0) FROM asset_measures" >"$T/steps.csv"
}

# compare MEASURE BY [WHERE...]: khipu's csv against the definition
compare() {
	m=$1; by=$2; shift 2
	wh=""
	for w in "$@"; do wh="$wh --where $w"; done
	# shellcheck disable=SC2086
	run stats $A --measure "$m" --by "$by" $wh --format csv
	[ "$rc" = 0 ] || { not_ok "$m by $by $*: exit $rc"; sed 's/^/    # /' "$T/err" | head -3; return; }
	if python3 "$T/define.py" "$T" "$m" "$by" "$@" <"$T/out" >"$T/why"; then
		ok "$m by $by $* agrees with its definition"
	else
		not_ok "$m by $by $* agrees with its definition"; sed 's/^/    # /' "$T/why" | head -8
	fi
}

cat >"$T/define.py" <<'PY'
# The figures of docs/statistics.md ("Protection of victims", "Asset
# recovery"), from the register's rows; compares with khipu's csv on stdin.
import csv, sys
from collections import defaultdict
from decimal import Decimal
t, measure, by, wheres = sys.argv[1], sys.argv[2], sys.argv[3].split(","), sys.argv[4:]
SEIZURE, CONFISCATION, REALISED = {"seized", "frozen"}, {"forfeited", "ed_founded"}, {"sold", "assigned"}
rows = lambda n: list(csv.reader(open("%s/%s.csv" % (t, n), encoding="utf-8")))
def key_of(rec):
    return tuple(rec.get(b) or "" for b in by)
def keep(rec):
    for w in wheres:
        k, v = w.split("=", 1)
        if k == "year":
            if rec.get("year") != v: return False
        elif (rec.get(k) or "") != v: return False
    return True
groups = defaultdict(int)
money = False
if measure in ("protections", "protected_victims"):
    seen = defaultdict(set)
    for (pid, m, prov, date, consent, res, role, removed, sex, by_, nat, oc, df, dep) in rows("prot"):
        if role != "victim" or removed != "0": continue
        y = date[:4]
        ag = "" if by_ == "0" else ("child" if int(y) - int(by_) < 18 else "adult")
        rec = {"year": y, "month": date[:7], "protection_measure": m, "provider": prov,
               "protection_result": res, "consent": {"1": "yes", "0": "no"}.get(consent, ""),
               "sex": sex, "nationality": nat, "age_group": ag, "office": oc,
               "distrito_fiscal": df, "region": dep}
        if not keep(rec): continue
        if measure == "protections": groups[key_of(rec)] += 1
        else: seen[key_of(rec)].add(pid)
    if measure == "protected_victims":
        groups = {k: len(v) for k, v in seen.items()}
else:
    money = measure != "assets"
    steps = defaultdict(list)
    for (aid, pos, m, date, v) in rows("steps"):
        steps[aid].append((int(pos), m, date, int(v)))
    if not any(w.startswith("currency=") for w in wheres) and "currency" not in by and money:
        wheres = wheres + ["currency=PEN"]
    for (aid, kind, value, cur, removed, oc, df, dep) in rows("assets"):
        if removed != "0": continue
        life = sorted(steps[aid])
        base = {"asset_kind": kind, "currency": cur, "office": oc, "distrito_fiscal": df, "region": dep}
        counted = []   # (step, date, value)
        if measure in ("assets", "assets_stage_value"):
            last = life[-1] if life else (None, "", "", 0)
            counted.append((last[1] or "", last[2], 1 if measure == "assets" else int(value)))
        elif measure in ("seized_value", "confiscated_value"):
            want = SEIZURE if measure == "seized_value" else CONFISCATION
            first = [s for s in life if s[1] in want][:1]
            counted += [(s[1], s[2], int(value)) for s in first]
        else:
            counted += [(s[1], s[2], s[3]) for s in life if s[1] in REALISED and s[3]]
        for step, date, v in counted:
            rec = dict(base, asset_stage=step, year=date[:4], month=date[:7])
            if keep(rec): groups[key_of(rec)] += v
got = {}
for r in list(csv.DictReader(sys.stdin)):
    v = r.pop(measure)
    got[tuple(r[b] for b in by)] = int(Decimal(v) * 100) if money else int(v)
want = {k: v for k, v in groups.items()}
if measure != "protected_victims":
    want = {k: v for k, v in want.items() if v != 0 or not money}
if got != want:
    for k in sorted(set(got) | set(want)):
        if got.get(k) != want.get(k): print("group", k, "khipu", got.get(k), "definition", want.get(k))
    sys.exit(1)
if not got:
    print("no rows at all: the test would prove nothing"); sys.exit(1)
PY

check_all() {
	dump
	compare protected_victims protection_measure
	compare protections protection_measure,provider,month
	compare protections year,consent
	compare protected_victims sex,age_group
	compare protections office,protection_result "year=2024"
	compare assets asset_stage
	compare assets_stage_value asset_stage
	compare assets_stage_value asset_stage,currency
	compare seized_value year,office
	compare confiscated_value year,office
	compare realised_value year,office
	compare seized_value year,currency
	compare protections month,provider "protection_measure=health"
	compare assets asset_kind,asset_stage
}
check_all

# revisions: a victim and an asset removed, later steps added
C=$("$KHIPU" case list $P --number 2024-R003 --format csv | sed -n '2s/,.*//p')
run case show "$C" $P --format json --reveal
python3 - "$T/out" "$T/u.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["persons"] = [p for p in d["persons"] if p["role"] != "victim"][:1] + [p for p in d["persons"] if p["role"] == "victim"][1:]
d["persons"] = [p for p in d["persons"]]
for a in d["assets"]:
    a.pop("owner", None)
d["assets"] = d["assets"][1:]
json.dump(d, open(sys.argv[2], "w"))
PY
expect 0 "a revision removes a victim and an asset" -- case update "$C" $P --json "$T/u.json"
S=$("$KHIPU" case list $P --number 2024-R007 --format csv | sed -n '2s/,.*//p')
run case show "$S" $P --format json
python3 -c "
import json,sys; c=json.load(open(sys.argv[1]))
print(c['assets'][0]['id'] if c['assets'] else '')" "$T/out" >"$T/aid"
AID=$(cat "$T/aid")
if [ -n "$AID" ]; then
	"$KHIPU" case asset "$S" $P --asset "$AID" --step seized --date 2025-02-01 >/dev/null 2>&1
	"$KHIPU" case asset "$S" $P --asset "$AID" --step forfeited --date 2025-03-01 >/dev/null 2>&1
	"$KHIPU" case asset "$S" $P --asset "$AID" --step sold --date 2025-04-01 --value 777.77 >/dev/null 2>&1
fi
V=$(db_sql "SELECT p.person_id FROM participations p WHERE p.case_id = $S AND p.role = 'victim' AND p.removed_in IS NULL ORDER BY p.id LIMIT 1")
expect 0 "case protect adds a measure" -- case protect "$S" $P --victim "$V" --measure reintegration --provider ngo --date 2025-01-15 --consent yes --result ongoing
check_all
done_testing
