#!/bin/sh
# t0130 — joining an existing person to a case by person_id (issue 14, item 1).
# A person id is a guessable number: a prosecutor or a police officer may
# join a person only when she can already read and reveal that person in a
# case within her office (own or shared). Anything else is refused exactly
# like an id that does not exist, writes nothing, and is audited; a join
# that is allowed is audited as person.join. CLI and JSON API.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 20
PO=$(db_sql "SELECT office_id FROM users WHERE name = 'demo-prosecutor'")
OCODE=$(db_sql "SELECT code FROM offices WHERE id = $PO")
POLICE_OFFICE=$(db_sql "SELECT office_id FROM users WHERE name = 'demo-police'")
[ "$POLICE_OFFICE" = "$PO" ] && ok "the demo's police officer works in the prosecutor's office" ||
	not_ok "demo police office ($POLICE_OFFICE vs $PO)"
OTHER=$(db_sql "SELECT code FROM offices WHERE id <> $PO ORDER BY id LIMIT 1")
"$KHIPU" user add far-prosecutor --role prosecutor --office "$OTHER" >/dev/null <<PW
far-password-12
PW

# doc NUMBER OFFICE PERSON [SHARED]: a case document; PERSON is a person_id
# to join, or "new" for a new victim named "Zenobia Quillahuaman Apaza".
doc() {
	if [ "$3" = new ]; then
		p='{"role": "victim", "name": "Zenobia Quillahuaman Apaza", "sex": "female", "doc_type": "dni", "doc_number": "44556677", "victim": {"exploitation": ["forced_labour"]}}'
	else
		p="{\"role\": \"victim\", \"person_id\": $3, \"victim\": {\"exploitation\": [\"forced_labour\"]}}"
	fi
	sh=""
	[ -n "${4:-}" ] && sh=", \"shared_with\": [\"$4\"]"
	cat <<DOC
{"number": "$1", "office": "$2", "complaint_date": "2025-05-02",
 "complaint_source": "police_report", "place": {"country": "PE", "ubigeo": "150101"},
 "offences": ["cp_129a"], "persons": [$p]$sh}
DOC
}
person_of() {   # the person of the one participation of case NUMBER
	db_sql "SELECT p.person_id FROM participations p JOIN cases c ON c.id = p.case_id WHERE c.number = '$1'"
}

# another office's victim, not shared, and another office's victim shared with ours
doc J-FAR-1 "$OTHER" new >"$T/far.json"
expect 0 "another office registers its victim" -- case add --as far-prosecutor --json "$T/far.json"
FAR=$(person_of J-FAR-1)
doc J-FAR-2 "$OTHER" new "$OCODE" >"$T/far2.json"
expect 0 "another office registers a victim shared with ours" -- case add --as far-prosecutor --json "$T/far2.json"
SHARED=$(person_of J-FAR-2)
OWNCASE=$(db_sql "SELECT id FROM cases WHERE office_id = $PO ORDER BY id LIMIT 1")
OWN=$(db_sql "SELECT person_id FROM participations WHERE case_id = $OWNCASE ORDER BY id LIMIT 1")
MISSING=$(( $(db_sql "SELECT max(id) FROM persons") + 1000 ))
[ -n "$FAR" ] && [ -n "$SHARED" ] && [ -n "$OWN" ] && ok "persons in and out of reach" ||
	not_ok "test persons ($FAR $SHARED $OWN)"

# the answer for a person that does not exist, to compare with
doc J-MISSING "$OCODE" "$MISSING" >"$T/missing.json"
run case add --as demo-prosecutor --json "$T/missing.json"
missing_rc=$rc
missing_err=$(sed "s/$MISSING/N/" "$T/err")

n=0
for who in demo-prosecutor demo-police; do
	n=$((n + 1))
	cases_before=$(count_rows cases)
	denied_before=$(db_sql "SELECT count(*) FROM audit WHERE action = 'access.denied' AND object = 'person:$FAR'")
	doc "J-STEAL-$n" "$OCODE" "$FAR" >"$T/steal.json"
	run case add --as "$who" --json "$T/steal.json"
	[ "$rc" != 0 ] && [ "$rc" = "$missing_rc" ] &&
		ok "$who: another office's victim is refused like a missing person (exit $rc)" ||
		not_ok "$who: joining another office's victim (exit $rc, missing person $missing_rc)"
	[ "$(sed "s/$FAR/N/" "$T/err")" = "$missing_err" ] &&
		ok "$who: with the same message as a missing person" ||
		not_ok "$who: message differs: $(cat "$T/err")"
	expect_err "persons\[0\].person_id" "$who: the message names the field"
	[ "$(count_rows cases)" = "$cases_before" ] && ok "$who: nothing is written" ||
		not_ok "$who: a case was written"
	[ "$(db_sql "SELECT count(*) FROM audit WHERE action = 'access.denied' AND object = 'person:$FAR'")" -gt "$denied_before" ] &&
		ok "$who: the attempt is in the audit trail" || not_ok "$who: attempt not audited"
	run case show "J-STEAL-$n" --as "$who" --reveal
	grep -q "Zenobia" "$T/out" && not_ok "$who: the victim's name leaked" || ok "$who: no name leaks"

	doc "J-OWN-$n" "$OCODE" "$OWN" >"$T/own.json"
	expect 0 "$who: a person of an own-office case may join" -- case add --as "$who" --json "$T/own.json"
	cid=$(db_sql "SELECT id FROM cases WHERE number = 'J-OWN-$n'")
	[ "$(db_sql "SELECT count(*) FROM audit WHERE action = 'person.join' AND object = 'person:$OWN' AND detail LIKE '%\"case\":$cid%'")" = 1 ] &&
		ok "$who: the join is audited with its case" || not_ok "$who: join not audited"

	doc "J-SHARED-$n" "$OCODE" "$SHARED" >"$T/shared.json"
	expect 0 "$who: a person of a case shared with the office may join" -- case add --as "$who" --json "$T/shared.json"
done

# an office's case shared outward does not make the other office's persons ours
doc J-STEAL-3 "$OCODE" "$FAR" "$OTHER" >"$T/steal3.json"
run case add --as demo-prosecutor --json "$T/steal3.json"
[ "$rc" = "$missing_rc" ] && ok "sharing the new case does not open the person" || not_ok "steal with share ($rc)"

# the JSON API
TP=$("$KHIPU" token create --as demo-prosecutor)
start_server
J="$T/none"
api() { tok=$1; shift; http "$J" "$@" -H "Authorization: Bearer $tok"; }
doc J-API-1 "$OCODE" "$FAR" >"$T/api1.json"
api "$TP" POST /api/v1/cases -H 'Content-Type: application/json' --data-binary @"$T/api1.json"
expect_code 422 "API: another office's victim is refused"
grep -q 'person_id' "$T/body" && ok "API: the error names the field" || not_ok "API: field not named"
grep -q 'Zenobia\|44556677' "$T/body" && not_ok "API: the refusal shows the person" || ok "API: the refusal shows nothing"
doc J-API-2 "$OCODE" "$MISSING" >"$T/api2.json"
api "$TP" POST /api/v1/cases -H 'Content-Type: application/json' --data-binary @"$T/api2.json"
expect_code 422 "API: a missing person gets the same status"
[ "$(count_rows cases)" = "$(db_sql "SELECT count(*) FROM cases WHERE number NOT LIKE 'J-API%'")" ] &&
	ok "API: nothing written" || not_ok "API: a case was written"
doc J-API-3 "$OCODE" "$OWN" >"$T/api3.json"
api "$TP" POST /api/v1/cases -H 'Content-Type: application/json' --data-binary @"$T/api3.json"
expect_code 201 "API: a person of an own case may join"
stop_server

"$KHIPU" audit verify >/dev/null 2>&1 && ok "the audit chain verifies" || not_ok "audit chain"
echo "$PASS passed, $FAIL failed"
[ "$FAIL" -eq 0 ]
