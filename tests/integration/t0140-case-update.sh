#!/bin/sh
# t0140 — amending a case through its document (issue 9, REQ-CASE-UPD and
# REQ-CASE-REV): case update, edit, history, show --version; children
# changed, added, marked removed; identities kept when masked, erased by
# null; a stale version refused (exit 9) writing nothing; bad input named;
# the statistics follow (against a count of the tables themselves).
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 10
expect 0 "a prosecutor registers a case" -- case add --as demo-prosecutor --json "$DOC"
id=$(cat "$T/out")
expect 0 "case show prints the document with its version" -- case show "$id" --as demo-prosecutor --format json
cp "$T/out" "$T/v1.json"
expect_out '"version": 1' "a new case is at version 1"

expect 0 "the unchanged document changes nothing" -- case update "$id" --as demo-prosecutor --json "$T/v1.json"
expect_out "nothing changed" "says nothing changed"

# edit: a birth year, a new suspect, an event, an asset removed, a phone changed
python3 - "$T/v1.json" "$T/v2.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
v = d["persons"][1]
v["birth_year"] = 2003
v.pop("birth_date", None)
d["persons"].append({"role": "suspect", "name": "Teodoro Cutipa Ramos", "sex": "male",
                     "suspect": {"outcome": "pending"}})
d["events"].append({"stage": "formalised_investigation", "date": "2024-05-02"})
d["assets"] = []
d["persons"][0]["identifiers"][0]["value"] = "+51 911 000 111"
json.dump(d, open(sys.argv[2], "w"))
PY
before_sex=$(db_sql "SELECT count(*) FROM participations WHERE case_id = $id")
expect 0 "the edited document is applied" -- case update "$id" --as demo-prosecutor --json "$T/v2.json" --reason "sospechoso identificado"
expect_out "version 2" "the case is at version 2"
run case show "$id" --as demo-prosecutor --reveal --format json
expect_out "Teodoro Cutipa Ramos" "the added suspect is in the case"
expect_out "+51 911 000 111" "the phone was changed"
expect_out "Rosalinda Ccahuana Ttito" "the masked name was kept"
expect_out '"stage": "formalised_investigation"' "the stage is derived again"
grep -q '"assets": \[\]' "$T/out" && ok "the removed asset is not shown" || not_ok "the removed asset is not shown"
[ "$(db_sql "SELECT count(*) FROM assets WHERE case_id = $id AND removed_in = 2")" = 1 ] &&
	ok "the removed asset is marked removed, not deleted" || not_ok "the removed asset is marked removed, not deleted"
[ "$(db_sql "SELECT count(*) FROM revisions WHERE case_id = $id")" = 1 ] && ok "one revision row" ||
	not_ok "one revision row"
db_sql "SELECT tbl, col FROM sealed WHERE tbl = 'revision'" | sort | tr '\n' ' ' > "$T/sealed"
grep -q "revision,before revision,changes revision,reason" "$T/sealed" && ok "the revision's changes, reason and document are sealed" ||
	not_ok "the revision's changes, reason and document are sealed ($(cat "$T/sealed"))"

expect 9 "an update from the old version is refused with its own status" -- case update "$id" --as demo-prosecutor --json "$T/v2.json"
expect_err "version 2" "the message names the current version"
[ "$(db_sql "SELECT version FROM cases WHERE id = $id")" = 2 ] && ok "the stale update wrote nothing" ||
	not_ok "the stale update wrote nothing"

expect 0 "the history" -- case history "$id" --as demo-prosecutor
expect_out "sospechoso identificado" "the history has the reason"
expect_out "persons\[id=.*\].birth_year: 2004 -> 2003" "the history names the path, old and new value"
grep -q "Teodoro\|911 000 111" "$T/out" && not_ok "identities are masked in the history" ||
	ok "identities are masked in the history"
expect 0 "the history revealed" -- case history "$id" --as demo-prosecutor --reveal --format json
expect_out "Teodoro Cutipa Ramos" "revealed, the history shows the new suspect"
run audit show --as demo-auditor --format json
grep -q 'history.*true' "$T/out" && ok "revealing the history is audited" || not_ok "revealing the history is audited"
grep -q '"action": "case.update"' "$T/out" && ok "the update is audited" || not_ok "the update is audited"
grep -q "Teodoro\|sospechoso" "$T/out" && not_ok "the audit holds no identity or reason" ||
	ok "the audit holds no identity or reason"
expect 0 "an analyst reads the history" -- case history "$id" --as demo-analyst --format json
expect_out '"identities": "none"' "without identities"
grep -q "T\*\*\*\|Teodoro\|sospechoso" "$T/out" && not_ok "an analyst sees no identity in the history" ||
	ok "an analyst sees no identity in the history"
expect 4 "an analyst cannot reveal the history" -- case history "$id" --as demo-analyst --reveal

expect 0 "version 1 read back" -- case show "$id" --as demo-prosecutor --version 1 --reveal
python3 - "$T/out" "$T/v1.json" <<'PY' && ok "version 1 is the registered document" || not_ok "version 1 is the registered document"
import json, sys
d = json.load(open(sys.argv[1])); o = json.load(open(sys.argv[2]))
assert d["version"] == 1 and len(d["assets"]) == len(o["assets"]) == 1
assert len(d["persons"]) == len(o["persons"])
assert d["persons"][1]["birth_year"] == o["persons"][1]["birth_year"]
assert d["persons"][0]["name"] == "Rosalinda Ccahuana Ttito"
PY
expect 3 "a version that does not exist" -- case show "$id" --as demo-prosecutor --version 7
expect_err "versions 1 to 2" "the message says which versions exist"

# case edit with a scripted editor
cat > "$T/ed.sh" <<'SH'
#!/bin/sh
python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["persons"][0]["sex"] = "male"
json.dump(d, open(sys.argv[1], "w"))
PY
SH
chmod +x "$T/ed.sh"
EDITOR="$T/ed.sh" VISUAL= expect 0 "case edit applies what the editor saved" -- case edit "$id" --as demo-prosecutor --reason "sexo corregido"
expect_out "version 3" "the edit made version 3"
printf '#!/bin/sh\nexit 0\n' > "$T/noop.sh"; chmod +x "$T/noop.sh"
EDITOR="$T/noop.sh" VISUAL= expect 0 "an edit that changes nothing" -- case edit "$id" --as demo-prosecutor
expect_out "nothing changed" "writes nothing"
printf '#!/bin/sh\nexit 3\n' > "$T/fail.sh"; chmod +x "$T/fail.sh"
EDITOR="$T/fail.sh" VISUAL= expect 2 "a failing editor writes nothing" -- case edit "$id" --as demo-prosecutor
ls "${TMPDIR:-/tmp}"/khipu-case-"$id"-* >/dev/null 2>&1 && not_ok "the temporary file is removed" ||
	ok "the temporary file is removed"

# free text naming a person: shown masked, and the masked text sent back keeps it
run case show "$id" --as demo-prosecutor --reveal --format json
python3 - "$T/out" "$T/ft.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["summary"] = "Rosalinda Ccahuana Ttito fue captada en Cusco."
json.dump(d, open(sys.argv[2], "w"))
PY
expect 0 "a summary naming the victim" -- case update "$id" --as demo-prosecutor --json "$T/ft.json"
expect 0 "shown masked" -- case show "$id" --as demo-prosecutor --format json
grep -q "Rosalinda Ccahuana" "$T/out" && not_ok "the summary is masked without a reveal" ||
	ok "the summary is masked without a reveal"
cp "$T/out" "$T/ftm.json"
expect 0 "the masked document sent back" -- case update "$id" --as demo-prosecutor --json "$T/ftm.json"
expect_out "nothing changed" "masked free text changes nothing"
run case show "$id" --as demo-prosecutor --reveal --format json
expect_out "Rosalinda Ccahuana Ttito fue captada" "the summary keeps the name"
python3 - "$T/ftm.json" "$T/ft2.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["summary"] = d["summary"] + " Rescatada en 2024."
json.dump(d, open(sys.argv[2], "w"))
PY
expect 2 "a masked summary changed is refused (its masks would replace the name)" -- case update "$id" --as demo-prosecutor --json "$T/ft2.json"
expect_err "summary" "the message names the summary"
expect_err "reveal" "and says to start from the revealed case"
run case show "$id" --as demo-prosecutor --reveal --format json
python3 - "$T/out" "$T/ft3.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["summary"] = d["summary"] + " Rescatada en 2024."
json.dump(d, open(sys.argv[2], "w"))
PY
expect 0 "the same change from the revealed document" -- case update "$id" --as demo-prosecutor --json "$T/ft3.json"
run case show "$id" --as demo-prosecutor --reveal --format json
expect_out "Rosalinda Ccahuana Ttito fue captada en Cusco. Rescatada en 2024" "the name is kept and the text added"

# an event recorded with case event is a revision too
expect 0 "case event" -- case event "$id" --as demo-prosecutor --stage indictment --date 2024-08-01
run case show "$id" --as demo-prosecutor --format json
expect_out '"version": 6' "the event made version 6"

# bad input: each refused, named, nothing written
cp "$T/out" "$T/cur.json"
before=$(db_sql "SELECT version FROM cases WHERE id = $id")/$(count_rows participations)/$(count_rows events)/$(count_rows revisions)
bad() {
	want=$1; field=$2; what=$3; shift 3
	python3 - "$T/cur.json" "$T/bad.json" "$@" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
exec(sys.argv[3])
open(sys.argv[2], "w").write(json.dumps(doc))
PY
	expect "$want" "$what is refused" -- case update "$id" --as "${AS:-demo-prosecutor}" --json "$T/bad.json"
	expect_err "$field" "$what: the message names '$field'"
}
bad 2 "events\[0\].id" "an unknown child id" 'doc["events"][0]["id"] = 999999'
bad 2 "persons\[0\].id" "a child id of another case" 'doc["persons"][0]["id"] = 1'
bad 2 "events\[.*\].date" "a date before the complaint" 'doc["events"].append({"stage": "trial", "date": "2020-01-01"})'
bad 2 "version" "a document without version" 'del doc["version"]'
bad 2 "office" "moving the case to another office" 'doc["office"] = "FEPMTP-LIM"'
bad 2 "persons\[0\].name" "erasing a person's name" 'doc["persons"][0]["name"] = None'
bad 2 "persons\[0\].person_id" "another person under a participation" 'doc["persons"][0]["person_id"] = 1'
far=$(db_sql "SELECT p.person_id FROM participations p JOIN cases c ON c.id = p.case_id
	JOIN offices o ON o.id = c.office_id WHERE o.code <> 'FEPMTP-MDD' ORDER BY p.person_id LIMIT 1")
bad 2 "persons\[4\].person_id" "joining a person out of reach" "doc['persons'].append({'role': 'witness', 'person_id': $far})"
bad 2 "persons\[0\].birth_year" "a birth year against the kept birth date" 'doc["persons"][0]["birth_year"] = 1990'
AS=demo-analyst bad 4 "denied\|not allowed\|may not" "an update by a role that may not amend" 'doc["summary"] = "x"'
AS=demo-police bad 4 "denied\|not allowed\|may not" "a request changed by a role without request.manage" 'doc["requests"] = []'
after=$(db_sql "SELECT version FROM cases WHERE id = $id")/$(count_rows participations)/$(count_rows events)/$(count_rows revisions)
[ "$before" = "$after" ] && ok "bad updates wrote nothing" || not_ok "bad updates wrote nothing ($before -> $after)"
grep -q "Rosalinda\|71234567" "$T/err" && not_ok "no identity in error messages" || ok "no identity in error messages"

# removing a victim and correcting a sex: the statistics follow
expect 0 "statistics are derived" -- stats --as demo-analyst --by sex --format csv
python3 - "$T/cur.json" "$T/v5.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
victims = [p for p in d["persons"] if p["role"] == "victim"]
d["persons"].remove(victims[1])
victims[0]["sex"] = "female"
json.dump(d, open(sys.argv[2], "w"))
PY
expect 0 "a victim removed, a sex corrected" -- case update "$id" --as demo-prosecutor --json "$T/v5.json"
for by in sex exploitation office,stage; do
	measure=victims; [ "$by" = office,stage ] && measure=cases
	run stats --as demo-analyst --by "$by" --measure "$measure" --format csv
	tail -n +2 "$T/out" | tr -d '\r' | sort > "$T/got"
	case $by in
	sex) db_sql "SELECT coalesce(s.sex, ''), count(*) FROM participations p JOIN persons s ON s.id = p.person_id
		WHERE p.role = 'victim' AND p.removed_in IS NULL GROUP BY 1" ;;
	exploitation) db_sql "SELECT pc.code, count(*) FROM participations p JOIN participation_codes pc
		ON pc.participation_id = p.id AND pc.dim = 'exploitation' WHERE p.role = 'victim'
		AND p.removed_in IS NULL GROUP BY 1" ;;
	office,stage) db_sql "SELECT o.code, c.stage, count(*) FROM cases c JOIN offices o ON o.id = c.office_id
		GROUP BY 1, 2" ;;
	esac | sort > "$T/want"
	cmp -s "$T/got" "$T/want" && ok "stats by $by match the tables after the update" ||
		{ not_ok "stats by $by match the tables after the update"; diff "$T/got" "$T/want" | head -5; }
done
run case list --as demo-prosecutor --number 0153 --format json
expect_out '"victims": 1' "the list counts the victims left"

# a person removed is found by no search, and cannot be joined through it
run person search --as demo-prosecutor --name "Yolanda Huaman Condori" --format json
grep -q "\"case_number\": \"2024-0153\|$id" "$T/out" && grep -q "0153" "$T/out" &&
	not_ok "a removed victim is not found in this case" || ok "a removed victim is not found in this case"

# the revisions are sealed like every identity: a new key reseals them
expect 0 "key rotate" -- key rotate
expect 0 "the history reads after the key rotation" -- case history "$id" --as demo-prosecutor --reveal --format json
expect_out "Teodoro Cutipa Ramos" "with the revealed values"
expect 0 "and every version" -- case show "$id" --as demo-prosecutor --version 1 --reveal
expect_out "Rosalinda Ccahuana Ttito" "version 1 after the key rotation"

done_testing
