#!/bin/sh
# t0307 — free text (case summary, event notes, asset descriptions) shows
# no identity without a reveal: every identity value of the case's persons
# is masked in it, on the command line, the web page and the API; the whole
# text comes only with a reveal, and that reveal is audited.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 10
python3 - "$DOC" "$T/case.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["number"] = "2024-0777-FEPMTP-MDD"
d["summary"] = ("Rosalinda CCAHUANA (DNI 71234567) fue captada en Sicuani; la llamaban "
                "al 987-654-321. Vivía en Jr. Las Orquídeas 455.")
json.dump(d, open(sys.argv[2], "w"))
PY
expect 0 "a case whose summary names its victim" -- case add --as demo-prosecutor --json "$T/case.json"
id=$(cat "$T/out")
expect 0 "an event whose note names her too" -- case event "$id" --as demo-prosecutor \
	--stage preliminary_inquiry --date 2024-03-05 --note "Declaró Rosalinda Ccahuana Ttito; su teléfono +51 987 654 321"
leaks() {   # leaks FILE: prints the identity values found in FILE
	for s in Rosalinda CCAHUANA Ccahuana Ttito 71234567 987-654-321 '987 654 321' Sicuani 'Orquídeas'; do
		grep -q -- "$s" "$1" && printf '%s; ' "$s"
	done
}
audits() { count_rows audit; }

# the command line
a0=$(audits)
expect 0 "case show, masked" -- case show "$id" --as demo-prosecutor --format json
l=$(leaks "$T/out")
[ -z "$l" ] && ok "the masked case shows no identity in its free text" || not_ok "free text leaks: $l"
expect_out '"summary": "R\*\*\* C\*\*\* (DNI \*\*\*) fue captada en S\*\*\*' "the summary keeps its other words"
expect_out 'Declaró R\*\*\* C\*\*\* T\*\*\*; su teléfono \*\*\*' "the note is masked too"
[ "$(audits)" = "$a0" ] && ok "a masked read writes no audit entry" || not_ok "a masked read is audited"
expect 0 "case show --reveal" -- case show "$id" --as demo-prosecutor --format json --reveal
expect_out 'Rosalinda CCAHUANA (DNI 71234567) fue captada en Sicuani' "the reveal shows the whole summary"
expect_out 'Declaró Rosalinda Ccahuana Ttito' "and the whole note"
run audit show --as demo-auditor --format json
grep -q "\"object\": \"case:$id\"" "$T/out" && grep -q 'free_text' "$T/out" &&
	ok "the reveal of the free text is audited" || not_ok "free text reveal audited"
l=$(leaks "$T/out")
[ -z "$l" ] && ok "the audit trail holds none of it" || not_ok "audit leaks: $l"
expect 0 "as text" -- case show "$id" --as demo-prosecutor
l=$(leaks "$T/out")
[ -z "$l" ] && ok "the text view masks it as well" || not_ok "text view leaks: $l"
expect 0 "an analyst" -- case show "$id" --as demo-analyst --format json
l=$(leaks "$T/out")
[ -z "$l" ] && ok "an analyst sees no free text at all" || not_ok "analyst leaks: $l"

# the web page and the API
start_server
login demo-prosecutor "$T/p" >/dev/null
http "$T/p" GET "/cases/$id"
expect_code 200 "the case page"
l=$(leaks "$T/body")
[ -z "$l" ] && ok "the case page shows no identity in its free text" || not_ok "the page leaks: $l"
grep -q 'C\*\*\* (DNI \*\*\*)' "$T/body" && ok "the page shows the masked summary" || not_ok "masked summary on the page"
c=$(csrf_of "$T/p" "/cases/$id")
http "$T/p" POST "/cases/$id/reveal" -d "csrf=$c"
expect_code 303 "the reveal answers with the case's address"
http "$T/p" GET "/cases/$id"
grep -q 'Rosalinda CCAHUANA (DNI 71234567)' "$T/body" && ok "the reveal on the web shows it whole" ||
	not_ok "web reveal shows the summary"
TP=$("$KHIPU" token create --as demo-prosecutor)
code=$($CURL -o "$T/api" -w '%{http_code}' -H "Authorization: Bearer $TP" "$URL/api/v1/cases/$id")
[ "$code" = 200 ] && ok "the API answers" || not_ok "the API ($code)"
l=$(leaks "$T/api")
[ -z "$l" ] && ok "the API shows no identity in the free text without reveal=1" || not_ok "the API leaks: $l"
$CURL -o "$T/api" -H "Authorization: Bearer $TP" "$URL/api/v1/cases/$id?reveal=1"
grep -q 'Rosalinda CCAHUANA (DNI 71234567)' "$T/api" && ok "reveal=1 shows it whole" || not_ok "API reveal"
stop_server
done_testing
