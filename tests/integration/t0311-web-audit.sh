#!/bin/sh
# t0311 — the audit trail on the web (issue 11): times in the register's
# time zone (America/Lima by default, --time-zone otherwise), actions in
# words and details as fields, filters by user, action, case and dates that
# agree with counts from the table, a page at a time, the same entries as
# CSV; bad filters are explained (400), never a 500.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 20
CASE=$(db_sql "SELECT id FROM cases ORDER BY id LIMIT 1")
NUM=$(db_sql "SELECT number FROM cases WHERE id = $CASE")
"$KHIPU" case show "$CASE" --as demo-prosecutor --reveal >/dev/null || not_ok "a reveal by the CLI"
for c in $(db_sql "SELECT id FROM cases ORDER BY id LIMIT 4"); do   # more than a page
	"$KHIPU" case show "$c" --as demo-prosecutor --reveal >/dev/null 2>&1   # or refused: audited too
done
start_server
A="$T/jar-a"
login demo-auditor "$A" >/dev/null
total=$(db_sql "SELECT count(*) FROM audit")
[ "$total" -gt 50 ] && ok "the trail has $total entries (more than a page)" || not_ok "entries ($total)"
# the rows of the page: one "seq" per line
seqs() { grep -o '<tr><td class="num">[0-9]*' "$T/body" | grep -o '[0-9]*$'; }

# ---- times in America/Lima, actions and details in words ----
http "$A" GET "/audit?lang=en"
expect_code 200 "the audit page"
set -- $(db_sql "SELECT seq, ts FROM audit ORDER BY seq DESC LIMIT 1" | tr ',' ' ')
lima=$(TZ='<-05>5' date -d "@$2" '+%Y-%m-%d %H:%M:%S')
iso=$(TZ='<-05>5' date -d "@$2" '+%Y-%m-%dT%H:%M:%S-0500')
grep -q "<time datetime=\"$iso\">$lima</time>" "$T/body" &&
	ok "the newest entry's time in Lima ($lima)" || not_ok "Lima time $lima"
grep -q 'When (America/Lima)' "$T/body" && ok "the column names the zone" || not_ok "zone named"
grep -q "Victim&#39;s identity shown\|Victim's identity shown" "$T/body" && ok "actions in words" ||
	not_ok "actions in words"
grep -q "Case: $CASE · Role: Victim" "$T/body" && ok "details as fields (case, role in words)" ||
	not_ok "details as fields"
grep -q '{&quot;\|{"case"' "$T/body" && not_ok "no raw JSON in the table" || ok "no raw JSON in the table"
[ "$(seqs | wc -l)" = 50 ] && ok "50 entries a page" || not_ok "a page holds $(seqs | wc -l)"
last=$(seqs | tail -1)
grep -q "href=\"/audit?before=$last\"" "$T/body" && ok "a link to the older entries" ||
	not_ok "older link"
http "$A" GET "/audit?before=$last"
first2=$(seqs | head -1)
[ "$first2" -lt "$last" ] && ok "the next page starts below the last one ($first2 < $last)" ||
	not_ok "paging ($first2, $last)"
grep -q 'href="/audit">' "$T/body" && ok "and links back to the newest" || not_ok "newest link"

# ---- filters, counted against the table ----
http "$A" GET "/audit?user=demo-prosecutor"
want=$(db_sql "SELECT count(*) FROM audit WHERE actor = 'demo-prosecutor'")
[ "$(seqs | wc -l)" = "$want" ] && ok "by user: $want entries" || not_ok "by user ($(seqs | wc -l), want $want)"
http "$A" GET "/audit?action=office.manage"
want=$(db_sql "SELECT count(*) FROM audit WHERE action = 'office.manage'")
[ "$want" -gt 50 ] && want=50
[ "$(seqs | wc -l)" = "$want" ] && ok "by action: $want entries" || not_ok "by action"
http "$A" GET "/audit?case=$(printf %s "$NUM" | sed 's/ /%20/g')"
want=$(db_sql "SELECT count(*) FROM audit WHERE object = 'case:$CASE' OR detail LIKE '%\"case\":$CASE,%' OR detail LIKE '%\"case\":$CASE}%'")
[ "$want" -gt 1 ] && [ "$(seqs | wc -l)" = "$want" ] &&
	ok "by case number: its $want entries (the reveals of its persons too)" ||
	not_ok "by case ($(seqs | wc -l), want $want)"
tomorrow=$(TZ='<-05>5' date -d tomorrow +%Y-%m-%d)
today=$(TZ='<-05>5' date +%Y-%m-%d)
http "$A" GET "/audit?from=$tomorrow"
expect_code 200 "a date filter"
[ "$(seqs | wc -l)" = 0 ] && grep -q 'No entry matches' "$T/body" && ok "nothing from tomorrow on, said so" ||
	not_ok "from tomorrow"
http "$A" GET "/audit?to=$today&user=demo-prosecutor"
want=$(db_sql "SELECT count(*) FROM audit WHERE actor = 'demo-prosecutor'")
[ "$(seqs | wc -l)" = "$want" ] && ok "up to today includes today" || not_ok "to today"
http "$A" GET "/audit?from=31/02/2024"
expect_code 400 "an impossible date is refused"
grep -q 'YYYY-MM-DD' "$T/body" && ok "and explained" || not_ok "date explained"
http "$A" GET "/audit?case=NO-SUCH-CASE"
expect_code 400 "an unknown case number is refused"
http "$A" GET "/audit?before=abc"
expect_code 400 "a bad page is refused"

# ---- a refusal in words ----
login demo-analyst "$T/jar-n" >/dev/null
http "$T/jar-n" GET "/audit?lang=en"
expect_code 403 "an analyst may not read the trail"
grep -q 'Your role may not do this: Audit trail read' "$T/body" && ! grep -q "'audit.read'" "$T/body" &&
	ok "said in words, not by the action's code" || not_ok "refusal in words"
http "$T/jar-n" GET "/audit.csv"
expect_code 403 "nor download it"

# ---- CSV ----
http "$A" GET "/audit.csv?user=demo-prosecutor&before=$last"
expect_code 200 "the CSV of a filter"
grep -qi '^content-type: text/csv' "$T/hdr" && ok "as text/csv" || not_ok "csv type"
head -1 "$T/body" | grep -q '^seq,time,user,action,action_words,object,detail' && ok "with a header" ||
	not_ok "csv header"
want=$(db_sql "SELECT count(*) FROM audit WHERE actor = 'demo-prosecutor'")
[ "$(($(wc -l <"$T/body") - 1))" = "$want" ] && ok "every entry of the filter, not just a page ($want)" ||
	not_ok "csv rows"
grep -q -- '-0500,demo-prosecutor,identity.reveal_victim' "$T/body" && ok "times with their offset" ||
	not_ok "csv times"
stop_server

# ---- another time zone; a bad one is refused before serving ----
start_server --time-zone UTC
login demo-auditor "$A" >/dev/null
http "$A" GET "/audit"
set -- $(db_sql "SELECT seq, ts FROM audit ORDER BY seq DESC LIMIT 1" | tr ',' ' ')
utc=$(TZ=UTC0 date -d "@$2" '+%Y-%m-%d %H:%M:%S')
grep -q ">$utc</time>" "$T/body" && grep -q '(UTC)' "$T/body" && ok "--time-zone UTC ($utc)" ||
	not_ok "UTC time $utc"
stop_server
expect 2 "an unknown zone is refused" -- serve --listen 127.0.0.1:0 --time-zone Mars/Olympus
expect_err "unknown time zone 'Mars/Olympus'" "naming it"
expect 2 "so is a path" -- serve --listen 127.0.0.1:0 --time-zone ../../etc/passwd
done_testing
