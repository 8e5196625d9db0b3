#!/bin/sh
# t0310 — who works on a case, on the web and the JSON API (issue 9 item 4):
# a prosecutor's start page lists her cases first; the case list filters by
# assignee (?assigned_to=); the case page assigns and transfers, explaining
# a refusal at its form and writing nothing; the API does the same; the
# dashboard's workload table and its CSV agree with counts from the tables.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 30
echo "pw-rosa-web-2024" | "$KHIPU" user add rosa --role prosecutor --office FEPMTP-MDD --as demo-admin >/dev/null
echo "pw-inti-web-2024" | "$KHIPU" user add inti --role prosecutor --office FEPMTP-CUS --as demo-admin >/dev/null
MDD="SELECT c.id FROM cases c JOIN offices o ON o.id = c.office_id WHERE o.code = 'FEPMTP-MDD'"
set -- $(db_sql "$MDD ORDER BY c.id")
[ $# -ge 3 ] && ok "the office has $# cases" || { not_ok "the office has three cases or more"; done_testing; exit 1; }
C1=$1; C2=$2; C3=$3
"$KHIPU" case assign "$C1" --as demo-prosecutor --to demo-prosecutor >/dev/null &&
	"$KHIPU" case assign "$C2" --as demo-prosecutor --to rosa >/dev/null || not_ok "assign by the CLI"
start_server
P="$T/jar-p"
login demo-prosecutor "$P" >/dev/null
assigned() { db_sql "SELECT coalesce(u.name, '-') FROM cases c LEFT JOIN users u ON u.id = c.assigned_to WHERE c.id = $1"; }
# the case ids linked from a part of the page, sorted
links() { grep -o 'href="/cases/[0-9]*"' | grep -o '[0-9]*' | sort -n | tr '\n' ' '; }
# the start page's part "my cases" (up to the office's part)
mine() { python3 -c 'import sys; s = open(sys.argv[1]).read(); print(s[s.index("id=\"my-cases\""):s.index("id=\"office-cases\"")])' "$T/body"; }

# ---- the start page ----
http "$P" GET "/?lang=en"
expect_code 200 "a prosecutor's start page"
mine | links >"$T/mine"
[ "$(cat "$T/mine")" = "$C1 " ] && ok "it lists her own cases (those assigned to her)" ||
	not_ok "her own cases: $(cat "$T/mine"), wanted $C1"
tr '>' '\n' <"$T/body" | awk '/id="my-cases"/ { m = NR } /id="office-cases"/ { o = NR } END { exit !(m && o && m < o) }' &&
	ok "first, before the office's newest cases" || not_ok "her cases come first"
login rosa "$T/jar-r" pw-rosa-web-2024 >/dev/null
http "$T/jar-r" GET "/?lang=en"
mine | links >"$T/mine"
[ "$(cat "$T/mine")" = "$C2 " ] && ok "each prosecutor her own" || not_ok "rosa's cases: $(cat "$T/mine")"
login demo-analyst "$T/jar-a" >/dev/null
http "$T/jar-a" GET /
expect_code 303 "an analyst still goes to the case list"

# ---- the list filter ----
for q in me nobody rosa; do
	case $q in
	me) sql="$MDD AND c.assigned_to = (SELECT id FROM users WHERE name = 'demo-prosecutor')" ;;
	nobody) sql="$MDD AND c.assigned_to IS NULL" ;;
	rosa) sql="$MDD AND c.assigned_to = (SELECT id FROM users WHERE name = 'rosa')" ;;
	esac
	http "$P" GET "/cases?assigned_to=$q&lang=en"
	got=$(links <"$T/body")
	want=$(db_sql "$sql ORDER BY c.id" | tr '\n' ' ')
	[ "$code" = 200 ] && [ "$got" = "$want" ] && ok "/cases?assigned_to=$q lists those cases" ||
		not_ok "/cases?assigned_to=$q: $got, wanted $want"
done
grep -q '<option value="rosa" selected>\|<option selected value="rosa">' "$T/body" &&
	ok "the filter keeps a named assignee" || not_ok "the filter keeps a named assignee"
http "$P" GET "/cases?assigned_to=nadie&lang=en"
expect_code 400 "an unknown assignee in the filter"
grep -q "Unknown user in" "$T/body" && ok "is explained" || not_ok "is explained"

# ---- the case page: assign ----
http "$P" GET "/cases/$C3?lang=en"
grep -q 'action="/cases/'"$C3"'/assign"' "$T/body" && grep -q 'action="/cases/'"$C3"'/transfer"' "$T/body" &&
	ok "the case page has the forms to assign and transfer" || not_ok "assign and transfer forms"
grep -q '<option value="inti"' "$T/body" && not_ok "the choice holds only the office's prosecutors" ||
	ok "the choice holds only the office's prosecutors"
login demo-police "$T/jar-pol" >/dev/null
http "$T/jar-pol" GET "/cases/$C3?lang=en"
grep -q '/assign"\|/transfer"' "$T/body" && not_ok "the police see no such form" || ok "the police see no such form"
c=$(csrf_of "$P" "/cases/$C3")
http "$P" POST "/cases/$C3/assign?lang=en" -d "to=inti&csrf=$c"
expect_code 422 "assigning a prosecutor of another office is refused"
grep -q 'id="assign-error">assignee: user &#39;inti&#39; is a prosecutor of another office' "$T/body" &&
	ok "the reason is at the form" || not_ok "the reason is at the form"
[ "$(assigned "$C3")" = - ] && ok "nothing written" || not_ok "nothing written"
http "$P" POST "/cases/$C3/assign" -d "to=rosa&csrf=$c"
expect_code 303 "assigning rosa"
[ "$(assigned "$C3")" = rosa ] && ok "rosa is its assignee" || not_ok "rosa is its assignee"
http "$P" GET "/cases/$C3?lang=en"
grep -q '<dt>Assigned to</dt><dd>rosa' "$T/body" && ok "the page names her" || not_ok "the page names her"
http "$T/jar-pol" POST "/cases/$C3/assign" -d "to=demo-prosecutor&csrf=$(csrf_of "$T/jar-pol" "/cases/$C3")"
expect_code 403 "the police may not assign"

# ---- the case page: transfer ----
http "$P" POST "/cases/$C3/transfer?lang=en" -d "office=FEPMTP-CUS&reason=&csrf=$c"
expect_code 422 "a transfer without a reason is refused"
grep -q 'id="transfer-error">reason: missing' "$T/body" && ok "explained at its form" || not_ok "explained at its form"
grep -q '<option value="FEPMTP-CUS" selected>' "$T/body" && ok "the office chosen is kept" || not_ok "the office chosen is kept"
http "$P" POST "/cases/$C3/transfer?lang=en" -d "office=FEPMTP-MDD&reason=x&csrf=$c"
expect_code 422 "a transfer to the same office is refused"
[ "$(count_rows case_transfers)" = 0 ] && ok "nothing written" || not_ok "nothing written"
http "$P" POST "/cases/$C3/transfer" -d "office=FEPMTP-CUS&reason=hechos+en+Cusco&csrf=$c"
expect_code 303 "the transfer"
grep -qi '^location: /cases' "$T/hdr" && ok "back to the list" || not_ok "back to the list"
http "$P" GET "/cases/$C3"
expect_code 403 "the sending office no longer opens it"
login inti "$T/jar-i" pw-inti-web-2024 >/dev/null
http "$T/jar-i" GET "/cases/$C3?lang=en"
expect_code 200 "the receiving office does"
grep -q 'Transfers' "$T/body" && grep -q 'FEPMTP-MDD → FEPMTP-CUS' "$T/body" && grep -q 'hechos en Cusco' "$T/body" &&
	ok "with the transfer and its reason" || not_ok "the transfer on the case page"
grep -q '<dt>Assigned to</dt><dd>nobody' "$T/body" && ok "unassigned" || not_ok "unassigned"

# ---- the API ----
TP=$("$KHIPU" token create --as demo-prosecutor | tail -1)
TI=$("$KHIPU" token create --as inti | tail -1)
api() { tok=$1; method=$2; path=$3; shift 3
	code=$($CURL -o "$T/body" -w '%{http_code}' -H "Authorization: Bearer $tok" -X "$method" "$@" "$URL$path"); }
J='Content-Type: application/json'
api "$TP" GET "/api/v1/cases?assigned_to=me"
python3 -c "import json,sys; print(' '.join(str(c['id']) for c in sorted(json.load(open(sys.argv[1]))['cases'], key=lambda c: c['id'])) + ' ')" "$T/body" >"$T/got"
[ "$code" = 200 ] && [ "$(cat "$T/got")" = "$C1 " ] && ok "GET /api/v1/cases?assigned_to=me" || not_ok "API assigned_to=me: $(cat "$T/got")"
api "$TP" GET "/api/v1/cases?assigned_to=nadie"
expect_code 422 "an unknown assignee is 422"
api "$TI" POST "/api/v1/cases/$C3/assign" -H "$J" -d '{"to": "rosa"}'
expect_code 422 "API: rosa is not of the case's office now"
grep -q '"code":"invalid"' "$T/body" && ok "an invalid error" || not_ok "an invalid error"
api "$TI" POST "/api/v1/cases/$C3/assign" -H "$J" -d '{"to": "inti", "why": 1}'
expect_code 422 "API: an unknown field is refused"
api "$TI" POST "/api/v1/cases/$C3/assign" -H "$J" -d '{"to": "inti"}'
expect_code 200 "API: inti assigns it to herself"
[ "$(assigned "$C3")" = inti ] && ok "written" || not_ok "written"
api "$TP" POST "/api/v1/cases/$C1/transfer" -H "$J" -d '{"office": "NO-SUCH", "reason": "x"}'
expect_code 422 "API: an unknown office"
api "$TP" POST "/api/v1/cases/$C1/transfer" -H "$J" -d '{"office": "FEPMTP-CUS", "reason": 7}'
expect_code 422 "API: a reason that is not text"
api "$TP" POST "/api/v1/cases/$C3/transfer" -H "$J" -d '{"office": "FEPMTP-LIM", "reason": "x"}'
expect_code 403 "API: another office's case is not ours to transfer"
api "$TP" POST "/api/v1/cases/$C1/transfer" -H "$J" -d '{"office": "FEPMTP-CUS", "reason": "competencia"}'
expect_code 200 "API: a transfer"
[ "$(db_sql "SELECT o.code FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.id = $C1")" = FEPMTP-CUS ] &&
	ok "the case is Cusco's" || not_ok "the case is Cusco's"
[ "$(count_rows case_transfers)" = 2 ] && ok "two transfers recorded" || not_ok "two transfers recorded"

# ---- the workload table of the dashboard ----
OPEN="c.stage NOT IN ('provisional_archive', 'archive', 'final_sentence')"
for office in FEPMTP-CUS FEPMTP-MDD; do
	http "$P" GET "/stats.csv?table=workload&office=$office&lang=en"
	[ "$code" = 200 ] || not_ok "the workload CSV of $office (HTTP $code)"
	# (assignee, stage, count) from the CSV's matrix, without its total column
	python3 - "$T/body" >"$T/got" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8")))
head = rows[0][1:]
if head and head[-1] == "Total":
    head = head[:-1]
for r in rows[1:]:
    for stage, n in zip(head, r[1:1 + len(head)]):
        if n not in ("", "0"):
            print(f"{'-' if r[0] == 'nobody' else r[0]}|{stage}|{n}")
PY
	sort "$T/got" -o "$T/got"
	db_sql "SELECT coalesce(u.name, '-'), c.stage, count(*) FROM cases c JOIN offices o ON o.id = c.office_id LEFT JOIN users u ON u.id = c.assigned_to WHERE $OPEN AND o.code = '$office' GROUP BY 1, 2" |
		while IFS=, read -r who stage n; do
			label=$("$KHIPU" codebook stage --format json | python3 -c "import json,sys; print([e['en'] for e in json.load(sys.stdin)['stage'] if e['code'] == sys.argv[1]][0])" "$stage")
			echo "$who|$label|$n"
		done | sort >"$T/want"
	[ -s "$T/want" ] && cmp -s "$T/got" "$T/want" && ok "workload of $office = the tables ($(wc -l <"$T/want") cells)" ||
		{ not_ok "workload of $office"; diff "$T/want" "$T/got" | head -5 | sed 's/^/    # /'; }
done
http "$P" GET "/stats?office=FEPMTP-MDD&lang=en"
grep -q '<section class="stat" id="workload">' "$T/body" && grep -q 'Workload: open cases by assigned prosecutor' "$T/body" &&
	ok "the dashboard shows the workload table" || not_ok "the dashboard shows the workload table"
stop_server
[ "$srv_rc" = 0 ] && ok "the server stops cleanly" || not_ok "the server stops cleanly ($srv_rc)"
done_testing
