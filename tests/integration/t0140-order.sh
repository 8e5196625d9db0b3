#!/bin/sh
# t0140 — the procedural order (core/ncpp.h): an event the NCPP does not
# allow at its point is refused, naming what is missing, and writes nothing;
# the same rule on the command line (case add, case event), the web page
# and the JSON API; backfilling is allowed when the sequence stays valid.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 10 && ok "the demo generator's cases pass the rule" || not_ok "demo register"
expect 0 "a case at its preliminary inquiry" -- case add --as demo-prosecutor --json "$DOC"
id=$(cat "$T/out")
snap() { echo "$(count_rows events)/$(count_rows audit)/$(count_rows sealed)"; }

# ---- case event ----
before=$(snap)
expect 2 "a sentence with no indictment or plea is refused" -- \
	case event "$id" --as demo-prosecutor --stage conviction_first_instance --date 2024-06-01
expect_err "needs an indictment (NCPP art. 349) or a plea agreement (art. 468) before it" \
	"the message names what is missing"
expect_err "stage: Conviction at first instance" "and the event, by its label"
expect 2 "a plea agreement before the formalisation is refused" -- \
	case event "$id" --as demo-prosecutor --stage plea_agreement --date 2024-06-01
expect_err "needs a formalised investigation (NCPP art. 336)" "naming the formalisation"
expect 2 "a step dated before the complaint is refused" -- \
	case event "$id" --as demo-prosecutor --stage preliminary_inquiry --date 2024-03-01
expect_err "date: '2024-03-01' is before the complaint (2024-03-02)" "naming the date"
expect 2 "an extension with no formalised investigation is refused" -- \
	case event "$id" --as demo-prosecutor --stage term_extension --date 2024-04-01
[ "$(snap)" = "$before" ] && ok "nothing was written" || not_ok "nothing was written ($before -> $(snap))"
expect 4 "a refusal by the policy comes first" -- \
	case event "$id" --as demo-analyst --stage conviction_first_instance --date 2024-06-01

# ---- backfilling ----
expect 0 "a formalisation" -- case event "$id" --as demo-prosecutor --stage formalised_investigation --date 2024-05-02
expect 0 "an indictment" -- case event "$id" --as demo-prosecutor --stage indictment --date 2024-11-04
expect 0 "a declaration of complexity recorded later, dated between them" -- \
	case event "$id" --as demo-prosecutor --stage complex_declared --date 2024-05-20
expect 0 "an extension recorded later, dated during the investigation" -- \
	case event "$id" --as demo-prosecutor --stage term_extension --date 2024-10-01
run case show "$id" --as demo-prosecutor --format json
expect_out '"stage": "indictment"' "declarations and extensions leave the stage alone"
before=$(snap)
expect 2 "a second extension is refused" -- \
	case event "$id" --as demo-prosecutor --stage term_extension --date 2024-10-15
expect_err "already extended on 2024-10-01" "naming the first one"
expect 2 "a backfilled archive that would leave the formalisation after it is refused" -- \
	case event "$id" --as demo-prosecutor --stage archive --date 2024-04-15
expect_err "record its reopening (NCPP art. 335) first" "naming the reopening it would need"
expect 2 "a declaration after the indictment is refused" -- \
	case event "$id" --as demo-prosecutor --stage organised_crime_declared --date 2024-12-01
expect_err "needs an open investigation" "naming the investigation"
[ "$(snap)" = "$before" ] && ok "still nothing written" || not_ok "still nothing written"
expect 0 "a trial after the indictment" -- case event "$id" --as demo-prosecutor --stage trial --date 2025-03-03
expect 0 "and its sentence" -- case event "$id" --as demo-prosecutor --stage conviction_first_instance --date 2025-04-04

# ---- case add: the document's events ----
doc() {   # doc NUMBER EVENTS-JSON > file
	python3 - "$DOC" "$1" "$2" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["number"] = sys.argv[2]
d["events"] = json.loads(sys.argv[3])
print(json.dumps(d))
PY
}
doc 2024-0901-FEPMTP-MDD '[{"stage":"complaint","date":"2024-03-02"},
	{"stage":"preliminary_inquiry","date":"2024-03-03"},
	{"stage":"acquittal_first_instance","date":"2024-08-01"}]' >"$T/bad.json"
before=$(count_rows cases)/$(count_rows persons)/$(count_rows audit)
expect 2 "a document with a sentence and no indictment is refused" -- \
	case add --as demo-prosecutor --json "$T/bad.json"
expect_err "events\[2\].stage: Acquittal at first instance" "naming the event in the document"
expect_err "needs an indictment" "and what is missing"
[ "$before" = "$(count_rows cases)/$(count_rows persons)/$(count_rows audit)" ] &&
	ok "nothing of the case was written" || not_ok "nothing of the case was written"
doc 2024-0902-FEPMTP-MDD '[{"stage":"formalised_investigation","date":"2024-03-01"}]' >"$T/bad.json"
expect 2 "a document with an event before its complaint is refused" -- \
	case add --as demo-prosecutor --json "$T/bad.json"
expect_err "events\[0\].date: '2024-03-01' is before the complaint" "naming its date"
doc 2024-0903-FEPMTP-MDD '[{"stage":"plea_agreement","date":"2024-06-01"},
	{"stage":"formalised_investigation","date":"2024-04-01"}]' >"$T/good.json"
expect 0 "events in any order are taken in procedural order" -- \
	case add --as demo-prosecutor --json "$T/good.json"

# ---- the web page and the API ----
start_server
login demo-prosecutor "$T/p" >/dev/null
c=$(csrf_of "$T/p" "/cases/$id")
expect 0 "another case at its preliminary inquiry" -- case add --as demo-prosecutor --json \
	"$(doc 2024-0904-FEPMTP-MDD '[{"stage":"preliminary_inquiry","date":"2024-03-03"}]' >"$T/w.json"; echo "$T/w.json")"
wid=$(cat "$T/out")
http "$T/p" GET "/cases/$wid?lang=en"   # the user's language: an audited change of its own
before=$(snap)
http "$T/p" POST "/cases/$wid/events" -d "stage=trial&date=2024-06-01" -d "csrf=$c"
expect_code 422 "the web refuses a trial with no indictment"
grep -q "NCPP arts. 336.4, 349" "$T/body" && ok "the page names what is missing" ||
	not_ok "the page names what is missing"
grep -q 'value="2024-06-01"' "$T/body" && ok "and keeps what was typed" || not_ok "keeps the date"
[ "$(snap)" = "$before" ] && ok "nothing written from the web" || { not_ok "nothing written from the web ($before -> $(snap))"; sqlite3 "$KHIPU_DB" "SELECT actor, action, object FROM audit ORDER BY seq DESC LIMIT 2"; }
http "$T/p" POST "/cases/$wid/events" -d "stage=formalised_investigation&date=2024-06-01" -d "csrf=$c"
expect_code 303 "the web records a formalisation"

TOK=$("$KHIPU" token create --as demo-prosecutor)
doc 2024-0905-FEPMTP-MDD '[{"stage":"complaint","date":"2024-03-02"},
	{"stage":"final_sentence","date":"2024-08-01"}]' >"$T/api.json"
before=$(count_rows cases)
http "$T/api" POST /api/v1/cases -H "Authorization: Bearer $TOK" -H "Content-Type: application/json" \
	-H "Accept-Language: en" --data-binary "@$T/api.json"
expect_code 422 "the API refuses a final judgment with no sentence"
python3 -c "
import json,sys; e=json.load(open('$T/body'))['error']
assert e['message'].startswith('events[1].stage: '), e
assert '392-399' in e['message'], e   # the articles of the sentence it needs
" && ok "the API's error names the event and what is missing" || { not_ok "API error"; cat "$T/body"; }
[ "$(count_rows cases)" = "$before" ] && ok "nothing written from the API" || not_ok "nothing written from the API"
stop_server
done_testing
