#!/bin/sh
# t0533 — the network page (GET /network?case=ID, issue 12): the case page
# links it; it draws the network (inline SVG by graphviz), lists the cases
# reached as links and another office holding the same phone only as an
# office to contact; names masked, nothing of the other office's case; a
# case out of reach is 404 as one that does not exist; analysts 403; a
# depth outside 1..4 is 400.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
fresh_demo 5
PO=$(db_sql "SELECT office_id FROM users WHERE name = 'demo-prosecutor'")
OTHER=$(db_sql "SELECT code FROM offices WHERE id <> $PO AND code <> 'FEPMTP-MDD' ORDER BY id LIMIT 1")
echo "far-password-12" | "$KHIPU" user add far-prosecutor --role prosecutor --office "$OTHER" >/dev/null
A=$("$KHIPU" case add --as demo-prosecutor --json "$DOC") && ok "the first case" || not_ok "first case"
jq '.number = "2024-0300-FEPMTP-MDD" | .persons = [.persons[1], (.persons[2] | .name = "Wilber Sapana" |
	del(.doc_number) | .identifiers = [{"kind": "phone", "value": "+51 951-222-333"}])]' "$DOC" >"$T/b.json"
B=$("$KHIPU" case add --as demo-prosecutor --json "$T/b.json") && ok "a second case, same phone" || not_ok "second"
jq --arg o "$OTHER" '.number = "2024-0301-FARAWAY" | .office = $o | .persons = [.persons[2] |
	.name = "Otro Nombre" | del(.doc_number) | .identifiers = [{"kind": "phone", "value": "951222333"}]]' \
	"$DOC" >"$T/far.json"
F=$("$KHIPU" case add --as far-prosecutor --json "$T/far.json") && ok "another office's case, same phone" || not_ok "far"

start_server
P="$T/jar-p"
login demo-prosecutor "$P" >/dev/null
http "$P" GET "/cases/$A?lang=en"
grep -q "href=\"/network?case=$A\"" "$T/body" && ok "the case page links its network" || not_ok "no link"
http "$P" GET "/network?case=$A&lang=en"
expect_code 200 "the network page"
grep -q "<svg" "$T/body" && ok "the drawing" || not_ok "no drawing"
grep -q "href=\"/cases/$B\"" "$T/body" && ok "the case reached through the phone is a link" || not_ok "case B not listed"
grep -q "A case of office $OTHER" "$T/body" && ok "the other office is only whom to contact" || not_ok "office not said"
grep -q "FARAWAY\|/cases/$F\"" "$T/body" && not_ok "the other office's case shown" || ok "nothing of its case"
grep -qi "rosalinda\|ccahuana\|wilfredo\|zapana\|951222333\|951 222 333" "$T/body" && not_ok "an identity in clear" ||
	ok "names and values masked"
http "$P" GET "/network?case=$A&depth=1&lang=en"
expect_code 200 "one step"
grep -q "href=\"/cases/$B\"" "$T/body" && not_ok "case B within one step" || ok "one step does not reach the second case"
http "$P" GET "/network?case=$A&depth=9"
expect_code 400 "a depth of 9"
http "$P" GET "/network?case=$F"
code_far=$code
http "$P" GET "/network?case=999999"
[ "$code_far" = 404 ] && [ "$code" = 404 ] && ok "out of reach and missing: both 404" || not_ok "far $code_far, missing $code"
N="$T/jar-a"
login demo-analyst "$N" >/dev/null
http "$N" GET "/network?case=$A"
expect_code 403 "an analyst may not"
stop_server; cp "$T/serve.log" /tmp/linkage2/serve533.log
[ "$(db_sql "SELECT count(*) FROM audit WHERE detail LIKE '%\"network\"%' AND detail LIKE '%\"page\"%'")" -ge 2 ] &&
	ok "page views audited" || not_ok "not audited"
done_testing
