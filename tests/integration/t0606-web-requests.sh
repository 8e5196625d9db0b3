#!/bin/sh
# t0606 — international requests added and followed on the web and through
# the JSON API (issue 13, item 4): the case page offers the form to the
# roles that manage requests; the liaison adds one to a case of any office
# and ties it to the case's persons and assets, then records the answer;
# a prosecutor does the same on the office's cases only. Bad input (a due
# date before the date sent, an unknown country, a person not of the case,
# a case the user may not manage requests on, a form without its CSRF
# token) is refused naming the field in the user's words, and nothing is
# written. POST /api/v1/requests and PATCH /api/v1/requests/{id} do the
# same with bearer tokens. No identity in the URLs or the audit trail. The
# pages are in Spanish (the users' language): the fields are named in it.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 5
echo "pw-inti-2024" | "$KHIPU" user add inti --role prosecutor --office FEPMTP-CUS --as demo-admin >/dev/null
cat > "$T/case.json" <<'JSON'
{
  "number": "2024-0606-FEPMTP-MDD", "office": "FEPMTP-MDD",
  "complaint_date": "2024-01-10", "complaint_source": "police_report",
  "place": {"country": "PE", "ubigeo": "170101"}, "offences": ["cp_129a"],
  "persons": [
    {"role": "victim", "name": "Rosa Quispe Mamani", "sex": "female"},
    {"role": "suspect", "name": "Juan Pérez Huamán", "sex": "male", "nationality": "BO"}
  ],
  "assets": [{"kind": "cash", "value": 1200, "currency": "PEN"}]
}
JSON
C=$("$KHIPU" case add --as demo-prosecutor --json "$T/case.json") || not_ok "case registered"
"$KHIPU" case show "$C" --as demo-prosecutor --format json >"$T/c.json"
read VIC SUS ASSET <<EOF
$(python3 -c "
import json,sys; c=json.load(open(sys.argv[1]))
v=[p['person_id'] for p in c['persons'] if p['role']=='victim'][0]
s=[p['person_id'] for p in c['persons'] if p['role']=='suspect'][0]
print(v, s, c['assets'][0]['id'])" "$T/c.json")
EOF
nreq() { count_rows requests; }
nrev() { count_rows revisions; }

start_server
login demo-liaison
J="$T/jar-demo-liaison"

# ---- the case page offers the form ----
http "$J" GET "/cases/$C"
expect_code 200 "the liaison opens the case"
grep -q "href=\"/cases/$C/requests/new\"" "$T/body" && ok "the case page offers to add a request" ||
	not_ok "add-request link"
http "$J" GET "/cases/$C/requests/new"
expect_code 200 "the form opens"
grep -q 'name="csrf"' "$T/body" && grep -q 'name="due"' "$T/body" && grep -q "name=\"persons\" value=\"$SUS\"" "$T/body" &&
	grep -q "name=\"assets\" value=\"$ASSET\"" "$T/body" &&
	ok "the form has its token, the dates and the case's persons and assets" || not_ok "form fields"
! grep -q "Rosa Quispe" "$T/body" && ok "the victim's name is not on the liaison's form" || not_ok "victim name on the form"
CS=$(csrf_of "$J" "/cases/$C/requests/new")

post_new() {   # post_new CASE FIELDS...
	c=$1; shift
	http "$J" POST "/cases/$c/requests/new" --data-urlencode "csrf=$CS" "$@"
}

# ---- refusals: nothing written ----
N0=$(nreq); V0=$(nrev)
post_new "$C" -d direction=outgoing -d country=BO -d type=mla -d sent=2024-03-01 -d due=2024-02-01
expect_code 422 "a due date before the date sent is refused"
grep -q 'role="alert"' "$T/body" && grep -q "Fecha de vencimiento:" "$T/body" &&
	ok "the refusal names the due date in words, as an alert" || not_ok "due date named ($(grep -o 'role="alert">[^<]*' "$T/body"))"
grep -q 'value="2024-03-01"' "$T/body" && ok "the form keeps what was typed" || not_ok "values kept"
post_new "$C" -d direction=outgoing -d country=XX -d type=mla
expect_code 422 "an unknown country is refused"
grep -q "País:" "$T/body" && ok "the refusal names the country" || not_ok "country named"
post_new "$C" -d direction=outgoing -d country=BO -d type=mla -d persons=999999
expect_code 422 "a person not of the case is refused"
grep -q "Personas a las que concierne:" "$T/body" && ok "the refusal names the persons" || not_ok "persons named"
http "$J" POST "/cases/$C/requests/new" -d direction=outgoing -d country=BO -d type=mla
expect_code 403 "a form without its CSRF token is refused"
login inti "$T/jar-inti" pw-inti-2024
I="$T/jar-inti"
CI=$(csrf_of "$I" /cases)
http "$I" POST "/cases/$C/requests/new" --data-urlencode "csrf=$CI" -d direction=outgoing -d country=BO -d type=mla
expect_code 403 "another office's prosecutor may not add a request to the case"
grep -q "Caso:" "$T/body" && ok "the refusal names the case" || not_ok "case named"
http "$I" GET "/cases/$C/requests/new"
[ "$code" = 403 ] || [ "$code" = 404 ] && ok "nor open its form ($code)" || not_ok "form of a case not theirs ($code)"
[ "$(nreq)" = "$N0" ] && [ "$(nrev)" = "$V0" ] && ok "no refusal wrote anything" || not_ok "refusals wrote something"

# ---- add ----
post_new "$C" -d direction=outgoing -d country=BO -d type=asset_recovery -d legal_basis=untoc_art18 \
	-d channel=central_authority -d assistance=trace_proceeds -d assistance=asset_freeze \
	--data-urlencode "authority=Fiscalía General del Estado" -d reference=AJ-0606-1 \
	-d sent=2024-03-01 -d due=2024-06-01 -d persons="$SUS" -d assets="$ASSET" \
	--data-urlencode "reason=rastreo del efectivo"
expect_code 303 "the liaison adds a request"
grep -qi "^location: /cases/$C#requests" "$T/hdr" && ok "back to the case's requests" || not_ok "redirect"
[ "$(nreq)" = $((N0 + 1)) ] && [ "$(nrev)" = $((V0 + 1)) ] && ok "one request, one revision" || not_ok "add wrote"
run mla list --as demo-liaison --format json
R=$(python3 -c "
import json,sys; rows=json.load(open(sys.argv[1]))
r=[x for x in rows if x.get('reference')=='AJ-0606-1'][0]; print(r['id'])" "$T/out")
run mla show "$R" --as demo-liaison --format json
python3 - "$T/out" "$SUS" "$ASSET" <<'PY' && ok "the request holds what the form sent" || not_ok "request fields"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["country"] == "BO" and r["type"] == "asset_recovery" and r["status"] == "sent", r
assert r["assistance"] == ["trace_proceeds", "asset_freeze"], r
assert r["persons"] == [int(sys.argv[2])] and r["assets"] == [int(sys.argv[3])], r
assert r["authority"] == "Fiscalía General del Estado" and r["due"] == "2024-06-01", r
PY
http "$J" GET "/cases/$C"
grep -q "href=\"/requests/$R\"" "$T/body" && ok "the case page links the request" || not_ok "follow-up link"

# ---- update ----
http "$J" GET "/requests/$R"
expect_code 200 "the request's page opens"
grep -q "AJ-0606-1" "$T/body" && grep -q 'checked' "$T/body" && ok "it shows the request, its links checked" ||
	not_ok "update form"
N1=$(nreq); V1=$(nrev)
upd() { http "$J" POST "/requests/$R" --data-urlencode "csrf=$CS" -d direction=outgoing -d country=BO \
	-d type=asset_recovery -d legal_basis=untoc_art18 -d channel=central_authority \
	-d assistance=trace_proceeds -d reference=AJ-0606-1 -d sent=2024-03-01 -d due=2024-06-01 \
	-d persons="$SUS" "$@"; }
upd -d status=answered -d answered=2024-02-20
expect_code 422 "an answer before the date sent is refused"
grep -q "Fecha de respuesta:" "$T/body" && ok "the refusal names the date answered" || not_ok "answered named"
upd -d status=answered -d answered=2024-05-20 -d persons="$VIC"
[ "$code" = 303 ] && ok "the liaison records the answer and ties the victim too" || not_ok "update ($code)"
[ "$(nrev)" = $((V1 + 1)) ] && [ "$(nreq)" = "$N1" ] && ok "one revision, no new request" || not_ok "update wrote"
run mla show "$R" --as demo-liaison --format json
python3 - "$T/out" "$SUS" "$VIC" <<'PY' && ok "status, answer and links changed; the unticked asset is no longer tied" || not_ok "after update"
import json, sys
r = json.load(open(sys.argv[1]))
assert r["status"] == "answered" and r["answered"] == "2024-05-20", r
assert sorted(r["persons"]) == sorted([int(sys.argv[2]), int(sys.argv[3])]) and r["assets"] == [], r
assert r["assistance"] == ["trace_proceeds"], r
PY
http "$I" POST "/requests/$R" --data-urlencode "csrf=$CI" -d status=closed
expect_code 403 "another office's prosecutor may not change it"
http "$I" GET "/requests/$R"
expect_code 403 "nor see it"

# ---- the case's prosecutor ----
login demo-prosecutor
PJ="$T/jar-demo-prosecutor"
CP=$(csrf_of "$PJ" "/cases/$C/requests/new")
http "$PJ" POST "/cases/$C/requests/new" --data-urlencode "csrf=$CP" -d direction=incoming -d country=EC \
	-d type=mla -d received=2024-04-02 -d due=2024-05-02
expect_code 303 "the case's prosecutor adds an incoming request"

# ---- the JSON API ----
TL=$("$KHIPU" token create --as demo-liaison --expires 2)
TI=$("$KHIPU" token create --as inti --expires 2)
api() { m=$1 p=$2 tok=$3; shift 3; http "$T/nojar" "$m" "$p" -H "Authorization: Bearer $tok" -H "Content-Type: application/json" "$@"; }
N2=$(nreq); V2=$(nrev)
api POST /api/v1/requests "$TL" -d "{\"case\": $C, \"direction\": \"outgoing\", \"country\": \"BO\", \"type\": \"mla\", \"sent\": \"2024-03-01\", \"due\": \"2024-01-01\"}"
expect_code 422 "API: a due date before the date sent is refused"
python3 -c "import json,sys; m=json.load(open(sys.argv[1]))['error']['message']; assert m.startswith('due:'), m" "$T/body" &&
	ok "API: the message names the member 'due'" || not_ok "API due named ($(cat "$T/body"))"
api POST /api/v1/requests "$TL" -d "{\"case\": $C, \"direction\": \"outgoing\", \"country\": \"ZZ\", \"type\": \"mla\"}"
expect_code 422 "API: an unknown country is refused"
grep -q '"message":"country:' "$T/body" && ok "API: names 'country'" || not_ok "API country named"
api POST /api/v1/requests "$TI" -d "{\"case\": $C, \"direction\": \"outgoing\", \"country\": \"BO\", \"type\": \"mla\"}"
expect_code 403 "API: a case the user may not manage requests on is refused"
grep -q '"message":"case:' "$T/body" && ok "API: names 'case'" || not_ok "API case named ($(cat "$T/body"))"
api POST /api/v1/requests "$TL" -d "{\"case\": $C, \"direction\": \"outgoing\", \"country\": \"BO\", \"type\": \"mla\", \"colour\": \"red\"}"
expect_code 422 "API: an unknown member is refused"
[ "$(nreq)" = "$N2" ] && [ "$(nrev)" = "$V2" ] && ok "API: no refusal wrote anything" || not_ok "API refusals wrote"
api POST /api/v1/requests "$TL" -d "{\"case\": $C, \"direction\": \"outgoing\", \"country\": \"CO\", \"type\": \"mla\", \"sent\": \"2024-03-01\", \"due\": \"2099-01-01\", \"assistance\": [\"bank_records\"], \"persons\": [$SUS], \"reference\": \"AJ-0606-API\", \"reason\": \"cuentas\"}"
expect_code 201 "API: POST /api/v1/requests adds one"
RA=$(python3 -c "import json,sys; r=json.load(open(sys.argv[1])); assert r['persons']==[int(sys.argv[2])] and r['assistance']==['bank_records'], r; print(r['id'])" "$T/body" "$SUS") &&
	ok "API: the answer is the request" || not_ok "API add answer"
grep -qi "^location: /api/v1/requests/$RA" "$T/hdr" && ok "API: Location names it" || not_ok "Location"
api PATCH "/api/v1/requests/$RA" "$TL" -d '{"status": "answered", "answered": "2024-02-01"}'
expect_code 422 "API: PATCH with an answer before the date sent is refused"
grep -q '"message":"answered:' "$T/body" && ok "API: names 'answered'" || not_ok "API answered named"
api PATCH "/api/v1/requests/$RA" "$TL" -d '{"status": "answered", "answered": "2024-04-01", "due": null, "persons": []}'
expect_code 200 "API: PATCH records the answer, clears the due date and the persons"
python3 -c "
import json,sys; r=json.load(open(sys.argv[1]))
assert r['status']=='answered' and r['answered']=='2024-04-01' and r['due'] is None and r['persons']==[], r
assert r['country']=='CO' and r['reference']=='AJ-0606-API', r" "$T/body" && ok "API: the members not given are kept" || not_ok "API patch result"
api PATCH "/api/v1/requests/$RA" "$TI" -d '{"status": "closed"}'
expect_code 403 "API: another office's prosecutor may not PATCH it"
api GET "/api/v1/requests/$RA" "$TI"
expect_code 403 "API: nor GET it"
api GET "/api/v1/requests/$RA" "$TL"
expect_code 200 "API: GET /api/v1/requests/{id}"
api PUT "/api/v1/requests/$RA" "$TL" -d '{}'
expect_code 405 "API: PUT is not a method of a request"
grep -qi "^allow:.*PATCH" "$T/hdr" && ok "the 405 names PATCH in Allow" || not_ok "Allow header"
http "$J" PATCH "/requests/$R" -d status=closed
expect_code 405 "PATCH is for the API only"
stop_server

# ---- victims first ----
grep -q "Rosa Quispe\|Juan Pérez" "$T/serve.log" && not_ok "a name in the server log" || ok "no name in the server's log"
db_sql "SELECT detail FROM audit WHERE action = 'request.manage'" >"$T/aud"
[ -s "$T/aud" ] && ! grep -qi "Rosa\|Quispe\|Pérez" "$T/aud" && ok "the request.manage audit entries hold no name" ||
	not_ok "audit entries"
done_testing
