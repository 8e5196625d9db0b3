#!/bin/sh
# t0302 — pages: registering a case from the form (with HTML and SQL in
# every text field), bad input kept and nothing written, the case page and
# its timeline, masked identities and the audited reveal, person search,
# languages.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 10
start_server
OFFICE=$(sqlite3 "$KHIPU_DB" "SELECT o.code FROM users u JOIN offices o ON o.id = u.office_id WHERE u.name = 'demo-prosecutor'")
X="<script>alert(1)</script>\"'&x"
SQL="'); DROP TABLE cases; --"
login demo-prosecutor "$T/p"
http "$T/p" GET /cases/new
expect_code 200 "the new-case form opens"
for f in number complaint_date complaint_source v1_name v1_doc_number v1_exploitation s1_name \
	s1_network_roles e1_stage a1_kind i1_kind q1_direction summary; do
	grep -q "name=\"$f\"" "$T/body" || { not_ok "form field $f"; continue; }
done
grep -q '<option value="sexual_exploitation"' "$T/body" && ok "the codebook's options are offered" ||
	not_ok "codebook options"
c=$(csrf_of "$T/p" /cases/new)
cases_before=$(count_rows cases)

post_case() {   # post_case NUMBER DATE [extra curl args]
	num=$1; date=$2; shift 2
	http "$T/p" POST /cases/new --data-urlencode "csrf=$c" --data-urlencode "number=$num" \
		--data-urlencode "office=$OFFICE" --data-urlencode "complaint_date=$date" \
		--data-urlencode "complaint_source=police_report" --data-urlencode "place_country=PE" \
		--data-urlencode "place_ubigeo=170101" --data-urlencode "offences=cp_129a" \
		--data-urlencode "summary=$X $SQL" \
		--data-urlencode "v1_name=Rosa $X Quispe" --data-urlencode "v1_doc_type=dni" \
		--data-urlencode "v1_doc_number=71234567" --data-urlencode "v1_sex=female" \
		--data-urlencode "v1_birth_year=2006" --data-urlencode "v1_age=17" \
		--data-urlencode "v1_exploitation=sexual_exploitation" --data-urlencode "v1_phone=987654321" \
		--data-urlencode "s1_name=Juan $SQL Pérez" --data-urlencode "s1_alias=$X" \
		--data-urlencode "s1_network_roles=recruiter_intermediary" \
		--data-urlencode "e1_stage=preliminary_inquiry" --data-urlencode "e1_date=2024-03-03" \
		--data-urlencode "e1_note=$X" \
		--data-urlencode "a1_kind=cash" --data-urlencode "a1_description=$X" \
		--data-urlencode "a1_value=12500" --data-urlencode "a1_currency=PEN" \
		--data-urlencode "a1_measure=seized" --data-urlencode "a1_measure_date=2024-03-03" \
		--data-urlencode "i1_kind=email" --data-urlencode "i1_value=x$X@example.org" \
		--data-urlencode "q1_direction=outgoing" --data-urlencode "q1_country=BO" \
		--data-urlencode "q1_authority=$X" --data-urlencode "q1_type=mla" \
		--data-urlencode "q1_status=sent" --data-urlencode "q1_sent=2024-06-01" \
		--data-urlencode "q1_due=2024-09-01" "$@"
}

# bad input: an impossible date keeps the form and writes nothing
post_case "2024-0999-WEB<b>" "2024-02-31"
expect_code 422 "an invalid date is refused with 422"
grep -q 'role="alert"' "$T/body" && ok "with a message" || not_ok "with a message"
grep -q 'id="complaint_date" [^>]*aria-invalid="true"' "$T/body" && ok "marking the field" ||
	not_ok "marking the field"
grep -q 'Fecha de la denuncia: ese día no existe' "$T/body" &&
	ok "naming it by its label, in the page's language (Spanish)" || not_ok "the field's label in Spanish"
grep -q 'value="2024-02-31"' "$T/body" && ok "the form keeps what was typed" || not_ok "form keeps input"
grep -q 'value="Rosa &lt;script&gt;' "$T/body" && ok "typed text comes back escaped" ||
	not_ok "typed text escaped"
grep -q '<option value="sexual_exploitation" selected>' "$T/body" &&
	ok "chosen options stay chosen" || not_ok "chosen options kept"
grep -q '<script>' "$T/body" && not_ok "no script in the re-shown form" || ok "no script in the re-shown form"
[ "$(count_rows cases)" = "$cases_before" ] && ok "nothing was written" || not_ok "nothing was written"
post_case "2024-0999-WEB" "2024-03-02" --data-urlencode "v2_doc_number=123"
expect_code 422 "a victim row without a name is refused"
grep -q 'Víctima 2\|Victim 2' "$T/body" && ok "naming the row at fault" || not_ok "row named"
post_case "2024-0999-WEB" "2024-03-02" --data-urlencode "v2_name=Ana" --data-urlencode "v2_sex=martian"
expect_code 422 "an unknown code is refused"
[ "$(count_rows cases)" = "$cases_before" ] && ok "still nothing written" || not_ok "still nothing written"

post_case "2024-0999-WEB$X" "2024-03-02"
expect_code 303 "a good case is registered with 303"
loc=$(tr -d '\r' <"$T/hdr" | sed -n 's/^Location: //Ip')
case "$loc" in /cases/[0-9]*'?registered=1') ok "to its page, with a notice";; *) not_ok "to its page ($loc)";; esac
loc=${loc%%\?*}
[ "$(count_rows cases)" = "$((cases_before + 1))" ] && ok "one case more" || not_ok "one case more"
sqlite3 "$KHIPU_DB" .dump | grep -q 'Rosa' && not_ok "no name in clear in the database" ||
	ok "no name in clear in the database"
post_case "2024-0999-WEB$X" "2024-03-02"
expect_code 409 "the same number again is 409"

http "$T/p" GET "$loc"
expect_code 200 "the case page opens"
grep -qi '^Cache-Control: no-store' "$T/hdr" && ok "not cached" || not_ok "not cached"
grep -q '2024-0999-WEB&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;x' "$T/body" &&
	ok "the case number is shown escaped" || not_ok "case number escaped"
grep -q 'R\*\*\* &lt;\*\*\*' "$T/body" && ok "identities are masked" || not_ok "identities masked"
grep -q 'Rosa' "$T/body" && not_ok "no name in clear before reveal" || ok "no name in clear before reveal"
grep -q '<ol class="timeline">' "$T/body" && grep -q 'datetime="2024-03-03"' "$T/body" &&
	ok "the timeline shows the events" || not_ok "timeline"
grep -q '<script>' "$T/body" && not_ok "no script on the case page" || ok "no script on the case page"

audit_before=$(sqlite3 "$KHIPU_DB" "SELECT count(*) FROM audit WHERE action = 'identity.reveal_victim'")
c=$(csrf_of "$T/p" "$loc")
http "$T/p" POST "$loc/reveal" -d "csrf=$c"
expect_code 303 "the reveal answers with the case page's address (POST-redirect-GET)"
grep -qi "^Location: $loc\s*\$" "$T/hdr" && ok "and nothing else in the address" || not_ok "reveal redirect"
grep -q 'Rosa' "$T/body" && not_ok "the redirect carries no name" || ok "the redirect carries no name"
http "$T/p" GET "$loc"
expect_code 200 "the revealed page opens"
grep -q 'Rosa &lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;&amp;x Quispe' "$T/body" &&
	ok "the revealed name is in clear and escaped" || not_ok "revealed name escaped"
grep -q 'Juan &#39;); DROP TABLE cases; --' "$T/body" && ok "SQL in a name is just text" || not_ok "SQL text"
for what in summary note description authority email; do :; done
n=$(grep -o '&lt;script&gt;alert(1)&lt;/script&gt;' "$T/body" | wc -l)
[ "$n" -ge 6 ] && ok "every text field shows the script escaped ($n places)" || not_ok "escaped fields ($n)"
grep -q '<script>' "$T/body" && not_ok "no script after reveal" || ok "no script after reveal"
audit_after=$(sqlite3 "$KHIPU_DB" "SELECT count(*) FROM audit WHERE action = 'identity.reveal_victim'")
[ "$audit_after" -gt "$audit_before" ] && ok "the reveal is in the audit trail" || not_ok "reveal audited"
http "$T/p" GET "$loc?lang=en"
grep -q 'Rosa &lt;script' "$T/body" && ok "a reload (in the other language) stays revealed" ||
	not_ok "reveal survives a reload"
audit_again=$(sqlite3 "$KHIPU_DB" "SELECT count(*) FROM audit WHERE action = 'identity.reveal_victim'")
[ "$audit_again" -gt "$audit_after" ] && ok "and that look is audited too" || not_ok "reload audited"
c=$(csrf_of "$T/p" "$loc")
http "$T/p" POST "$loc/hide" -d "csrf=$c"
expect_code 303 "hiding the identities again"
http "$T/p" GET "$loc?lang=es"
grep -q 'Rosa' "$T/body" && not_ok "masked again after hiding" || ok "masked again after hiding"
http "$T/p" GET "$loc/reveal"
expect_code 405 "a reveal is a POST, never a link"
http "$T/p" POST "$loc/reveal"
expect_code 403 "a reveal without csrf is 403"

login demo-analyst "$T/a"
http "$T/a" GET "$loc"
expect_code 200 "an analyst reads the case"
grep -q 'id="reveal"' "$T/body" && not_ok "without a reveal button" || ok "without a reveal button"
grep -q 'R\*\*\*' "$T/body" && not_ok "and without even masked names" || ok "and without even masked names"
c=$(csrf_of "$T/a" "$loc")
http "$T/a" POST "$loc/reveal" -d "csrf=$c"
expect_code 403 "an analyst cannot reveal"
grep -q 'Rosa' "$T/body" && not_ok "and sees no name" || ok "and sees no name"

# the event sub-form: bad date kept, good one recorded
c=$(csrf_of "$T/p" "$loc")
http "$T/p" POST "$loc/events" --data-urlencode "csrf=$c" -d "stage=indictment&date=2024-13-01" \
	--data-urlencode "note=$X"
expect_code 422 "an impossible event date is refused"
grep -q 'value="2024-13-01"' "$T/body" && ok "the event form keeps the date" || not_ok "event form keeps input"
http "$T/p" POST "$loc/events" --data-urlencode "csrf=$c" -d "stage=indictment&date=2024-07-01"
expect_code 422 "an indictment with no formalised investigation before it is refused"
grep -q 'needs a formalised investigation\|necesita una investigación preparatoria formalizada\|requiere' "$T/body" &&
	ok "naming what is missing" || not_ok "naming what is missing"
http "$T/p" POST "$loc/events" --data-urlencode "csrf=$c" -d "stage=formalised_investigation&date=2024-06-01"
expect_code 303 "a formalisation is recorded"
http "$T/p" POST "$loc/events" --data-urlencode "csrf=$c" -d "stage=indictment&date=2024-07-01"
expect_code 303 "a procedural event is recorded"
http "$T/p" GET "$loc"
grep -q 'datetime="2024-07-01"' "$T/body" && ok "and shows in the timeline" || not_ok "event in timeline"

# filters
http "$T/p" GET "/cases?number=0999-WEB"
grep -q "$loc\"" "$T/body" && ok "the list finds the case by number" || not_ok "filter by number"
http "$T/p" GET "/cases?stage=indictment&year=2024&region=17&exploitation=sexual_exploitation"
grep -q "$loc\"" "$T/body" && ok "and by stage, year, region and exploitation" || not_ok "combined filters"
http "$T/p" GET "/cases?year=abc"
expect_code 400 "a bad year is a clear 400"
http "$T/p" GET "/cases?stage=nope"
expect_code 400 "an unknown stage is a clear 400"

# persons: searched by POST, never in the URL
http "$T/p" GET /persons
expect_code 200 "the person search opens"
grep -q 'method="post" action="/persons"' "$T/body" && ok "it searches by POST" || not_ok "search by POST"
c=$(csrf_of "$T/p" /persons)
http "$T/p" POST /persons --data-urlencode "csrf=$c" -d "by=doc&q=71234567"
expect_code 200 "a document search answers"
grep -q '2024-0999-WEB' "$T/body" && ok "and finds the victim's case" || not_ok "finds by document"
grep -q '71234567</td>\|Rosa' "$T/body" && not_ok "results are masked" || ok "results are masked"
pid=$(grep -o 'href="/persons/[0-9]*"' "$T/body" | head -1 | sed 's/.*persons\///;s/"//')
http "$T/p" GET "/persons/$pid"
expect_code 200 "a found person has a page"
grep -q '2024-0999-WEB' "$T/body" && grep -q 'R\*\*\*' "$T/body" && ! grep -q 'Rosa' "$T/body" &&
	ok "with the cases and the name masked" || not_ok "person page"
http "$T/p" POST /persons --data-urlencode "csrf=$c" -d "by=phone&q=12"
expect_code 422 "a too-short phone is refused with a message"
http "$T/a" GET /persons
expect_code 403 "an analyst cannot search persons"

# languages: Spanish by default, English per request, remembered
http "$T/p" GET /cases
grep -q '<html lang="es"' "$T/body" && grep -q 'Casos' "$T/body" && ok "Spanish by default" ||
	not_ok "Spanish by default"
http "$T/p" GET "/cases?lang=en"
grep -q '<html lang="en"' "$T/body" && grep -q '>Cases<' "$T/body" && ok "English with ?lang=en" ||
	not_ok "English with ?lang=en"
grep -q 'Sexual exploitation' "$T/body" && ok "codebook labels in English" || not_ok "English labels"
http "$T/p" GET /cases
grep -q '<html lang="en"' "$T/body" && ok "the choice is remembered" || not_ok "language remembered"
sqlite3 "$KHIPU_DB" "SELECT lang FROM users WHERE name = 'demo-prosecutor'" | grep -qx en &&
	ok "as the user's own language" || not_ok "user's language stored"
login demo-prosecutor "$T/fresh" >/dev/null
http "$T/fresh" GET /cases
grep -q '<html lang="en"' "$T/body" && ok "so another browser gets it at sign-in" ||
	not_ok "per-user language at sign-in"
http "$T/p" GET "$loc"
grep -q '1 July 2024' "$T/body" && ok "dates in English" || not_ok "English dates"
http "$T/p" GET "$loc?lang=es"
grep -q '1 de julio de 2024' "$T/body" && ok "dates in Spanish" || not_ok "Spanish dates"

# admin and audit pages
login demo-admin "$T/adm"
http "$T/adm" GET /admin/users
expect_code 200 "the users page opens for the administrator"
c=$(csrf_of "$T/adm" /admin/users)
http "$T/adm" POST /admin/users --data-urlencode "csrf=$c" --data-urlencode "name=web-$X" \
	-d "role=analyst&password=short"
[ "$code" = 422 ] || [ "$code" = 409 ] && ok "a bad new user is refused ($code)" || not_ok "bad user refused ($code)"
grep -q 'value="web-&lt;script&gt;' "$T/body" && ok "and the form keeps it escaped" || not_ok "user form escaped"
http "$T/adm" POST /admin/users --data-urlencode "csrf=$c" -d "name=rosa-web&role=analyst&password=long-enough-pw"
expect_code 303 "a new user is added"
"$KHIPU" user list --as demo-admin | grep -q rosa-web && ok "and exists" || not_ok "user exists"
http "$T/adm" GET /admin/offices
expect_code 200 "the offices page opens"
c=$(csrf_of "$T/adm" /admin/offices)
http "$T/adm" POST /admin/offices --data-urlencode "csrf=$c" --data-urlencode "code=WEB-1" \
	--data-urlencode "oname=Fiscalía $X" -d "kind=specialised_prosecutor&distrito=lima"
expect_code 303 "an office is added"
http "$T/adm" GET /admin/offices
grep -q 'Fiscalía &lt;script&gt;' "$T/body" && ok "its name is shown escaped" || not_ok "office name escaped"
login demo-auditor "$T/aud"
http "$T/aud" GET /audit
expect_code 200 "the audit page opens for the auditor"
grep -q 'identity.reveal_victim' "$T/body" && ok "it shows the reveal" || not_ok "audit shows reveal"
grep -q 'Rosa\|71234567' "$T/body" && not_ok "the audit holds no identity" || ok "the audit holds no identity"
c=$(csrf_of "$T/aud" /audit)
http "$T/aud" POST /audit/verify -d "csrf=$c"
expect_code 200 "verify answers"
grep -q 'id="verify-result"' "$T/body" && grep -q 'class="notice"' "$T/body" &&
	ok "the trail is intact" || not_ok "trail intact"
stop_server
grep -q 'Rosa\|71234567\|987654321' "$T/serve.log" && not_ok "the server log holds no identity" ||
	ok "the server log holds no identity"
done_testing
