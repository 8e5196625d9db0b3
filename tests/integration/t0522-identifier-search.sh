#!/bin/sh
# t0522 — khipu identifier search across offices: the same phone, written
# differently, in a case of Madre de Dios and one of Cusco. Each prosecutor
# sees her own case and, of the other, only that a match exists and which
# office to contact (never its number); the liaison officer (every case)
# sees both; analysts may not search; every search is audited without the
# value; unknown kinds and values that are no phone are refused.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
fresh_demo 5
echo "pw-carla-2024" | "$KHIPU" user add carla --role prosecutor --office FEPMTP-CUS --as demo-admin >/dev/null ||
	not_ok "a prosecutor of Cusco"
# a case of each office with the same recruiter's phone, written two ways
sed -e 's/"+51 987 654 321"/"+51 944 555 666"/' "$DOC" >"$T/mdd.json"
sed -e 's/2024-0153-FEPMTP-MDD/2025-0007-FEPMTP-CUS/' -e 's/"FEPMTP-MDD"/"FEPMTP-CUS"/' \
	-e 's/"+51 987 654 321"/"944555666"/' -e 's/"951 222 333"/"0051 944-555-666"/' "$DOC" >"$T/cus.json"
expect 0 "a case of Madre de Dios with the phone" -- case add --as demo-prosecutor --json "$T/mdd.json"
expect 0 "a case of Cusco with the same phone" -- case add --as carla --json "$T/cus.json"

expect 0 "the prosecutor of Madre de Dios searches" -- identifier search --as demo-prosecutor \
	--kind phone --value "944 555 666" --format json
jq -e '[.[] | select(.visible)] | length == 1 and .[0].number == "2024-0153-FEPMTP-MDD" and .[0].office == "FEPMTP-MDD" and .[0].role == "victim"' \
	"$T/out" >/dev/null && ok "her own case, with the person's role" || not_ok "own case: $(cat "$T/out")"
jq -e '[.[] | select(.visible | not)] | length == 1 and .[0].office == "FEPMTP-CUS" and (.[0] | keys) == ["office","office_name","visible"]' \
	"$T/out" >/dev/null && ok "of Cusco's case: only the office to contact" || not_ok "other office: $(cat "$T/out")"
grep -q "2025-0007-FEPMTP-CUS" "$T/out" && not_ok "the other office's case number is shown" ||
	ok "the other office's case number is not shown"
expect 0 "as a table" -- identifier search --as demo-prosecutor --kind phone --value "+51944555666"
expect_out "contact the office" "the table says whom to contact"
expect_out "FEPMTP-CUS" "the table names the office"

expect 0 "the prosecutor of Cusco searches" -- identifier search --as carla --kind phone \
	--value "944555666" --format json
jq -e 'length == 2 and ([.[] | select(.visible)][0].number == "2025-0007-FEPMTP-CUS") and
	([.[] | select(.visible | not)][0].office == "FEPMTP-MDD")' "$T/out" >/dev/null &&
	ok "Cusco sees its case and Madre de Dios as the office to contact" || not_ok "Cusco: $(cat "$T/out")"
expect 0 "the liaison officer searches" -- identifier search --as demo-liaison --kind phone \
	--value "944555666" --format json
jq -e 'length == 2 and all(.[]; .visible)' "$T/out" >/dev/null && ok "liaison sees both cases" ||
	not_ok "liaison: $(cat "$T/out")"
expect 0 "a phone nobody has" -- identifier search --as demo-prosecutor --kind phone --value "911000111" \
	--format json
jq -e 'length == 0' "$T/out" >/dev/null && ok "no hit" || not_ok "hits for an unknown phone"

expect 4 "analysts may not search" -- identifier search --as demo-analyst --kind phone --value 944555666
expect 2 "an unknown kind" -- identifier search --as demo-prosecutor --kind telefono --value 944555666
expect_err "--kind: unknown kind of identifier 'telefono'" "the kind named"
expect 2 "a phone of three digits" -- identifier search --as demo-prosecutor --kind phone --value 123
expect_err "--value" "the value's option named"
expect 2 "no --value" -- identifier search --as demo-prosecutor --kind phone

# audited: the searches are in the trail, the phone is not
expect 0 "audit show" -- audit show --as demo-auditor --format json
n=$(jq '[.[] | select(.object == "identifier")] | length' "$T/out")
[ "$n" -ge 5 ] && ok "each search audited ($n entries, the refusals included)" || not_ok "audited searches: $n"
grep -q -e 944555666 -e "944 555 666" -e "555" "$T/out" && not_ok "the value is in the audit trail" ||
	ok "the value is not in the audit trail"
jq -e '[.[] | select(.object == "identifier" and .detail != null) | .detail] | any(test("other_offices"))' "$T/out" \
	>/dev/null && ok "the entry says what was shown" || not_ok "the entry lacks the counts: $(jq -c '[.[] | select(.object == "identifier")][0]' "$T/out")"

# the header's search box on the web: the same answer
start_server
J="$T/jar-pros"
login demo-prosecutor "$J" >/dev/null
c=$(csrf_of "$J" /)
http "$J" POST /search --data-urlencode "q=944 555 666" --data-urlencode "csrf=$c"
expect_code 200 "web: the header search for the phone"
grep -q 'href="/cases/[0-9]*">2024-0153-FEPMTP-MDD</a>' "$T/body" && ok "web: her case, a link" ||
	not_ok "web: her case not listed"
tr -d '\n' <"$T/body" | grep -o '<ul class="identifiers">.*</ul>' >"$T/idents"
grep -q "FEPMTP-CUS" "$T/idents" && [ "$(grep -o '<a ' "$T/idents" | wc -l)" = 1 ] &&
	ok "web: Cusco only as the office to contact (no link)" || not_ok "web: the other office not named"
grep -q "2025-0007-FEPMTP-CUS" "$T/body" && not_ok "web: the other case's number shown" ||
	ok "web: the other case's number not shown"
http "$J" POST /search --data-urlencode "q=911000111" --data-urlencode "csrf=$c"
! grep -q 'class="identifiers"' "$T/body" && grep -q 'class="empty"' "$T/body" &&
	ok "web: nothing found, said so" || not_ok "web: no empty message"
stop_server

expect 0 "identifier search --help" -- identifier search --help
expect_out "contact" "--help says what is shown of other offices"
done_testing
