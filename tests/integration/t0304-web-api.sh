#!/bin/sh
# t0304 — the JSON API: bearer tokens, routes x roles, errors and their
# statuses, the OpenAPI document.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 30
run token create --as demo-prosecutor
[ "$rc" = 0 ] && ok "token create succeeds" || not_ok "token create ($rc)"
[ "$(wc -l <"$T/out")" = 1 ] && grep -qx '[0-9a-f]\{64\}' "$T/out" &&
	ok "it prints the token alone" || not_ok "token alone on stdout"
TP=$(cat "$T/out")
grep -q "$TP" "$KHIPU_DB" && not_ok "the token is not stored in clear" || ok "the token is not stored in clear"
for r in admin police analyst auditor liaison; do
	eval "T_$r=\$(\"\$KHIPU\" token create --as demo-$r --expires 2)"
done
expect 2 "--expires must be a number of days" -- token create --as demo-analyst --expires soon
expect 4 "an unknown user gets no token" -- token create --as nobody

start_server
J="$T/none"
api() {   # api TOKEN METHOD PATH [curl args]
	tok=$1; shift
	if [ -n "$tok" ]; then http "$J" "$@" -H "Authorization: Bearer $tok"; else http "$J" "$@"; fi
}
is_error() {   # is_error CODE WHAT: the body is {"error":{"code":CODE,"message":...}}
	python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["error"]; assert e["code"]==sys.argv[2] and e["message"]' \
		"$T/body" "$1" 2>/dev/null && ok "$2" || { not_ok "$2"; head -c 300 "$T/body" | sed 's/^/    # /'; echo; }
}

api "" GET /api/v1/cases
expect_code 401 "no token is 401"
is_error unauthenticated "as a JSON error"
api "0000000000000000000000000000000000000000000000000000000000000000" GET /api/v1/cases
expect_code 401 "a wrong token is 401"
api "garbage" GET /api/v1/cases
expect_code 401 "a malformed token is 401"
login demo-prosecutor "$J" >/dev/null
api "" GET /api/v1/cases
expect_code 401 "a web session cookie does not open the API"
rm -f "$J"

api "$TP" GET /api/v1/cases
expect_code 200 "a prosecutor lists cases"
grep -qi '^Content-Type: application/json' "$T/hdr" && ok "as JSON" || not_ok "as JSON"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert len(d["cases"]) > 0 and "number" in d["cases"][0]' "$T/body" &&
	ok "with cases" || not_ok "with cases"
api "$TP" GET "/api/v1/cases?limit=2"
python3 -c 'import json,sys; assert len(json.load(open(sys.argv[1]))["cases"]) == 2' "$T/body" &&
	ok "limit is honoured" || not_ok "limit"
api "$TP" GET "/api/v1/cases?year=abc"
expect_code 400 "a bad year is 400"
is_error bad_request "with a JSON error"
api "$TP" GET "/api/v1/cases?stage=nope"
expect_code 422 "an unknown stage is 422"
api "$TP" GET "/api/v1/cases?page=-5"
expect_code 400 "page=-5 is 400"
grep -q "'page'" "$T/body" && ok "the error names the parameter" || not_ok "the error names page"
api "$TP" GET "/api/v1/cases?pgae=2"
expect_code 400 "an unknown query parameter is 400"
grep -q "'pgae'" "$T/body" && ok "the error names it" || not_ok "the error names pgae"
api "$T_analyst" GET "/api/v1/cases?limit=2&page=2"
expect_code 200 "page=2 of limit=2 answers"
cp "$T/body" "$T/body.p2"
api "$T_analyst" GET "/api/v1/cases?limit=4"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["cases"]; b=json.load(open(sys.argv[2]))["cases"]; assert len(a) == 2 and [c["id"] for c in a] == [c["id"] for c in b[2:4]]' \
	"$T/body.p2" "$T/body" && ok "page 2 holds rows 3 and 4" || not_ok "page 2 holds rows 3 and 4"
api "$TP" GET "/api/v1/cases?page=2&offset=4"
expect_code 400 "page and offset together are 400"
api "$TP" GET "/api/v1/cases/1?nope=1"
expect_code 400 "an unknown parameter of a case is 400"
api "$T_auditor" GET /api/v1/cases
expect_code 403 "an auditor may not list cases"
is_error denied "403 as a JSON error"

PO=$(sqlite3 "$KHIPU_DB" "SELECT office_id FROM users WHERE name = 'demo-prosecutor'")
OWN=$(sqlite3 "$KHIPU_DB" "SELECT id FROM cases WHERE office_id = $PO ORDER BY id LIMIT 1")
OTHER=$(sqlite3 "$KHIPU_DB" "SELECT id FROM cases WHERE office_id <> $PO AND id NOT IN
	(SELECT case_id FROM case_shares WHERE office_id = $PO) ORDER BY id LIMIT 1")
api "$TP" GET "/api/v1/cases/$OWN"
expect_code 200 "a prosecutor reads a case of the office"
grep -q '"identities":"masked"' "$T/body" && ok "identities masked" || not_ok "identities masked"
api "$TP" GET "/api/v1/cases/$OWN?reveal=1"
expect_code 200 "and reveals it"
grep -q '"identities":"revealed"' "$T/body" && ok "identities revealed" || not_ok "revealed"
POFF=$(sqlite3 "$KHIPU_DB" "SELECT code FROM offices WHERE id = $PO")
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["office"] == sys.argv[2], d["office"]' \
	"$T/body" "$POFF" && ok "the case names its office ($POFF)" || not_ok "the case names its office"
ONUM=$(sqlite3 "$KHIPU_DB" "SELECT number FROM cases WHERE id = $OWN")
api "$TP" GET "/api/v1/cases/$ONUM"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["id"] == int(sys.argv[2])' "$T/body" "$OWN" &&
	ok "a case is found by its number too" || not_ok "a case by its number"
api "$TP" GET "/api/v1/cases/%23$OWN"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["id"] == int(sys.argv[2])' "$T/body" "$OWN" &&
	ok "and by #id" || not_ok "a case by #id"
# a case numbered like another case's id hides nothing: digits alone are refused
sed "s/2024-0153-FEPMTP-MDD/$OWN/;s/\"office\": \"FEPMTP-MDD\"/\"office\": \"$POFF\"/" "$DOC" >"$T/numeric.json"
api "$TP" POST /api/v1/cases -H 'Content-Type: application/json' --data-binary @"$T/numeric.json"
expect_code 422 "a case number of digits alone is refused"
grep -q '"number' "$T/body" && ok "the refusal names the number" || not_ok "the refusal names the number"
api "$TP" GET "/api/v1/cases/$OWN"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["id"] == int(sys.argv[2])' "$T/body" "$OWN" &&
	ok "the id still opens its own case" || not_ok "the id opens its case"
api "$TP" GET "/api/v1/cases/$OTHER"
expect_code 403 "a case of another office is 403"
api "$TP" GET "/api/v1/cases/99999999"
expect_code 404 "an unknown case is 404"
is_error not_found "404 as a JSON error"
api "$TP" GET "/api/v1/cases/$OWN?reveal=maybe"
expect_code 400 "a bad reveal value is 400"
api "$T_analyst" GET "/api/v1/cases/$OTHER"
expect_code 200 "an analyst reads any case"
grep -q '"identities":"none"' "$T/body" && ok "without identities" || not_ok "analyst sees none"
api "$T_analyst" GET "/api/v1/cases/$OTHER?reveal=1"
expect_code 403 "an analyst cannot reveal"
api "$T_admin" GET "/api/v1/cases/$OWN"
expect_code 403 "an administrator cannot read a case"

api "$TP" POST /api/v1/cases -H 'Content-Type: application/json' --data-binary @"$DOC"
expect_code 201 "a prosecutor registers a case: 201"
loc=$(tr -d '\r' <"$T/hdr" | sed -n 's/^Location: //Ip')
case "$loc" in /api/v1/cases/[0-9]*) ok "Location names it";; *) not_ok "Location ($loc)";; esac
api "$TP" POST /api/v1/cases -H 'Content-Type: application/json' --data-binary @"$DOC"
expect_code 409 "the same case again is 409"
is_error conflict "409 as a JSON error"
n=$(count_rows cases)
api "$TP" POST /api/v1/cases -H 'Content-Type: application/json' --data-binary '{"number": '
expect_code 422 "malformed JSON is 422"
sed 's/"2024-03-02"/"2024-02-30"/' "$DOC" | sed 's/2024-0153/2024-0154/' >"$T/bad.json"
api "$TP" POST /api/v1/cases -H 'Content-Type: application/json' --data-binary @"$T/bad.json"
expect_code 422 "an impossible date is 422"
grep -q 'complaint_date' "$T/body" && ok "naming the field" || not_ok "naming the field"
api "$TP" POST /api/v1/cases -H 'Content-Type: text/plain' --data-binary @"$DOC"
expect_code 400 "a body that is not JSON is 400"
api "$T_analyst" POST /api/v1/cases -H 'Content-Type: application/json' --data-binary @"$T/bad.json"
expect_code 403 "an analyst cannot register"
[ "$(count_rows cases)" = "$n" ] && ok "refusals wrote nothing" || not_ok "refusals wrote nothing"

api "$TP" GET "/api/v1/persons?doc=71234567"
expect_code 200 "person search by document"
grep -q '2024-0153-FEPMTP-MDD' "$T/body" && ok "finds the case" || not_ok "finds the case"
grep -q 'Rosalinda' "$T/body" && not_ok "results masked" || ok "results masked"
api "$TP" GET "/api/v1/persons?phone=%2B51%20987%20654%20321"
grep -q '2024-0153-FEPMTP-MDD' "$T/body" && ok "person search by phone" || not_ok "by phone"
api "$TP" GET "/api/v1/persons?name=rosalinda%20ccahuana"
grep -q '2024-0153-FEPMTP-MDD' "$T/body" && ok "person search by name" || not_ok "by name"
api "$TP" GET "/api/v1/persons"
expect_code 400 "a search needs one criterion"
api "$TP" GET "/api/v1/persons?name=a&doc=1"
expect_code 400 "and only one"
api "$TP" GET "/api/v1/persons?phone=12"
expect_code 422 "a too-short phone is 422"
api "$T_analyst" GET "/api/v1/persons?name=rosa"
expect_code 403 "an analyst cannot search persons"

api "$T_auditor" GET /api/v1/codebook
expect_code 200 "the codebook for any signed-in role"
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert any(e["code"]=="sexual_exploitation" for e in d["exploitation"])' "$T/body" &&
	ok "with its codes and labels" || not_ok "codebook content"

api "" GET /api/v1/openapi.json
expect_code 200 "the OpenAPI document needs no token"
python3 - "$T/body" <<'PY' && ok "it is OpenAPI 3 and describes every route" || not_ok "OpenAPI paths"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["openapi"].startswith("3.")
want = {"/cases": {"get", "post"}, "/cases/{id}": {"get", "put"},
        "/cases/{id}/history": {"get"}, "/persons": {"get"},
        "/codebook": {"get"}, "/openapi.json": {"get"},
        "/cases/{id}/assign": {"post"}, "/cases/{id}/transfer": {"post"},
        "/cases/{id}/attachments": {"get", "post"}, "/cases/{id}/attachments/{n}": {"get"},
        "/requests": {"get", "post"}, "/requests/{id}": {"get", "patch"}}
for p, ms in want.items():
    assert set(d["paths"][p]) == ms, p
assert set(d["paths"]) == set(want)
PY
# every /api/v1 route of the server is in the document
ROUTES="$(dirname "$KHIPU_LIB")/../../src/web/routes.c"
[ "$(grep -c '"/api/v1/' "$ROUTES")" -ge 5 ] && ok "the route table is found" || not_ok "route table"
grep -o '"/api/v1/[^"]*"' "$ROUTES" | tr -d '"' |
	sed 's|/api/v1||' | while read -r p; do
		grep -q "\"$p\"" "$T/body" || echo "$p" >>"$T/undocumented"
	done
[ ! -s "$T/undocumented" ] && ok "no route is left out of the document" ||
	not_ok "undocumented routes: $(cat "$T/undocumented")"

# every API route x every role (the policy of src/core/policy.c)
T_prosecutor=$TP
T_anonymous=""
while IFS='|' read -r path want; do
	[ -z "$path" ] && continue
	set -- $want
	for r in admin prosecutor police analyst auditor liaison anonymous; do
		w=$1; shift
		eval "tok=\$T_$r"
		api "$tok" GET "$(echo "$path" | sed "s/OWN/$OWN/")"
		[ "$code" = "$w" ] && ok "$r: GET $path -> $w" || not_ok "$r: GET $path -> $code, wanted $w"
	done
done <<'MATRIX'
/api/v1/cases|200 200 200 200 403 200 401
/api/v1/cases/OWN|403 200 200 200 403 200 401
/api/v1/cases/OWN?reveal=1|403 200 200 403 403 200 401
/api/v1/cases/OWN/history|403 200 200 200 403 200 401
/api/v1/cases/OWN/history?reveal=1|403 200 200 403 403 403 401
/api/v1/persons?doc=71234567|403 200 200 403 403 200 401
/api/v1/codebook|200 200 200 200 200 200 401
/api/v1/openapi.json|200 200 200 200 200 200 200
/api/v1/requests|403 200 403 403 403 200 401
/api/v1/cases/OWN/attachments|403 200 200 200 403 200 401
/api/v1/cases/OWN/attachments/1|403 404 404 403 403 403 401
MATRIX

echo "$TP" | "$KHIPU" token revoke - >/dev/null && ok "token revoke" || not_ok "token revoke"
api "$TP" GET /api/v1/cases
expect_code 401 "a revoked token is 401"
expect 3 "revoking it again says there is none" -- token revoke "$TP"
sqlite3 "$KHIPU_DB" "UPDATE sessions SET expires = 1 WHERE kind = 'api'"
api "$T_police" GET /api/v1/cases
expect_code 401 "an expired token is 401"
run audit show --as demo-auditor --format json
grep -q '"auth.token_create"' "$T/out" && grep -q '"auth.token_revoke"' "$T/out" &&
	ok "tokens are audited" || not_ok "tokens audited"
stop_server
done_testing
