#!/bin/sh
# t0308 — amending a case through the API (PUT /api/v1/cases/{id} with
# If-Match: 428 without it, 412 on a stale version, nothing written), its
# history (GET /api/v1/cases/{id}/history) and the read-only "Historial"
# section of the case page (issue 9 items 2 and 3).
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 10
expect 0 "a prosecutor registers a case" -- case add --as demo-prosecutor --json "$DOC"
id=$(cat "$T/out")
TP=$("$KHIPU" token create --as demo-prosecutor)
TA=$("$KHIPU" token create --as demo-analyst)
start_server
J="$T/none"
api() {   # api TOKEN METHOD PATH [curl args]
	tok=$1; shift
	http "$J" "$@" -H "Authorization: Bearer $tok"
}
error_is() {
	python3 -c 'import json,sys; e=json.load(open(sys.argv[1]))["error"]; assert e["code"]==sys.argv[2], e' \
		"$T/body" "$1" 2>/dev/null && ok "$2" || { not_ok "$2"; head -c 300 "$T/body" | sed 's/^/    # /'; echo; }
}

api "$TP" GET "/api/v1/cases/$id"
expect_code 200 "GET the case"
grep -qi '^ETag: "1"' "$T/hdr" && ok "its ETag is the version" || not_ok "its ETag is the version"
python3 - "$T/body" "$T/doc.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["persons"][2]["alias"] = "El Chato Mayor"
d["events"].append({"stage": "formalised_investigation", "date": "2024-05-02"})
json.dump(d, open(sys.argv[2], "w"))
PY
api "$TP" PUT "/api/v1/cases/$id" -H "Content-Type: application/json" --data-binary @"$T/doc.json"
expect_code 428 "a PUT without If-Match is 428"
error_is precondition_required "as a JSON error"
api "$TP" PUT "/api/v1/cases/$id" -H "Content-Type: application/json" -H 'If-Match: soon' --data-binary @"$T/doc.json"
expect_code 400 "a malformed If-Match is 400"
api "$TP" PUT "/api/v1/cases/$id?reason=alias+corregido" -H "Content-Type: application/json" -H 'If-Match: "1"' --data-binary @"$T/doc.json"
expect_code 200 "a PUT with the current version amends the case"
grep -qi '^ETag: "2"' "$T/hdr" && ok "the new ETag is version 2" || not_ok "the new ETag is version 2"
grep -q '"version":2' "$T/body" && ok "the answer names the new version" || not_ok "the answer names the new version"
api "$TP" PUT "/api/v1/cases/$id" -H "Content-Type: application/json" -H 'If-Match: "1"' --data-binary @"$T/doc.json"
expect_code 412 "a PUT from a stale version is 412"
error_is stale "as a JSON error 'stale'"
[ "$(db_sql "SELECT version FROM cases WHERE id = $id")" = 2 ] && ok "the stale PUT wrote nothing" ||
	not_ok "the stale PUT wrote nothing"
api "$TA" PUT "/api/v1/cases/$id" -H "Content-Type: application/json" -H 'If-Match: "2"' --data-binary @"$T/doc.json"
expect_code 403 "an analyst may not amend"
python3 - "$T/doc.json" "$T/bad.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["version"] = 2
d["events"][0]["id"] = 999999
json.dump(d, open(sys.argv[2], "w"))
PY
api "$TP" PUT "/api/v1/cases/$id" -H "Content-Type: application/json" -H 'If-Match: "2"' --data-binary @"$T/bad.json"
expect_code 422 "an unknown child id is 422"
grep -q 'events\[0\].id' "$T/body" && ok "the message names the field" || not_ok "the message names the field"

api "$TP" GET "/api/v1/cases/$id/history"
expect_code 200 "GET the history"
python3 - "$T/body" <<'PY' && ok "the history has both versions, the reason and the changes, masked" || not_ok "history content"
import json, sys
h = json.load(open(sys.argv[1]))
assert h["version"] == 2 and h["identities"] == "masked", h
r = h["revisions"]
assert [x["version"] for x in r] == [1, 2] and r[1]["reason"] == "alias corregido"
paths = [c["path"] for c in r[1]["changes"]]
assert any(p.endswith(".alias") for p in paths) and "stage" in paths, paths
assert "El Chato Mayor" not in json.dumps(h)
PY
api "$TP" GET "/api/v1/cases/$id/history?reveal=1"
grep -q "El Chato Mayor" "$T/body" && ok "revealed, the history has the new alias" || not_ok "revealed history"
api "$TA" GET "/api/v1/cases/$id/history?reveal=1"
expect_code 403 "an analyst may not reveal the history"
api "$TA" GET "/api/v1/cases/$id/history"
expect_code 200 "an analyst reads the history"
grep -q "El Chato\|E\*\*\*" "$T/body" && not_ok "without identities" || ok "without identities"

login demo-prosecutor "$T/jar" >/dev/null
http "$T/jar" GET "/cases/$id"
expect_code 200 "the case page"
grep -q 'id="history"' "$T/body" && ok "it has the Historial section" || not_ok "it has the Historial section"
grep -q 'data-version="2"' "$T/body" && ok "with version 2" || not_ok "with version 2"
grep -q "El Chato Mayor" "$T/body" && not_ok "masked on the page" || ok "masked on the page"
stop_server
done_testing
