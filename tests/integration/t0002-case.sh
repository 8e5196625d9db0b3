#!/bin/sh
# t0002 — registering, listing, showing cases; bad input writes nothing.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 10
expect 0 "a prosecutor of the office registers a case" -- case add --as demo-prosecutor --json "$DOC"
id=$(cat "$T/out")
expect 0 "case show works" -- case show "$id" --as demo-prosecutor
expect_out "2024-0153-FEPMTP-MDD" "show names the case number"
expect_out "R\*\*\* C\*\*\* T\*\*\*" "identities are masked by default"
grep -q "Rosalinda" "$T/out" && not_ok "masked view hides the name" || ok "masked view hides the name"
expect 0 "case show --reveal" -- case show "$id" --as demo-prosecutor --reveal --format json
expect_out "Rosalinda Ccahuana Ttito" "reveal shows the victim's name"
expect_out '"identities": "revealed"' "json says revealed"
run audit show --as demo-auditor --format json
grep -q "identity.reveal_victim" "$T/out" && ok "the reveal is in the audit trail" ||
	not_ok "the reveal is in the audit trail"
grep -q "Rosalinda" "$T/out" && not_ok "audit holds no name" || ok "audit holds no name"

expect 0 "an analyst may read the case" -- case show "$id" --as demo-analyst --format json
grep -q "Rosalinda\|R\*\*\*" "$T/out" && not_ok "an analyst sees no identity, not even masked" ||
	ok "an analyst sees no identity, not even masked"
expect_out '"identities": "none"' "json says none for an analyst"
expect 4 "an analyst cannot reveal" -- case show "$id" --as demo-analyst --reveal
expect 4 "an admin cannot read a case" -- case show "$id" --as demo-admin
expect 4 "an auditor cannot add a case" -- case add --as demo-auditor --json "$DOC"

# ids and numbers never mix: digits alone or #digits name the id
expect 0 "case show #id" -- case show "#$id" --as demo-prosecutor --format json
expect_out '"number": "2024-0153-FEPMTP-MDD"' "#id opens the case with that id"
expect 3 "#number is not a number" -- case show "#2024-0153-FEPMTP-MDD" --as demo-prosecutor
expect 3 "an id that does not exist is not found" -- case show 99999999 --as demo-prosecutor
expect 0 "case list as json" -- case list --as demo-prosecutor --format json --number 0153
expect_out '"number": "2024-0153-FEPMTP-MDD"' "list has the case"
expect_out '"victims": 2' "list counts victims"
expect 0 "case list as csv" -- case list --as demo-analyst --format csv --limit 3
head -1 "$T/out" | grep -q '^id,number,office' && ok "csv has a header" || not_ok "csv has a header"
expect 2 "an unknown format is refused" -- case list --as demo-analyst --format xml

expect 0 "record a procedural event" -- case event "$id" --as demo-prosecutor --stage formalised_investigation --date 2024-05-02
run case show "$id" --as demo-prosecutor --format json
grep -q '"stage": "formalised_investigation"' "$T/out" && ok "the stage follows the latest event" ||
	not_ok "the stage follows the latest event"
expect 2 "an impossible event date is refused" -- case event "$id" --as demo-prosecutor --stage trial --date 2024-02-30
expect 2 "an unknown stage is refused" -- case event "$id" --as demo-prosecutor --stage lunch --date 2024-05-02
expect 4 "an analyst cannot record events" -- case event "$id" --as demo-analyst --stage trial --date 2024-06-02

# bad documents: each fails with a message naming the field and writes nothing
before=$(count_rows cases)/$(count_rows persons)/$(count_rows sealed)/$(count_rows audit)
bad() {
	want=$1; field=$2; what=$3; shift 3
	python3 - "$DOC" "$T/bad.json" "$@" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
doc["number"] = "BAD-1"
exec(sys.argv[3])
open(sys.argv[2], "w").write(json.dumps(doc) if not isinstance(doc, str) else doc)
PY
	expect "$want" "$what is refused" -- case add --as demo-prosecutor --json "$T/bad.json"
	expect_err "$field" "$what: the message names '$field'"
}
bad 2 "invalid JSON" "malformed JSON" 'doc = "{\"number\": \"x\",,}"'
bad 2 "persons\[0\].victim.exploitation\[0\]" "an unknown code" 'doc["persons"][0]["victim"]["exploitation"] = ["sexual"]'
bad 2 "complaint_date" "an impossible date" 'doc["complaint_date"] = "2023-02-30"'
bad 2 "number" "a case number of digits alone (it would read as a case id)" 'doc["number"] = "834"'
bad 2 "number" "a case number beginning with '#'" 'doc["number"] = "#2024-1"'
bad 2 "complaint_date" "a date in the future" 'doc["complaint_date"] = "2999-01-01"'
bad 2 "office" "a missing required field" 'del doc["office"]'
bad 2 "persons\[2\].role" "a missing role" 'del doc["persons"][2]["role"]'
bad 2 "persons\[1\].victim.age_at_recruitment" "an impossible age" 'doc["persons"][1]["victim"]["age_at_recruitment"] = 300'
bad 2 "office" "an unknown office" 'doc["office"] = "NOPE"'
bad 2 "place.ubigeo" "an unknown ubigeo" 'doc["place"]["ubigeo"] = "990101"'
bad 2 "persons\[0\].sexo" "an unknown field" 'doc["persons"][0]["sexo"] = "f"'
bad 4 "another office" "a case of another office" 'doc["office"] = "FEPMTP-LIM"'
bad 5 "number" "a duplicate case number" 'doc["number"] = "2024-0153-FEPMTP-MDD"'
grep -q "Rosalinda\|71234567\|987" "$T/err" && not_ok "no identity in error messages" ||
	ok "no identity in error messages"
after=$(count_rows cases)/$(count_rows persons)/$(count_rows sealed)/$(count_rows audit)
echo "# rows before $before after $after (audit may grow by refusals only)"
[ "${before%/*}" = "${after%/*}" ] && ok "bad documents wrote nothing" || not_ok "bad documents wrote nothing"

expect 4 "an unknown user is refused" -- case list --as nobody
expect_err "unknown user 'nobody'" "names the unknown user"
expect 0 "admin locks a user" -- user lock demo-police --as demo-admin
expect 4 "a locked user is refused" -- case list --as demo-police
expect_err "locked" "says the user is locked"
expect 0 "admin unlocks a user" -- user unlock demo-police --as demo-admin
expect 0 "the unlocked user works again" -- case list --as demo-police --limit 1
expect 4 "a prosecutor cannot add users" -- user add eve --role admin --as demo-prosecutor
expect 2 "a wrong role is refused" -- user add eve --role king --as demo-admin
# another role: audited, refused to non-administrators, never one's own
expect 0 "admin makes the analyst an auditor" -- user role demo-analyst --role auditor --as demo-admin
expect 0 "who then verifies the audit trail" -- audit verify --as demo-analyst
expect 4 "a prosecutor cannot change roles" -- user role demo-analyst --role admin --as demo-prosecutor
expect 2 "a prosecutor needs an office" -- user role demo-analyst --role prosecutor --as demo-admin
expect_err "needs an office" "says so"
expect 2 "nobody changes their own role" -- user role demo-admin --role analyst --as demo-admin
expect_err "your own role" "says so"
expect 2 "an unknown role is refused" -- user role demo-analyst --role king --as demo-admin
expect 0 "back to analyst" -- user role demo-analyst --role analyst --as demo-admin
expect 4 "who may no longer verify the audit trail" -- audit verify --as demo-analyst
done_testing
