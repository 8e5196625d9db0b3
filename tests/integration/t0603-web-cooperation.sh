#!/bin/sh
# t0603 — the liaison's /cooperation page and GET /api/v1/requests (issue 13,
# item 4): the requests of the cases the role may manage, the overdue ones
# first, ?overdue=1 and ?due_within=DAYS as on the CLI; the navigation
# offers it to the roles that may; the others are refused (403, audited).
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 5
L="--as demo-liaison"
C=$("$KHIPU" case list --as demo-prosecutor --format csv | sed -n '2s/,.*//p')
CD=$("$KHIPU" case show "$C" --as demo-prosecutor --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["complaint_date"])')
SOON=$(date -u -d '+3 days' +%F)
"$KHIPU" mla add "$C" $L --direction outgoing --country CO --type mla --sent "$CD" --due "$SOON" \
	--reference "UCJIE-SOON-1" >/dev/null || not_ok "a request due soon"
"$KHIPU" mla add "$C" $L --direction outgoing --country EC --type extradition --sent "$CD" \
	--due "$CD" --reference "UCJIE-LATE-1" --authority "Fiscalía General del Estado" >/dev/null ||
	not_ok "an overdue request"
start_server
login demo-liaison
J="$T/jar-demo-liaison"
http "$J" GET /cooperation
expect_code 200 "the liaison opens /cooperation"
grep -q 'href="/cooperation"' "$T/body" && ok "the navigation offers it" || not_ok "nav link"
python3 - "$T/body" <<'PY' && ok "the overdue ones come first, marked" || not_ok "order of the page"
import re, sys
b = open(sys.argv[1], encoding="utf-8").read()
late, soon = b.find("UCJIE-LATE-1"), b.find("UCJIE-SOON-1")
assert 0 < late < soon, (late, soon)
rows = re.findall(r'<tr( class="overdue")?><td>', b)
first_on_time = next((i for i, r in enumerate(rows) if not r), len(rows))
assert all(not r for r in rows[first_on_time:]), "an overdue row after one on time"
assert "Fiscalía General del Estado" in b
PY
http "$J" GET "/cooperation?overdue=1"
expect_code 200 "?overdue=1"
grep -q "UCJIE-LATE-1" "$T/body" && ! grep -q "UCJIE-SOON-1" "$T/body" && ok "only the overdue ones" ||
	not_ok "?overdue=1 filter"
http "$J" GET "/cooperation?due_within=7"
grep -q "UCJIE-SOON-1" "$T/body" && ! grep -q "UCJIE-LATE-1" "$T/body" && ok "?due_within=7: due this week" ||
	not_ok "?due_within filter"
http "$J" GET "/cooperation?due_within=soon"
expect_code 400 "a bad due_within is 400"
login demo-analyst
http "$T/jar-demo-analyst" GET /cooperation
expect_code 403 "the analyst may not"
! grep -q 'href="/cooperation"' "$T/body" && ok "nor is it offered to the analyst" || not_ok "nav for analyst"
[ "$(db_sql "SELECT count(*) FROM audit WHERE action = 'access.denied' AND actor = 'demo-analyst'")" -ge 1 ] &&
	ok "the refusal is audited" || not_ok "refusal audited"
TL=$("$KHIPU" token create --as demo-liaison --expires 2)
TA=$("$KHIPU" token create --as demo-analyst --expires 2)
http "$J" GET "/api/v1/requests?overdue=1" -H "Authorization: Bearer $TL"
expect_code 200 "GET /api/v1/requests"
python3 -c "
import json,sys; r=json.load(open(sys.argv[1]))['requests']
assert r and all(x['overdue'] and x['days_left'] < 0 for x in r), r
assert 'UCJIE-LATE-1' in [x['reference'] for x in r]" "$T/body" && ok "the API gives the overdue ones" ||
	not_ok "API overdue"
http "$J" GET "/api/v1/requests" -H "Authorization: Bearer $TA"
expect_code 403 "the analyst's token is refused"
stop_server
done_testing
