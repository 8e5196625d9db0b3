#!/bin/sh
# t0531 — the dedup review queue (GET /dedup, issue 12): the victim
# registered twice is a pair with masked names and how each field agreed,
# no identity in clear and no name in a URL; "Same person" merges (303, the
# undo offered), "Undo" separates them again exactly, "Two persons" keeps
# the pair out of the queue; a pair with a person of another office's case
# posted by hand is refused (403) and writes nothing; an analyst may not
# see the page; posts without the CSRF token are refused.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
fresh_demo 5
PO=$(db_sql "SELECT office_id FROM users WHERE name = 'demo-prosecutor'")
OTHER=$(db_sql "SELECT code FROM offices WHERE id <> $PO AND code <> 'FEPMTP-MDD' ORDER BY id LIMIT 1")
echo "far-password-12" | "$KHIPU" user add far-prosecutor --role prosecutor --office "$OTHER" >/dev/null
"$KHIPU" case add --as demo-prosecutor --json "$DOC" >/dev/null && ok "the first case" || not_ok "first case"
jq '.number = "2024-0190-FEPMTP-MDD" | .persons = [.persons[0] | .name = "Rosalinda Cahuana Tito" |
	del(.doc_number, .doc_type, .identifiers)]' "$DOC" >"$T/again.json"
"$KHIPU" case add --as demo-prosecutor --json "$T/again.json" >/dev/null && ok "the same victim again" ||
	not_ok "second case"
jq --arg o "$OTHER" '.number = "2024-0200-FAR" | .office = $o | .persons = [.persons[1]]' "$DOC" >"$T/far.json"
"$KHIPU" case add --as far-prosecutor --json "$T/far.json" >/dev/null && ok "another office's case" ||
	not_ok "far case"
person_of() {
	db_sql "SELECT p.person_id FROM participations p JOIN cases c ON c.id = p.case_id
		WHERE c.number = '$1' ORDER BY p.id LIMIT 1"
}
A=$(person_of 2024-0153-FEPMTP-MDD); B=$(person_of 2024-0190-FEPMTP-MDD); FAR=$(person_of 2024-0200-FAR)
rows() { db_sql "SELECT id, person_id FROM participations ORDER BY id"; }
# the pairs the merge buttons of the page offer, as "low-high" lines
offered() {
	sed -n 's/.*action="\/dedup\/merge"//p' "$T/body" | grep -o 'name="a" value="[0-9]*"><input type="hidden" name="b" value="[0-9]*"' |
		sed 's/[^0-9]*\([0-9]*\)[^0-9]*\([0-9]*\)"/\1 \2/' | awk '{ print ($1 < $2) ? $1 "-" $2 : $2 "-" $1 }'
}
PAIR=$( [ "$A" -lt "$B" ] && echo "$A-$B" || echo "$B-$A")
rows >"$T/before"

start_server
P="$T/jar-p"
login demo-prosecutor "$P" >/dev/null
http "$P" GET "/dedup?lang=en"
expect_code 200 "the queue"
offered | grep -qx "$PAIR" && ok "the pair is offered" || not_ok "pair missing: $(offered)"
grep -q "2024-0190-FEPMTP-MDD" "$T/body" && ok "with a case of each person" || not_ok "cases missing"
grep -q "name: near\|name: close\|name: weak" "$T/body" && grep -q "birth date: exact" "$T/body" &&
	ok "how each field agreed" || not_ok "agreement missing"
grep -qi "rosalinda\|ccahuana\|cahuana\|71234567" "$T/body" && not_ok "an identity in clear" ||
	ok "no identity in clear (names masked)"
grep -q 'href="/dedup"' "$T/body" && ok "the menu links the queue" || not_ok "menu link"

CS=$(csrf_of "$P" /dedup)
http "$P" POST /dedup/merge -d "a=$A" -d "b=$FAR" --data-urlencode "csrf=$CS"
expect_code 403 "a person of another office's case posted by hand is refused"
rows >"$T/now"; cmp -s "$T/before" "$T/now" && ok "nothing written" || not_ok "rows changed"
http "$P" POST /dedup/merge -d "a=$A" -d "b=$A" --data-urlencode "csrf=$CS"
expect_code 422 "a person with herself"
http "$P" POST /dedup/merge -d "a=$A" -d "b=$B"
expect_code 403 "no CSRF token"
rows >"$T/now"; cmp -s "$T/before" "$T/now" && ok "still nothing written" || not_ok "rows changed"

http "$P" POST /dedup/merge -d "a=$A" -d "b=$B" --data-urlencode "csrf=$CS"
expect_code 303 "Same person: merged"
loc=$(sed -n 's/^[Ll]ocation: *//p' "$T/hdr" | tr -d '\r')
[ "$loc" = "/dedup?kept=$A&merged=$B" ] && ok "the address holds ids only" || not_ok "location $loc"
[ "$(db_sql "SELECT count(*) FROM participations WHERE person_id = $B")" = 0 ] && ok "B's part moved to A" ||
	not_ok "not merged"
http "$P" GET "$loc&lang=en"
grep -q 'now one person' "$T/body" && grep -q 'action="/dedup/unmerge"' "$T/body" &&
	ok "the merge is said and its undo offered" || not_ok "undo not offered"
offered | grep -qx "$PAIR" && not_ok "the pair still proposed" || ok "the pair is no longer proposed"
http "$P" POST /dedup/unmerge -d "a=$A" -d "b=$B" --data-urlencode "csrf=$CS"
expect_code 303 "Undo"
rows >"$T/now"; cmp -s "$T/before" "$T/now" && ok "every part back with its person" || not_ok "rows after undo"

http "$P" POST /dedup/reject -d "a=$A" -d "b=$B" --data-urlencode "csrf=$CS"
expect_code 303 "Two persons"
http "$P" GET "/dedup?done=rejected&lang=en"
grep -q 'will not be proposed again' "$T/body" && ok "said" || not_ok "reject not said"
offered | grep -qx "$PAIR" && not_ok "a rejected pair is proposed again" ||
	ok "the rejected pair is gone from the queue"

N="$T/jar-a"
login demo-analyst "$N" >/dev/null
http "$N" GET /dedup
expect_code 403 "an analyst may not see the queue"
CN=$(csrf_of "$N" /cases)
http "$N" POST /dedup/merge -d "a=$A" -d "b=$B" --data-urlencode "csrf=$CN"
expect_code 403 "nor merge"
stop_server
grep -qi "rosalinda\|cahuana" "$T/serve.log" && not_ok "an identity in the server's log" || ok "no identity in the log"
[ "$(db_sql "SELECT count(*) FROM audit WHERE action IN ('person.merge', 'person.unmerge', 'dedup.reject')")" = 3 ] &&
	ok "merge, undo and rejection audited" || not_ok "audit entries"
done_testing
