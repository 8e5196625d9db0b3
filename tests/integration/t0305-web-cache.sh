#!/bin/sh
# t0305 — the page cache of masked case pages (src/web/pagecache.h): a page
# viewed again never shows stale data, another session's CSRF token, another
# user's view, another language, or an identity in clear.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 10
# a case of the prosecutor's office at its preliminary inquiry, so that the
# events below follow the procedural order (core/ncpp.h)
ID=$("$KHIPU" case add --as demo-prosecutor --json "$(dirname "$KHIPU_LIB")/data/case-mdd.json")
start_server
login demo-prosecutor "$T/p1" >/dev/null
login demo-prosecutor "$T/p2" >/dev/null
login demo-analyst "$T/an" >/dev/null

http "$T/p1" GET "/cases/$ID"
cp "$T/body" "$T/first"
http "$T/p1" GET "/cases/$ID"
cmp -s "$T/first" "$T/body" && ok "a page viewed again is the same page" || not_ok "same page again"
c1=$(grep -o 'name="csrf" value="[^"]*"' "$T/body" | sort -u)
http "$T/p2" GET "/cases/$ID"
c2=$(grep -o 'name="csrf" value="[^"]*"' "$T/body" | sort -u)
[ "$(echo "$c1" | wc -l)" = 1 ] && [ "$(echo "$c2" | wc -l)" = 1 ] && [ "$c1" != "$c2" ] &&
	ok "each session gets its own CSRF token in the page" || not_ok "CSRF swapped ($c1 / $c2)"
c=$(echo "$c2" | sed 's/.*value="//;s/"//')
http "$T/p2" POST "/cases/$ID/events" -d "stage=formalised_investigation&date=2024-05-02&csrf=$c"
expect_code 303 "the token from a page served again is accepted"
http "$T/p1" GET "/cases/$ID"
grep -q 'datetime="2024-05-02"' "$T/body" && ok "a new event shows at once" || not_ok "new event shows"
"$KHIPU" case event "$ID" --as demo-police --stage indictment --date 2024-06-03 >/dev/null
http "$T/p1" GET "/cases/$ID"
grep -q 'datetime="2024-06-03"' "$T/body" && ok "so does one recorded from the command line" ||
	not_ok "CLI event shows"
http "$T/an" GET "/cases/$ID"
grep -q 'class="identity"><span class="masked">[^\[]' "$T/body" &&
	not_ok "the analyst does not get the prosecutor's page" || ok "the analyst does not get the prosecutor's page"
grep -q 'demo-analyst' "$T/body" && ok "but the analyst's own" || not_ok "analyst's own page"
http "$T/p1" GET "/cases/$ID?lang=en"
grep -q '<html lang="en"' "$T/body" && ok "a language change is not served from the Spanish page" ||
	not_ok "language kept apart"
c=$(csrf_of "$T/p1" "/cases/$ID")
http "$T/p1" POST "/cases/$ID/reveal" -d "csrf=$c"
expect_code 303 "a reveal answers with the case's address"
http "$T/p1" GET "/cases/$ID"
grep -q 'class="revealed"' "$T/body" && ok "a reveal shows identities (in that session)" || not_ok "reveal"
http "$T/p2" GET "/cases/$ID"
grep -q 'class="revealed"' "$T/body" && not_ok "a revealed page is never served to another session" ||
	ok "a revealed page is never served to another session"
c=$(csrf_of "$T/p1" "/cases/$ID")
http "$T/p1" POST "/cases/$ID/hide" -d "csrf=$c"
http "$T/p1" GET "/cases/$ID"
grep -q 'class="revealed"' "$T/body" && not_ok "nor kept once hidden" || ok "nor kept once hidden"
"$KHIPU" user lock demo-prosecutor --as demo-admin >/dev/null
http "$T/p2" GET "/cases/$ID"
expect_code 303 "a locked user gets no page, cached or not"
stop_server
done_testing
