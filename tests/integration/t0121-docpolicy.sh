#!/bin/sh
# t0121 — a case document obeys the policy for everything it carries: sharing
# the case (case.share) and international requests (request.manage) are
# actions of their own, not part of registering a case (case.create).
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 5
# the document as it is carries one request; variants without, with a share
python3 - "$DOC" "$T" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1])); out = sys.argv[2]
assert doc.get("requests"), "the sample document carries a request"
plain = dict(doc, number="2024-9001-FEPMTP-MDD"); plain.pop("requests"); plain.pop("shared_with", None)
json.dump(plain, open(out + "/plain.json", "w"))
shared = dict(plain, number="2024-9002-FEPMTP-MDD", shared_with=["FEPMTP-CUS"])
json.dump(shared, open(out + "/shared.json", "w"))
json.dump(dict(doc, number="2024-9003-FEPMTP-MDD"), open(out + "/request.json", "w"))
PY
before=$(count_rows cases)
expect 4 "police may not share a case through its document" -- case add --as demo-police --json "$T/shared.json"
expect_err "may not 'case.share'; roles that may: prosecutor" "names the action and who may"
expect 4 "police may not file an international request through a document" -- \
	case add --as demo-police --json "$T/request.json"
expect_err "may not 'request.manage'; roles that may: prosecutor, liaison" "names the action and who may"
[ "$(count_rows cases)" = "$before" ] && ok "a refused document writes nothing" ||
	not_ok "a refused document writes nothing"
expect 0 "police register a plain case of their office" -- case add --as demo-police --json "$T/plain.json"
expect 0 "a prosecutor shares a case through its document" -- case add --as demo-prosecutor --json "$T/shared.json"
expect 0 "a prosecutor files a request through a document" -- case add --as demo-prosecutor --json "$T/request.json"
run case show 2024-9002-FEPMTP-MDD --as demo-prosecutor --format json
grep -q '"FEPMTP-CUS"' "$T/out" && ok "case show names the shared office by code" ||
	not_ok "case show names the shared office by code"
[ "$(count_rows cases)" = $((before + 3)) ] && ok "three cases registered" || not_ok "three cases registered"
done_testing
