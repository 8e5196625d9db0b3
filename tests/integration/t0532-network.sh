#!/bin/sh
# t0532 — khipu network (issue 12): from a case, a person or a phone, the
# cases, persons and identifiers connected within --depth steps, with
# igraph's measures; a case of another office holding the same phone is
# only its office (no number, nothing of it); names and values masked;
# json, graphml, svg (graphviz), FollowTheMoney lines and i2 CSV files;
# bad starts and depths refused, analysts refused, runs audited without a
# value.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
fresh_demo 5
PO=$(db_sql "SELECT office_id FROM users WHERE name = 'demo-prosecutor'")
OTHER=$(db_sql "SELECT code FROM offices WHERE id <> $PO AND code <> 'FEPMTP-MDD' ORDER BY id LIMIT 1")
"$KHIPU" user add far-prosecutor --role prosecutor --office "$OTHER" >/dev/null <<PW
far-password-12
PW
expect 0 "the first case (the suspect's phone 951 222 333)" -- case add --as demo-prosecutor --json "$DOC"
# a second case of the office: another victim, the same recruiter's phone written otherwise
jq '.number = "2024-0300-FEPMTP-MDD" | .persons = [.persons[1], (.persons[2] | .name = "Wilber Sapana" |
	del(.doc_number) | .identifiers = [{"kind": "phone", "value": "+51 951-222-333"}])]' "$DOC" >"$T/b.json"
expect 0 "a second case with the same phone" -- case add --as demo-prosecutor --json "$T/b.json"
jq --arg o "$OTHER" '.number = "2024-0301-FARAWAY" | .office = $o | .persons = [.persons[2] |
	.name = "Otro Nombre" | del(.doc_number) | .identifiers = [{"kind": "phone", "value": "951222333"}]]' \
	"$DOC" >"$T/far.json"
expect 0 "another office's case with the same phone" -- case add --as far-prosecutor --json "$T/far.json"

expect 0 "from the phone" -- network --as demo-prosecutor --identifier phone:951222333 --depth 1
jq -e '[.nodes[] | select(.type == "case") | .label] | sort == ["2024-0153-FEPMTP-MDD", "2024-0300-FEPMTP-MDD"]' \
	"$T/out" >/dev/null && ok "both cases of the office hold the phone" || not_ok "cases: $(jq -c '[.nodes[].label]' "$T/out")"
jq -e --arg o "$OTHER" '[.nodes[] | select(.type == "office") | .office] == [$o]' "$T/out" >/dev/null &&
	ok "the other office's case is only its office" || not_ok "office node missing"
grep -q "FARAWAY" "$T/out" && not_ok "the other office's case number shown" || ok "its number is not shown"
expect_err "nodes" "a summary on standard error"

expect 0 "from the first case, two steps" -- network --as demo-prosecutor --case 2024-0153-FEPMTP-MDD --depth 2
jq -e '([.nodes[] | select(.type == "case")] | length) == 2 and ([.nodes[] | select(.type == "person")] | length) >= 3
	and ([.nodes[] | select(.type == "identifier" and .kind == "phone")] | length) >= 2
	and .components == 1 and .communities >= 1
	and all(.nodes[]; has("degree") and has("betweenness") and has("community") and has("component"))' \
	"$T/out" >/dev/null && ok "the second case is reached through the phone; measures on every node" ||
	not_ok "network: $(head -c 400 "$T/out")"
jq -e '[.nodes[] | select(.type == "identifier" and .kind == "phone") | .degree] | max >= 3' "$T/out" >/dev/null &&
	ok "the shared phone links both cases and its holder" || not_ok "shared phone degree"
jq -e '[.nodes[] | select(.type == "identifier" and .kind == "phone")] | max_by(.betweenness) | .betweenness > 0' \
	"$T/out" >/dev/null && ok "the shared phone has betweenness" || not_ok "betweenness"
grep -qi "rosalinda\|ccahuana\|wilfredo\|zapana\|sapana\|951 222\|951222333\|71234567" "$T/out" &&
	not_ok "an identity in clear" || ok "names and values masked"
P=$(db_sql "SELECT p.person_id FROM participations p JOIN cases c ON c.id = p.case_id WHERE c.number = '2024-0300-FEPMTP-MDD' AND p.role = 'suspect'")
expect 0 "from a person" -- network --as demo-prosecutor --person "$P" --depth 1
jq -e '[.nodes[] | select(.type == "case")] | length == 1' "$T/out" >/dev/null && ok "her case" || not_ok "person start"

# formats
expect 0 "graphml" -- network --as demo-prosecutor --case 2024-0153-FEPMTP-MDD --format graphml --out "$T/n.graphml"
python3 -c "
import sys, xml.etree.ElementTree as E
r = E.parse(sys.argv[1]).getroot(); ns = '{http://graphml.graphdrawing.org/xmlns}'
g = r.find(ns + 'graph'); assert len(g.findall(ns + 'node')) >= 5 and len(g.findall(ns + 'edge')) >= 5
" "$T/n.graphml" && ok "GraphML that parses, with nodes and edges" || not_ok "graphml"
expect 0 "svg" -- network --as demo-prosecutor --case 2024-0153-FEPMTP-MDD --format svg --out "$T/n.svg"
grep -q "<svg" "$T/n.svg" && grep -q "2024&#45;0153&#45;FEPMTP&#45;MDD" "$T/n.svg" && ok "an SVG drawing with the cases" || not_ok "svg"
grep -qi "rosalinda\|ccahuana\|951222333" "$T/n.svg" && not_ok "an identity in the drawing" || ok "the drawing masks"
expect 0 "ftm" -- network --as demo-prosecutor --case 2024-0153-FEPMTP-MDD --format ftm
jq -e -s 'all(.[]; has("id") and has("schema") and has("properties")) and
	any(.[]; .schema == "CourtCase") and any(.[]; .schema == "Person") and any(.[]; .schema == "CourtCaseParty")' \
	"$T/out" >/dev/null && ok "FollowTheMoney entities, one per line" || not_ok "ftm: $(head -c 300 "$T/out")"
expect 0 "i2" -- network --as demo-prosecutor --case 2024-0153-FEPMTP-MDD --format i2 --out "$T/red"
head -1 "$T/red-nodes.csv" | grep -q "^id,type,label" && head -1 "$T/red-links.csv" | grep -q "^from,to,type" &&
	[ "$(wc -l <"$T/red-links.csv")" -ge 5 ] && ok "i2 node and link files" || not_ok "i2 files"
expect 2 "i2 without --out" -- network --as demo-prosecutor --case 2024-0153-FEPMTP-MDD --format i2

# refusals
expect 3 "another office's case as the start" -- network --as demo-prosecutor --case 2024-0301-FARAWAY
far_err=$(cat "$T/err")
expect 3 "a case that does not exist" -- network --as demo-prosecutor --case 2099-9999-NONE
[ "$(cat "$T/err")" = "$far_err" ] && ok "out of reach and missing get the same answer" || not_ok "answers differ"
expect 2 "no start" -- network --as demo-prosecutor
expect 2 "two starts" -- network --as demo-prosecutor --case 1 --person 1
expect 2 "depth 0" -- network --as demo-prosecutor --case 2024-0153-FEPMTP-MDD --depth 0
expect 2 "an identifier without a kind" -- network --as demo-prosecutor --identifier 951222333
expect 2 "an unknown format" -- network --as demo-prosecutor --case 2024-0153-FEPMTP-MDD --format dot
expect 4 "an analyst" -- network --as demo-analyst --case 2024-0153-FEPMTP-MDD

expect 0 "audit show" -- audit show --as demo-auditor --format json
jq -e '[.[] | select(.action == "person.search" and (.detail // "" | test("network")))] | length >= 8' "$T/out" \
	>/dev/null && ok "each run audited" || not_ok "network runs not audited"
grep -qi "951222333\|951 222\|rosalinda" "$T/out" && not_ok "a value in the audit trail" || ok "no value audited"
expect 0 "network --help" -- network --help
expect_out "igraph" "--help names the measures"
done_testing
