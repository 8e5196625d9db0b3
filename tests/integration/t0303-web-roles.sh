#!/bin/sh
# t0303 — authorisation: every page route x every role (and no session).
# The expected status comes from the policy (src/core/policy.c); a route
# that is refused must show nothing of the case.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 30
start_server
PO=$(sqlite3 "$KHIPU_DB" "SELECT office_id FROM users WHERE name = 'demo-prosecutor'")
OWN=$(sqlite3 "$KHIPU_DB" "SELECT id FROM cases WHERE office_id = $PO ORDER BY id LIMIT 1")
OTHER=$(sqlite3 "$KHIPU_DB" "SELECT id FROM cases WHERE office_id <> $PO AND id NOT IN
	(SELECT case_id FROM case_shares WHERE office_id = $PO) ORDER BY id LIMIT 1")
# an event any case accepts wherever it stands (core/ncpp.h): its complaint
OWNDATE=$(sqlite3 "$KHIPU_DB" "SELECT complaint_date FROM cases WHERE id = $OWN")
P_IN=$(sqlite3 "$KHIPU_DB" "SELECT person_id FROM participations WHERE case_id = $OWN LIMIT 1")
P_OUT=$(sqlite3 "$KHIPU_DB" "SELECT person_id FROM participations WHERE case_id = $OTHER AND person_id NOT IN
	(SELECT person_id FROM participations p JOIN cases c ON c.id = p.case_id WHERE c.office_id = $PO) LIMIT 1")
# a suspect of the own case: not a victim, so a protection for her is refused
P_SUS=$(sqlite3 "$KHIPU_DB" "SELECT person_id FROM participations WHERE case_id = $OWN AND role = 'suspect' LIMIT 1")
[ -n "$OWN" ] && [ -n "$OTHER" ] && [ -n "$P_IN" ] && [ -n "$P_OUT" ] && [ -n "$P_SUS" ] && ok "cases in and out of the prosecutor's office" ||
	not_ok "test cases found ($OWN, $OTHER)"
DOC=$(sqlite3 "$KHIPU_DB" "SELECT 1")   # the document searched need not exist
"$KHIPU" user add web-spare --role analyst --as demo-admin >/dev/null <<PW
spare-password-1
PW

ROLES="admin prosecutor police analyst auditor liaison"
for r in $ROLES; do login "demo-$r" "$T/jar-$r" >/dev/null; done
N=0
# method path data | admin prosecutor police analyst auditor liaison anonymous
while IFS='|' read -r method path data want; do
	[ -z "$method" ] && continue
	set -- $want
	for r in $ROLES anonymous; do
		w=$1; shift
		p=$(echo "$path" | sed "s/OWN/$OWN/;s/OTHER/$OTHER/;s/P_IN/$P_IN/;s/P_OUT/$P_OUT/;s/P_SUS/$P_SUS/")
		d=$(echo "$data" | sed "s/SEQ/$N/g;s/OWNDATE/$OWNDATE/g;s/P_SUS/$P_SUS/g;s/P_OUT/$P_OUT/g")
		N=$((N + 1))
		if [ "$r" = anonymous ]; then jar="$T/jar-anon"; rm -f "$jar"; c=""; else
			jar="$T/jar-$r"; c=$(csrf_of "$jar" /no-such-page); fi
		if [ "$method" = POST ]; then
			http "$jar" POST "$p" -d "$d" -d "csrf=$c"
		else
			http "$jar" GET "$p"
		fi
		if [ "$code" = "$w" ]; then ok "$r: $method $path -> $w"; else
			not_ok "$r: $method $path -> $code, wanted $w"; fi
		if [ "$code" = 403 ] && grep -q 'class="identity"\|revealed' "$T/body"; then
			not_ok "$r: a refusal of $path shows no person"; fi
	done
done <<'MATRIX'
GET|/||303 200 303 303 303 303 303
GET|/login||303 303 303 303 303 303 200
GET|/healthz||200 200 200 200 200 200 200
GET|/metrics||404 404 404 404 404 404 404
GET|/assets/khipu.css||200 200 200 200 200 200 200
GET|/cases||200 200 200 200 403 200 303
GET|/cases?stage=trial&year=2020||200 200 200 200 403 200 303
GET|/cases/new||403 200 200 403 403 403 303
POST|/cases/new|number=x|403 422 422 403 403 403 403
GET|/cases/OWN||403 200 200 200 403 200 303
GET|/cases/OTHER||403 403 403 200 403 200 303
POST|/cases/OWN/reveal||403 303 303 403 403 303 403
POST|/cases/OTHER/reveal||403 403 403 403 403 303 403
POST|/cases/OWN/hide||303 303 303 303 303 303 403
POST|/cases/OWN/events|stage=complaint&date=OWNDATE|403 303 303 403 403 403 403
POST|/cases/OTHER/events|stage=complaint&date=OWNDATE|403 403 403 403 403 403 403
POST|/cases/OWN/assign|to=demo-police|403 422 403 403 403 403 403
POST|/cases/OTHER/assign|to=demo-prosecutor|403 403 403 403 403 403 403
POST|/cases/OWN/transfer|office=NO-SUCH&reason=x|403 422 403 403 403 403 403
POST|/cases/OTHER/transfer|office=FEPMTP-MDD&reason=x|403 403 403 403 403 403 403
POST|/cases/OWN/protect|victim=P_SUS&measure=health&date=OWNDATE|403 422 422 403 403 403 403
POST|/cases/OTHER/protect|victim=P_OUT&measure=health&date=OWNDATE|403 403 403 403 403 403 403
POST|/cases/OWN/asset-step|asset=999999999&step=returned&date=OWNDATE|403 422 422 403 403 403 403
POST|/cases/OTHER/asset-step|asset=1&step=returned&date=OWNDATE|403 403 403 403 403 403 403
POST|/cases/OWN/outcome|suspect=999999999&outcome=charge&date=OWNDATE|403 422 422 403 403 403 403
POST|/cases/OTHER/outcome|suspect=P_OUT&outcome=charge&date=OWNDATE|403 403 403 403 403 403 403
GET|/cases?assigned_to=me||200 200 200 200 403 200 303
POST|/cases/OWN/attachments|title=x|403 422 422 403 403 403 403
POST|/cases/OTHER/attachments|title=x|403 403 403 403 403 403 403
POST|/cases/OWN/attachments/1||403 404 404 403 403 403 403
POST|/cases/OTHER/attachments/1||403 403 403 403 403 403 403
GET|/persons||403 200 200 403 403 200 303
POST|/persons|by=doc&q=71234567|403 200 200 403 403 200 403
POST|/search|q=2024|200 200 200 200 403 200 403
GET|/persons/P_IN||403 200 200 403 403 200 303
GET|/persons/P_OUT||403 404 404 403 403 200 303
GET|/persons/99999999||403 404 404 403 403 404 303
GET|/admin/users||200 403 403 403 403 403 303
POST|/admin/users|name=web-uSEQ&role=analyst&password=long-enough-pw|303 403 403 403 403 403 403
POST|/admin/users/web-spare/lock|locked=1|200 403 403 403 403 403 403
POST|/admin/users/web-spare/lock|locked=1&confirm=1|303 403 403 403 403 403 403
POST|/admin/users/web-spare/lock|locked=0|303 403 403 403 403 403 403
POST|/admin/role|name=web-spare&role=auditor|303 403 403 403 403 403 403
POST|/admin/password|name=web-spare&password=another-long-pw|303 403 403 403 403 403 403
GET|/admin/offices||200 403 403 403 403 403 303
POST|/admin/offices|code=W-SEQ&oname=Office&kind=specialised_prosecutor|303 403 403 403 403 403 403
GET|/audit||403 403 403 403 200 403 303
GET|/audit?user=demo-admin&action=user.manage||403 403 403 403 200 403 303
GET|/audit.csv||403 403 403 403 200 403 303
GET|/stats||403 200 403 200 403 403 303
GET|/stats?from=2019&to=2022&region=15||403 200 403 200 403 403 303
GET|/stats.csv?table=funnel||403 200 403 200 403 403 303
POST|/audit/verify||403 403 403 403 200 403 403
MATRIX
# liaison sees suspects only: no victim name in clear after its reveal
c=$(csrf_of "$T/jar-liaison" /no-such-page)
http "$T/jar-liaison" POST "/cases/$OWN/reveal" -d "csrf=$c"
http "$T/jar-liaison" GET "/cases/$OWN"
grep -q 'class="revealed"' "$T/body" && ok "a liaison officer's reveal shows suspects" ||
	not_ok "a liaison officer's reveal shows suspects"
grep -o '<tr><td>Víctima</td><td class="identity"><span class="[a-z]*">' "$T/body" | grep -q revealed &&
	not_ok "a liaison officer never sees a victim in clear" || ok "a liaison officer never sees a victim in clear"
for r in $ROLES; do
	c=$(csrf_of "$T/jar-$r" /no-such-page)
	http "$T/jar-$r" POST /logout -d "csrf=$c"
	[ "$code" = 303 ] && ok "$r signs out" || not_ok "$r signs out ($code)"
done
stop_server
done_testing
