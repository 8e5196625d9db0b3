#!/bin/sh
# t0600 — international requests followed as a workflow (issue 13, item 1):
# `khipu mla add|update|list|show` on the requests of case documents (the
# same records: what mla adds, case show gives back and case update keeps);
# each change one revision and one request.manage audit entry; the liaison
# on every case, a prosecutor on the office's, the police and another
# office's prosecutor refused (and the refusal audited); bad input refused
# naming the option, nothing written; overdue first, --overdue and
# --due-within; the case page shows reference, authority, dates and status.
. "$KHIPU_LIB"

fresh_demo 5
L="--as demo-liaison"
P="--as demo-prosecutor"
echo "pw-inti-2024" | "$KHIPU" user add inti --role prosecutor --office FEPMTP-CUS --as demo-admin >/dev/null
cat > "$T/case.json" <<'JSON'
{
  "number": "2024-0600-FEPMTP-MDD", "office": "FEPMTP-MDD",
  "complaint_date": "2024-01-10", "complaint_source": "police_report",
  "place": {"country": "PE", "ubigeo": "170101"}, "offences": ["cp_129a"],
  "persons": [
    {"role": "victim", "name": "Rosa Quispe Mamani", "sex": "female"},
    {"role": "suspect", "name": "Juan Pérez Huamán", "sex": "male", "nationality": "BO"}
  ],
  "assets": [{"kind": "cash", "value": 1200, "currency": "PEN"}],
  "requests": [
    {"direction": "outgoing", "country": "BO", "type": "mla", "status": "sent",
     "authority": "Fiscalía General del Estado", "sent": "2024-02-01", "due": "2024-05-01",
     "reference": "AJ-2024-0001", "legal_basis": "untoc_art18", "channel": "central_authority",
     "assistance": ["bank_records"]}
  ]
}
JSON
C=$("$KHIPU" case add $P --json "$T/case.json") && ok "a case with a request registered" ||
	not_ok "case registered"
run case show "$C" $P --format json
python3 - "$T/out" "$T/ids" <<'PY' && ok "the document's request holds the workflow's fields" || not_ok "document request"
import json, sys
c = json.load(open(sys.argv[1]))
r = c["requests"][0]
assert r["legal_basis"] == "untoc_art18" and r["channel"] == "central_authority", r
assert r["assistance"] == ["bank_records"] and r["answered"] is None, r
sus = [p["person_id"] for p in c["persons"] if p["role"] == "suspect"][0]
open(sys.argv[2], "w").write("%d %d %d\n" % (r["id"], sus, c["assets"][0]["id"]))
PY
read R1 SUS ASSET < "$T/ids"
V0=$(count_rows revisions)
A0=$(count_rows audit)

# ---- add ----
expect 0 "the liaison adds an outgoing request to a case of any office" -- \
	mla add "$C" $L --direction outgoing --country CO --type asset_recovery \
	--basis bilateral_treaty --channel network --asks trace_proceeds,asset_freeze \
	--sent 2024-03-01 --due 2099-01-01 --authority "Fiscalía General de la Nación" \
	--reference "AJ-2024-0002" --person "$SUS" --asset "$ASSET" --reason "tracing the cash"
R2=$(sed -n 's/^request \([0-9]*\) .*/\1/p' "$T/out")
[ -n "$R2" ] && ok "mla add prints the new request's id" || not_ok "request id printed ($(cat "$T/out"))"
expect 0 "the case's prosecutor adds an incoming request" -- \
	mla add "$C" $P --direction incoming --country EC --type mla --received 2024-04-02 \
	--due 2024-05-02
R3=$(sed -n 's/^request \([0-9]*\) .*/\1/p' "$T/out")
[ "$(count_rows revisions)" = $((V0 + 2)) ] && ok "each add is one revision" || not_ok "revisions after add"
[ "$(db_sql "SELECT count(*) FROM audit WHERE action = 'request.manage'")" = 2 ] &&
	ok "each add is one request.manage audit entry" || not_ok "audit entries of add"
run audit show --as demo-auditor --format json
python3 - "$T/out" <<'PY' && ok "the audit entries of an add say the request is new, as JSON" || not_ok "audit detail of mla add"
import json, sys
d = json.load(open(sys.argv[1]))
entries = d["entries"] if isinstance(d, dict) else d
adds = [e for e in entries if e["action"] == "request.manage"]
assert len(adds) == 2, adds
for e in adds:
    det = e["detail"] if isinstance(e["detail"], dict) else json.loads(e["detail"])
    assert det["request"] == "new" and det["revision"] >= 1, det
PY
run case show "$C" $P --format json
python3 - "$T/out" "$R2" "$R3" "$SUS" "$ASSET" <<'PY' && ok "case show gives back what mla added" || not_ok "mla add round trip"
import json, sys
c = json.load(open(sys.argv[1]))
r2 = [r for r in c["requests"] if r["id"] == int(sys.argv[2])][0]
assert r2 == {"id": int(sys.argv[2]), "direction": "outgoing", "country": "CO",
  "authority": "Fiscalía General de la Nación", "type": "asset_recovery", "status": "sent",
  "sent": "2024-03-01", "due": "2099-01-01", "received": None, "answered": None,
  "reference": "AJ-2024-0002", "legal_basis": "bilateral_treaty", "channel": "network",
  "assistance": ["trace_proceeds", "asset_freeze"], "persons": [int(sys.argv[4])],
  "assets": [int(sys.argv[5])]}, r2
r3 = [r for r in c["requests"] if r["id"] == int(sys.argv[3])][0]
assert r3["status"] == "received" and r3["direction"] == "incoming", r3
PY

# ---- refusals: nothing written ----
V1=$(count_rows revisions)
N1=$(count_rows requests)
expect 2 "an unknown country code is refused" -- mla add "$C" $L --direction outgoing --country XX --type mla
expect_err "country" "the refusal names --country"
expect 2 "a due date before the date sent is refused" -- \
	mla add "$C" $L --direction outgoing --country BO --type mla --sent 2024-03-01 --due 2024-02-01
expect_err "\-\-due" "the refusal names --due"
expect 2 "an answer before the date sent is refused" -- mla update "$R2" $L --answered 2024-02-01
expect_err "\-\-answered" "the refusal names --answered"
expect 2 "an unknown request type is refused" -- mla add "$C" $L --direction outgoing --country BO --type gossip
expect_err "\-\-type" "the refusal names --type"
expect 2 "a person who is not the case's is refused" -- \
	mla add "$C" $L --direction outgoing --country BO --type mla --person 999999
expect_err "\-\-person" "the refusal names --person"
expect 2 "an asset not of the case is refused" -- mla update "$R2" $L --asset 999999
expect_err "\-\-asset" "the refusal names --asset"
expect 2 "a missing direction is refused" -- mla add "$C" $L --country BO --type mla
expect_err "\-\-direction" "the refusal names --direction"
expect 2 "a malformed due date is refused" -- mla update "$R2" $L --due 2024-13-01
expect_err "\-\-due" "the malformed date names --due"
expect 4 "the police may not manage requests" -- mla add "$C" --as demo-police --direction outgoing --country BO --type mla
expect 4 "another office's prosecutor may not add a request to the case" -- \
	mla add "$C" --as inti --direction outgoing --country BO --type mla
expect 4 "nor change one of its requests" -- mla update "$R2" --as inti --status closed
expect 4 "nor see one" -- mla show "$R2" --as inti
[ "$(db_sql "SELECT count(*) FROM audit WHERE action = 'access.denied' AND actor = 'inti'")" = 3 ] &&
	ok "the refusals are audited" || not_ok "refusals audited"
expect 3 "an unknown request is not found" -- mla update 999999 $L --status closed
[ "$(count_rows revisions)" = "$V1" ] && [ "$(count_rows requests)" = "$N1" ] &&
	ok "no refusal wrote anything" || not_ok "refusals wrote something"

# ---- update ----
expect 0 "the liaison records the answer" -- mla update "$R1" $L --status answered --answered 2024-04-20
[ "$(count_rows revisions)" = $((V1 + 1)) ] && ok "the update is one revision" || not_ok "revision of update"
run case history "$C" $P --format json
python3 - "$T/out" <<'PY' && ok "the history shows the status and the answer changed" || not_ok "history of update"
import json, sys
h = json.load(open(sys.argv[1]))
last = h["revisions"][-1] if isinstance(h, dict) else h[-1]
paths = [c["path"] for c in last["changes"]]
assert any(p.endswith(".status") for p in paths) and any(p.endswith(".answered") for p in paths), paths
PY
expect 0 "an empty value clears an optional field" -- mla update "$R3" $P --due ""
run mla show "$R3" $L --format json
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['due'] is None and r['days_left'] is None, r" "$T/out" &&
	ok "the cleared due date is gone" || not_ok "clear due"
expect 0 "its due date again" -- mla update "$R3" $P --due 2024-05-02

# ---- lists ----
run mla list $L --format json
python3 - "$T/out" "$R1" "$R2" "$R3" <<'PY' && ok "the liaison's list: overdue first, then by due date" || not_ok "list order"
import json, sys
rows = json.load(open(sys.argv[1]))
mine = [r["id"] for r in rows if r["id"] in map(int, sys.argv[2:])]
assert mine == [int(sys.argv[4]), int(sys.argv[2]), int(sys.argv[3])], mine
first_not_late = next(i for i, r in enumerate(rows) if not r["overdue"])
assert all(not r["overdue"] for r in rows[first_not_late:]), "an overdue one after one on time"
PY
run mla list $L --overdue --format json
python3 - "$T/out" "$R3" "$R1" "$R2" <<'PY' && ok "--overdue: the open ones past their due date" || not_ok "--overdue"
import json, sys
rows = json.load(open(sys.argv[1]))
ids = [r["id"] for r in rows]
assert int(sys.argv[2]) in ids and int(sys.argv[3]) not in ids and int(sys.argv[4]) not in ids, ids
assert all(r["overdue"] and r["days_left"] < 0 for r in rows), rows
PY
expect 0 "a request due in three days" -- mla update "$R2" $L --due "$(date -u -d '+3 days' +%F)"
run mla list $L --due-within 7 --format json
python3 -c "import json,sys; ids=[r['id'] for r in json.load(open(sys.argv[1]))]; assert ids==[int(sys.argv[2])], ids" "$T/out" "$R2" &&
	ok "--due-within 7: what is due this week" || not_ok "--due-within ($(cat "$T/out"))"
run mla list $L --due-within 2 --format json
[ "$(cat "$T/out")" = "[]" ] && ok "--due-within 2 leaves it out" || not_ok "--due-within 2"
expect 2 "--due-within takes a number of days" -- mla list $L --due-within soon
run mla list --as inti --format json
python3 -c "import json,sys; rows=json.load(open(sys.argv[1])); assert all(r['case']!=int(sys.argv[2]) for r in rows), rows" "$T/out" "$C" &&
	ok "another office's prosecutor does not list the case's requests" || not_ok "office scope of list"
expect 4 "the analyst does not list requests" -- mla list --as demo-analyst
run mla list $P --case "$C"
expect_out "AJ-2024-0002" "the table shows the reference"

# ---- the case document is the same record ----
run case show "$C" $P --format json
python3 - "$T/out" "$T/upd.json" "$R3" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
for r in c["requests"]:
    if r["id"] == int(sys.argv[3]):
        r["status"] = "closed"
json.dump(c, open(sys.argv[2], "w"))
PY
expect 0 "case update changes a request like mla update" -- case update "$C" $P --json "$T/upd.json"
run mla show "$R3" $L --format json
python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['status']=='closed' and r['overdue'] is False, r" "$T/out" &&
	ok "mla show sees the document's change" || not_ok "document change seen by mla"

# ---- the case page ----
expect 0 "a request past its due date" -- mla update "$R2" $L --due 2024-06-01
. "$(dirname "$KHIPU_LIB")/web.sh"
start_server
login demo-prosecutor
http "$T/jar-demo-prosecutor" GET "/cases/$C"
expect_code 200 "the case page opens"
for s in "AJ-2024-0002" "Fiscalía General de la Nación" "2024-03-01" 'class="overdue"' "2024-04-20"; do
	grep -q -- "$s" "$T/body" && ok "the case page shows $s" || not_ok "case page lacks $s"
done
stop_server
done_testing
