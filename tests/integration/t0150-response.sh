#!/bin/sh
# t0150 — the State's response (issue 10, items 3, 4 and 6) through the case
# document, `case protect` and `case asset`: each victim's protection, each
# asset's life (owner or front man, the identifiers that lead to it, the
# forfeiture file, realised values), the police report; every change one
# revision; the refusals the issue lists (a referral without consent where
# the protocol requires it, a forfeiture of an asset never seized) name
# the field and write nothing; all of it survives a backup and a restore.
. "$KHIPU_LIB"

fresh_demo 5
P="--as demo-prosecutor"
echo "pw-inti-2024" | "$KHIPU" user add inti --role prosecutor --office FEPMTP-CUS --as demo-admin >/dev/null
cat > "$T/case.json" <<'JSON'
{
  "number": "2024-0900-FEPMTP-MDD", "office": "FEPMTP-MDD",
  "complaint_date": "2024-03-02", "complaint_source": "police_report",
  "police_report": {"kind": "informe", "number": "INF-123-2024-DIRINTRAP",
    "unit": "DEPINTRAP Madre de Dios", "reta": "RETA-2024-00871",
    "sidpol": "SIDPOL-33219077", "received": "2024-03-04"},
  "place": {"country": "PE", "ubigeo": "170101"}, "offences": ["cp_129a"],
  "persons": [
    {"role": "victim", "name": "Rosa Quispe Mamani", "sex": "female", "birth_date": "2000-04-11",
     "victim": {"protection": [
       {"measure": "single_interview", "provider": "public_prosecutor", "date": "2024-03-05", "result": "completed"},
       {"measure": "shelter", "provider": "mimp_car", "date": "2024-03-05", "end_date": "2024-06-01", "consent": true, "result": "completed"},
       {"measure": "legal_aid", "provider": "legal_aid", "date": "2024-03-10", "consent": false, "result": "declined"}]}},
    {"role": "victim", "name": "Nayeli Ccori Huamán", "sex": "female", "birth_date": "2009-01-20",
     "victim": {"protection": [
       {"measure": "shelter", "provider": "mimp_car", "date": "2024-03-05", "result": "ongoing"}]}},
    {"role": "suspect", "name": "Juan Pérez Huamán", "sex": "male"},
    {"role": "suspect", "name": "Pedro Testa Ferro", "sex": "male"}
  ],
  "assets": [
    {"kind": "vehicle", "description": "Camioneta", "value": 45000, "currency": "PEN",
     "owner": {"person": 3, "relation": "front_man"}, "forfeiture_file": "ED-00045-2024",
     "identifiers": [{"kind": "vehicle_plate", "value": "ABC-123"}],
     "measures": [{"measure": "identified", "date": "2024-03-03"},
       {"measure": "seized", "date": "2024-03-04", "reference": "Res. 12-2024"},
       {"measure": "extinction_of_ownership", "date": "2024-04-01"},
       {"measure": "ed_founded", "date": "2024-09-01"},
       {"measure": "pronabi", "date": "2024-10-01"},
       {"measure": "sold", "date": "2024-12-01", "value": 38000.5}]},
    {"kind": "cash", "value": 1200, "currency": "PEN"}
  ]
}
JSON
C=$("$KHIPU" case add $P --json "$T/case.json") && ok "a case with protection, assets' lives and a police report" ||
	not_ok "case registered"
run case show "$C" $P --format json --reveal
python3 - "$T/out" <<'PY' && ok "case show gives back what was registered" || not_ok "case show round trip"
import json, sys
c = json.load(open(sys.argv[1]))
pr = c["police_report"]
assert pr == {"kind": "informe", "number": "INF-123-2024-DIRINTRAP", "unit": "DEPINTRAP Madre de Dios",
              "reta": "RETA-2024-00871", "sidpol": "SIDPOL-33219077", "received": "2024-03-04"}, pr
v = c["persons"][0]["victim"]["protection"]
assert [p["measure"] for p in v] == ["single_interview", "shelter", "legal_aid"], v
assert v[1] == {"measure": "shelter", "provider": "mimp_car", "date": "2024-03-05",
                "end_date": "2024-06-01", "consent": True, "result": "completed"}, v[1]
assert v[0]["consent"] is None and v[2]["consent"] is False
a = c["assets"][0]
assert a["owner"] == {"person": 3, "relation": "front_man"}, a["owner"]
assert c["persons"][3]["name"] == "Pedro Testa Ferro"
assert a["forfeiture_file"] == "ED-00045-2024"
assert a["identifiers"][0]["kind"] == "vehicle_plate" and a["identifiers"][0]["value"] == "ABC-123"
assert a["measures"][-1] == {"measure": "sold", "date": "2024-12-01", "value": 38000.5}, a["measures"]
assert a["measures"][1]["reference"] == "Res. 12-2024"
assert all(i["value"] != "ABC-123" for i in c["identifiers"]), "the plate is the asset's, not the case's"
assert c["assets"][1]["owner"] is None and c["assets"][1]["measures"] == []
PY
run person search $P --phone 000
run case show "$C" $P --format json
python3 -c "import json,sys; c=json.load(open(sys.argv[1])); assert c['assets'][0]['identifiers'][0]['value'] != 'ABC-123'" "$T/out" &&
	ok "an asset's identifier is masked like any other" || not_ok "asset identifier masked"
n=$(db_sql "SELECT count(*) FROM sealed WHERE tbl = 'identifier'")
[ "$(db_sql "SELECT count(*) FROM identifiers WHERE asset_id IS NOT NULL AND case_id = $C")" = 1 ] && [ "$n" -ge 1 ] &&
	ok "the plate is an identifier tied to the asset, sealed" || not_ok "asset identifier stored"
grep -q "ABC-123" "$KHIPU_DB" 2>/dev/null && not_ok "the plate is not in clear in the database" ||
	ok "the plate is not in clear in the database"
PERSON=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['persons'][0]['person_id'])" "$T/out")
CHILD=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['persons'][1]['person_id'])" "$T/out")
SUSPECT=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['persons'][2]['person_id'])" "$T/out")
ASSET=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['assets'][1]['id'])" "$T/out")

# ---- refused at registration, nothing written ----
cases=$(count_rows cases)
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
d = json.load(open(t + "/case.json"))
d["number"] = "2024-0901-FEPMTP-MDD"
d["persons"][0]["victim"]["protection"][1]["consent"] = None
json.dump(d, open(t + "/nocons.json", "w"))
d = json.load(open(t + "/case.json"))
d["number"] = "2024-0902-FEPMTP-MDD"
d["assets"][0]["measures"] = [{"measure": "forfeited", "date": "2024-05-01"}]
json.dump(d, open(t + "/noseize.json", "w"))
d = json.load(open(t + "/case.json"))
d["number"] = "2024-0903-FEPMTP-MDD"
d["assets"][0]["owner"]["person"] = 9
json.dump(d, open(t + "/noowner.json", "w"))
PY
expect 2 "a shelter referral of an adult victim without consent is refused" -- case add $P --json "$T/nocons.json"
expect_err "persons\[0\].victim.protection\[1\].consent: a referral to 'shelter' needs the informed consent" "names the field"
expect 2 "a forfeiture of an asset never seized is refused" -- case add $P --json "$T/noseize.json"
expect_err "assets\[0\].measures\[0\].measure: 'forfeited' of an asset never seized" "names the field"
expect 2 "an owner who is not a person of the case is refused" -- case add $P --json "$T/noowner.json"
expect_err "assets\[0\].owner.person" "names the field"
[ "$(count_rows cases)" = "$cases" ] && ok "refused documents write nothing" || not_ok "refused documents write nothing"

# ---- through case update ----
version() { db_sql "SELECT version FROM cases WHERE id = $C"; }
run case show "$C" $P --format json
cp "$T/out" "$T/shown.json"
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
d = json.load(open(t + "/shown.json"))
d["persons"][0]["victim"]["protection"].append({"measure": "return", "provider": "iom", "date": "2024-06-02"})
json.dump(d, open(t + "/u-nocons.json", "w"))
d = json.load(open(t + "/shown.json"))
d["assets"][1]["measures"] = [{"measure": "pronabi", "date": "2024-05-01"}]
json.dump(d, open(t + "/u-noseize.json", "w"))
d = json.load(open(t + "/shown.json"))
d["persons"][0]["victim"]["protection"].append({"measure": "return", "provider": "iom", "date": "2024-06-02", "consent": True, "result": "provided"})
d["assets"][1]["measures"] = [{"measure": "frozen", "date": "2024-03-04"}]
d["assets"][1]["owner"] = {"person": 2, "relation": "owner"}
d["police_report"]["sidpol"] = "SIDPOL-33219078"
json.dump(d, open(t + "/u-good.json", "w"))
PY
prot=$(count_rows protections)
expect 2 "update: a return without the adult victim's consent is refused" -- case update "$C" $P --json "$T/u-nocons.json"
expect_err "persons\[0\].victim.protection\[3\].consent" "names the field"
expect 2 "update: handing to PRONABI an asset never seized is refused" -- case update "$C" $P --json "$T/u-noseize.json"
expect_err "assets\[1\].measures\[0\].measure: 'pronabi' of an asset never seized" "names the field"
[ "$(version)" = 1 ] && [ "$(count_rows protections)" = "$prot" ] && ok "refused updates write nothing" ||
	not_ok "refused updates write nothing (version $(version))"
expect 0 "update: the return with consent, the cash frozen and owned, the SIDPOL reference" -- \
	case update "$C" $P --json "$T/u-good.json" --reason "retorno a Puno"
[ "$(version)" = 2 ] && ok "one revision" || not_ok "one revision ($(version))"
run case history "$C" $P --format json
python3 - "$T/out" <<'PY' && ok "the history holds each change by path" || not_ok "history of the update"
import json, sys
h = json.load(open(sys.argv[1]))
paths = {c["path"] for v in h["revisions"] if v["version"] == 2 for c in v["changes"]}
assert any(p.endswith(".victim.protection") for p in paths), paths
assert any(p.endswith(".measures") for p in paths) and any(p.endswith(".owner") for p in paths), paths
assert "police_report" in paths or "police_report.sidpol" in paths, paths
PY

# ---- the focused commands ----
expect 2 "case protect: a referral of an adult without consent is refused" -- \
	case protect "$C" $P --victim "$PERSON" --measure health --provider health --date 2024-07-01
expect_err "\-\-consent: a referral to 'health' needs" "names the option"
expect 0 "case protect: a child's shelter needs no consent of hers" -- \
	case protect "$C" $P --victim "$CHILD" --measure psychological --provider mimp_car --date 2024-07-01 --result ongoing
expect 2 "case protect: the single interview happens once" -- \
	case protect "$C" $P --victim "$PERSON" --measure single_interview --date 2024-07-02
expect_err "\-\-measure: the single interview" "names the option"
expect 2 "case protect: only a victim" -- \
	case protect "$C" $P --victim "$SUSPECT" --measure health --date 2024-07-02 --consent yes
expect_err "\-\-victim" "names the option"
expect 2 "case protect: an unknown measure" -- \
	case protect "$C" $P --victim "$PERSON" --measure massage --date 2024-07-02 --consent yes
expect_err "\-\-measure" "names the option"
expect 0 "case protect: consent given" -- \
	case protect "$C" $P --victim "$PERSON" --measure health --provider health --date 2024-07-03 --consent yes --result provided
expect 2 "case asset: a sale before the asset's freezing is refused" -- \
	case asset "$C" $P --asset "$ASSET" --step sold --date 2024-03-01 --value 900
expect_err "\-\-date: '2024-03-01' is before" "names the option"
expect 2 "case asset: forfeiture needs its file number" -- \
	case asset "$C" $P --asset "$ASSET" --step extinction_of_ownership --date 2024-04-02
expect_err "\-\-file: missing" "names the option"
expect 2 "case asset: only a sale or assignment has a realised value" -- \
	case asset "$C" $P --asset "$ASSET" --step forfeited --date 2024-04-02 --value 5
expect_err "\-\-value" "names the option"
v=$(version)
expect 0 "case asset: confiscated by sentence" -- case asset "$C" $P --asset "$ASSET" --step forfeited --date 2024-11-02 --reference "Sent. 45-2024"
expect 0 "case asset: assigned with its realised value" -- case asset "$C" $P --asset "$ASSET" --step assigned --date 2024-12-02 --value 1150.75
[ "$(version)" = $((v + 2)) ] && ok "each step is one revision" || not_ok "each step is one revision"
expect 4 "an analyst may not amend a case" -- case asset "$C" --as demo-analyst --asset "$ASSET" --step returned --date 2024-12-03
run case show "$C" $P --format json
python3 - "$T/out" <<'PY' && ok "the steps and the protection are in the document" || not_ok "focused changes in the document"
import json, sys
c = json.load(open(sys.argv[1]))
a = c["assets"][1]
assert [m["measure"] for m in a["measures"]] == ["frozen", "forfeited", "assigned"], a
assert a["measures"][2]["value"] == 1150.75 and a["measures"][1]["reference"] == "Sent. 45-2024"
assert a["owner"] == {"person": 2, "relation": "owner"}
assert [p["measure"] for p in c["persons"][0]["victim"]["protection"]][-1] == "health"
assert c["persons"][1]["victim"]["protection"][-1]["measure"] == "psychological"
assert c["police_report"]["sidpol"] == "SIDPOL-33219078"
PY
run audit show --as demo-auditor --format json
python3 - "$T/out" <<'PY' && ok "audited as case.update, without identities" || not_ok "audit of the focused commands"
import json, sys
e = [x for x in json.load(open(sys.argv[1])) if x["action"] == "case.update"]
assert len(e) >= 5, len(e)
assert not any("Rosa" in json.dumps(x) or "ABC-123" in json.dumps(x) for x in e)
PY

# ---- police intake: the police's reports without a case ----
cat > "$T/police.csv" <<'CSV'
number,reta,sidpol,date,unit,observación
INF-123-2024-DIRINTRAP,,,2024-03-04,DEPINTRAP Madre de Dios,x
,,SIDPOL-33219078,2024-03-04,,
INF-777-2024-REGPOL,,,2024-05-01,Comisaría Tambopata,
,RETA-2024-99999,,,,
CSV
run police reconcile $P --file "$T/police.csv" --format json
python3 - "$T/out" <<'PY' && ok "police reconcile: the reports no case names, in file order" || not_ok "police reconcile"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["reports"] == 4 and r["without_case"] == 2, r
assert [x["line"] for x in r["rows"]] == [4, 5], r
assert r["rows"][0]["number"] == "INF-777-2024-REGPOL" and r["rows"][1]["reta"] == "RETA-2024-99999"
PY
run police reconcile --as inti --file "$T/police.csv" --format csv
[ "$(tail -n +2 "$T/out" | wc -l)" = 4 ] && ok "another office's prosecutor finds none of them in her cases" ||
	not_ok "police reconcile scoped to the office ($(cat "$T/out"))"
printf 'number,reta\nINF-1,\n,\n' > "$T/bad.csv"
expect 2 "a row with no reference is refused" -- police reconcile $P --file "$T/bad.csv"
expect_err "line 3: no report number" "naming its line"
printf 'numero,fecha\nINF-1,2024-01-01\n' > "$T/bad.csv"
expect 2 "a file with none of the columns is refused" -- police reconcile $P --file "$T/bad.csv"
expect 4 "the auditor may not list cases" -- police reconcile --as demo-auditor --file "$T/police.csv"

# ---- a backup and a restore carry it all ----
run case show "$C" $P --format json --reveal
cp "$T/out" "$T/before.json"
expect 0 "backup" -- backup --out "$T/b.db"
expect 0 "restore" -- restore --from "$T/b.db"
run case show "$C" $P --format json --reveal
cmp -s "$T/out" "$T/before.json" && ok "the same case after a restore" || not_ok "the same case after a restore"
for h in "case protect" "case asset" "police reconcile"; do
	run $h --help
	[ "$rc" = 0 ] && grep -q "^usage: khipu $h" "$T/out" && ok "$h --help" || not_ok "$h --help"
done
done_testing
