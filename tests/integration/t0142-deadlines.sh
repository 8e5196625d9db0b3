#!/bin/sh
# t0142 — legal deadlines (core/ncpp.h, app/deadlines.c): each open case's
# running term, due date and days left from its events; 'case deadlines'
# within the actor's scope; 'case list' filtered and sorted by the term; the
# case page, the /cases list and the /stats dashboard; case update (the whole
# document) settles the term as case event does; the terms of cases
# registered before migration 0012 derived once at the next start.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

# dates relative to today (UTC), and N months after a date, from date to date
day() { python3 -c "import datetime as d; print(d.date.today() + d.timedelta(days=$1))"; }
months() { python3 -c "
import datetime as d, calendar
y, m, dd = map(int, '$1'.split('-')); t = y * 12 + m - 1 + $2
y, m = divmod(t, 12); m += 1
print(d.date(y, m, min(dd, calendar.monthrange(y, m)[1])))"; }
plus() { python3 -c "import datetime as d; print(d.date.fromisoformat('$1') + d.timedelta(days=$2))"; }
field() {   # field NUMBER KEY: a field of that case in $T/out (case deadlines JSON)
	python3 -c "
import json,sys
r=[x for x in json.load(open('$T/out')) if x['number']=='$1']
print(r[0]['$2'] if r else 'absent')"; }

fresh_demo 10
expect 0 "a case whose preliminary inquiry opened on 2024-03-03" -- case add --as demo-prosecutor --json "$DOC"
old=$(cat "$T/out")
C=$(day -10); P=$(day -9)
python3 - "$DOC" "$C" "$P" >"$T/new.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["number"] = "2026-0777-FEPMTP-MDD"
d["complaint_date"] = sys.argv[2]
d["events"] = [{"stage": "preliminary_inquiry", "date": sys.argv[3]}]
for p in d["persons"]:
    for k in ("recruitment_date", "exploitation_start", "exploitation_end", "rescue_date"):
        p.get("victim", {}).pop(k, None)
    for m in p.get("suspect", {}).get("measures", []):
        m["date"] = sys.argv[2]
print(json.dumps(d))
PY
expect 0 "a case whose inquiry opened nine days ago" -- case add --as demo-prosecutor --json "$T/new.json"
new=$(cat "$T/out")

# ---- case deadlines ----
expect 0 "case deadlines as json" -- case deadlines --as demo-prosecutor --format json
[ "$(field 2024-0153-FEPMTP-MDD term)/$(field 2024-0153-FEPMTP-MDD due)" = "preliminary/2024-05-02" ] &&
	ok "the preliminary inquiry: 60 days from its opening (art. 334.2)" ||
	not_ok "preliminary term ($(field 2024-0153-FEPMTP-MDD term) $(field 2024-0153-FEPMTP-MDD due))"
want=$(python3 -c "import datetime as d; print((d.date(2024,5,2) - d.date.today()).days)")
[ "$(field 2024-0153-FEPMTP-MDD days_left)" = "$want" ] && [ "$(field 2024-0153-FEPMTP-MDD overdue)" = True ] &&
	ok "days left are negative once overdue ($want)" || not_ok "days left $(field 2024-0153-FEPMTP-MDD days_left), wanted $want"
[ "$(field 2026-0777-FEPMTP-MDD due)/$(field 2026-0777-FEPMTP-MDD days_left)" = "$(plus "$P" 60)/51" ] &&
	ok "a running term: 51 days left" || not_ok "new case: $(field 2026-0777-FEPMTP-MDD due) $(field 2026-0777-FEPMTP-MDD days_left)"
expect_out '"article": "NCPP art. 334.2"' "each term names its article"
python3 -c "
import json; r=json.load(open('$T/out')); d=[x['due'] for x in r]
assert d == sorted(d) and len(r) >= 2" && ok "listed by due date" || not_ok "listed by due date"
expect 0 "--overdue" -- case deadlines --as demo-prosecutor --overdue --format json
[ "$(field 2024-0153-FEPMTP-MDD due)" = 2024-05-02 ] && [ "$(field 2026-0777-FEPMTP-MDD due)" = absent ] &&
	ok "--overdue keeps the overdue only" || not_ok "--overdue"
expect 0 "--within 60" -- case deadlines --as demo-prosecutor --within 60 --format json
[ "$(field 2024-0153-FEPMTP-MDD due)" = absent ] && [ "$(field 2026-0777-FEPMTP-MDD days_left)" = 51 ] &&
	ok "--within 60 keeps what ends in the next 60 days" || not_ok "--within 60"
expect 0 "--within 50" -- case deadlines --as demo-prosecutor --within 50 --format json
[ "$(field 2026-0777-FEPMTP-MDD due)" = absent ] && ok "--within 50 leaves out a term 51 days away" ||
	not_ok "--within 50"
expect 0 "the table" -- case deadlines --as demo-prosecutor
expect_out "Preliminary inquiry: 60 days (NCPP art. 334.2)" "the table labels the term with its article"
expect 0 "csv" -- case deadlines --as demo-prosecutor --format csv
head -1 "$T/out" | tr -d '\r' | grep -q '^id,number,office,stage,term,start,due,days left,extended$' &&
	ok "csv header" || not_ok "csv header ($(head -1 "$T/out"))"

# ---- the term follows the events ----
F=$(day -5)
expect 0 "formalised" -- case event "$new" --as demo-prosecutor --stage formalised_investigation --date "$F"
run case deadlines --as demo-prosecutor --format json
[ "$(field 2026-0777-FEPMTP-MDD term)/$(field 2026-0777-FEPMTP-MDD due)" = "formalised/$(plus "$F" 120)" ] &&
	ok "formalised: 120 days (art. 342.1)" || not_ok "formalised: $(field 2026-0777-FEPMTP-MDD due)"
expect 0 "an extension by the prosecutor" -- case event "$new" --as demo-prosecutor --stage term_extension --date "$(day -4)"
run case deadlines --as demo-prosecutor --format json
[ "$(field 2026-0777-FEPMTP-MDD due)/$(field 2026-0777-FEPMTP-MDD extended)" = "$(plus "$F" 180)/True" ] &&
	ok "extended: 120 + 60 days" || not_ok "extended: $(field 2026-0777-FEPMTP-MDD due)"
expect 0 "declared complex" -- case event "$new" --as demo-prosecutor --stage complex_declared --date "$(day -3)"
run case deadlines --as demo-prosecutor --format json
[ "$(field 2026-0777-FEPMTP-MDD term)/$(field 2026-0777-FEPMTP-MDD due)/$(field 2026-0777-FEPMTP-MDD extended)" = \
	"complex/$(months "$F" 8)/False" ] && ok "complex: 8 months from the formalisation (art. 342.2)" ||
	not_ok "complex: $(field 2026-0777-FEPMTP-MDD due)"
expect 0 "the judge extends it" -- case event "$new" --as demo-prosecutor --stage term_extension --date "$(day -2)"
run case deadlines --as demo-prosecutor --format json
[ "$(field 2026-0777-FEPMTP-MDD due)" = "$(months "$F" 16)" ] && ok "complex extended: 8 + 8 months" ||
	not_ok "complex extended: $(field 2026-0777-FEPMTP-MDD due)"
expect 0 "organised crime" -- case event "$new" --as demo-prosecutor --stage organised_crime_declared --date "$(day -1)"
run case deadlines --as demo-prosecutor --format json
[ "$(field 2026-0777-FEPMTP-MDD term)/$(field 2026-0777-FEPMTP-MDD due)" = "organised_crime/$(months "$F" 36)" ] &&
	ok "organised crime: 36 months (art. 342.2, Ley 30077)" || not_ok "organised: $(field 2026-0777-FEPMTP-MDD due)"
run case show "$new" --as demo-prosecutor --format json
grep -q '"stage": "formalised_investigation"' "$T/out" && ok "the stage stays the formalisation" ||
	not_ok "stage kept"

# ---- scope and bad input ----
expect 0 "an analyst sees every office" -- case deadlines --as demo-analyst --format json
python3 -c "
import json; r=json.load(open('$T/out')); assert len(set(x['office'] for x in r)) > 1" &&
	ok "cases of several offices" || not_ok "analyst: several offices"
run case deadlines --as demo-prosecutor --format json
python3 -c "
import json,subprocess; r=json.load(open('$T/out'))
assert all(x['office'] == 'FEPMTP-MDD' for x in r), set(x['office'] for x in r)" 2>/dev/null &&
	ok "a prosecutor sees her office's cases" ||
	{ shared=$(db_sql "SELECT count(*) FROM case_shares"); [ "$shared" != 0 ] && ok "a prosecutor sees her office's and shared cases" || not_ok "prosecutor scope"; }
expect 4 "an auditor may not list cases" -- case deadlines --as demo-auditor
expect 2 "--within must be a number of days" -- case deadlines --as demo-prosecutor --within soon
expect_err "--within: 'soon' is not a number of days" "naming the option"
expect 2 "--within may not be negative" -- case deadlines --as demo-prosecutor --within -3
expect 2 "--overdue and --within exclude each other" -- case deadlines --as demo-prosecutor --overdue --within 3
expect 2 "an unknown format" -- case deadlines --as demo-prosecutor --format xml

# ---- case list: filter and sort ----
expect 0 "case list --overdue" -- case list --as demo-prosecutor --overdue --format json
python3 -c "
import json,datetime as d; r=json.load(open('$T/out')); t=str(d.date.today())
assert r and all(x['term_due'] and x['term_due'] < t for x in r)
assert '2024-0153-FEPMTP-MDD' in [x['number'] for x in r] and '2026-0777-FEPMTP-MDD' not in [x['number'] for x in r]" &&
	ok "only cases past their term" || not_ok "case list --overdue"
expect 0 "case list --within 2000 --sort due" -- case list --as demo-analyst --within 2000 --sort due --format json
python3 -c "
import json; r=json.load(open('$T/out')); d=[x['term_due'] for x in r]
assert d == sorted(d) and '2026-0777-FEPMTP-MDD' in [x['number'] for x in r]" &&
	ok "by due date, earliest first" || not_ok "case list --sort due"
expect 0 "case list --sort due" -- case list --as demo-analyst --sort due --format json
python3 -c "
import json; r=json.load(open('$T/out')); d=[x['term_due'] for x in r]
k=[x for x in d if x]; assert k == sorted(k) and d[:len(k)] == k and len(k) < len(d)" &&
	ok "cases without a running term come last" || not_ok "no-term cases last"
expect 2 "an unknown order" -- case list --as demo-analyst --sort alphabetical
expect_err "--sort: 'alphabetical'" "naming the option"

# ---- the web: case page, list, dashboard ----
start_server
login demo-prosecutor "$T/p" >/dev/null
http "$T/p" GET "/cases/$old?lang=en"
grep -q 'id="term">Preliminary inquiry: 60 days (NCPP art. 334.2)' "$T/body" && grep -q 'class="overdue">overdue by' "$T/body" &&
	ok "the case page shows the term and that it is overdue" || not_ok "case page term"
http "$T/p" GET "/cases/$new?lang=en"
grep -q 'id="term">Organised crime: 36 months' "$T/body" && grep -q 'days left' "$T/body" &&
	ok "and the days left of a running one" || not_ok "case page running term"
http "$T/p" GET "/cases?term=overdue&lang=en"
expect_code 200 "/cases?term=overdue"
grep -q "href=\"/cases/$old\"" "$T/body" && ! grep -q "href=\"/cases/$new\"" "$T/body" &&
	ok "the list keeps the overdue cases" || not_ok "web list overdue"
http "$T/p" GET "/cases?term=running&sort=due&lang=en"
grep -q "Term due" "$T/body" && grep -q "href=\"/cases/$new\"" "$T/body" && ok "a term column, sorted by due date" ||
	not_ok "web list running"
http "$T/p" GET "/cases?term=someday"
expect_code 400 "an unknown term filter is refused"
login demo-analyst "$T/a" >/dev/null
http "$T/a" GET "/stats?lang=en"
grep -q '<section class="stat" id="overdue_by_office">' "$T/body" && grep -q 'Cases past their legal term, by office' "$T/body" &&
	ok "the dashboard shows the overdue terms by office" || not_ok "dashboard section"
http "$T/a" GET "/stats.csv?table=overdue_by_office&lang=en"
expect_code 200 "its CSV"
tail -n +2 "$T/body" | tr -d '\r' >"$T/got"
db_sql "SELECT o.code, count(*) FROM cases c JOIN offices o ON o.id = c.office_id
	WHERE c.term_due < '$(day 0)' GROUP BY o.code ORDER BY o.code" >"$T/want"
cmp -s "$T/got" "$T/want" && [ -s "$T/want" ] && ok "equals the cases past their due date, by office" ||
	{ not_ok "dashboard counts"; diff "$T/want" "$T/got" | head -5; }
stop_server

# ---- case update (the whole document) settles the term like case event ----
sed 's/2026-0777-FEPMTP-MDD/2026-0778-FEPMTP-MDD/' "$T/new.json" >"$T/third.json"
expect 0 "a third case, its inquiry opened nine days ago" -- case add --as demo-prosecutor --json "$T/third.json"
upd=$(cat "$T/out")
F=$(day -1); G=$(day -3)
run case show "$upd" --as demo-prosecutor --format json
python3 - "$T/out" "$F" >"$T/u1.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["events"].append({"stage": "formalised_investigation", "date": sys.argv[2]})
print(json.dumps(d))
PY
expect 0 "case update adds the formalisation" -- case update "$upd" --as demo-prosecutor --json "$T/u1.json"
expect 0 "case deadlines after the update" -- case deadlines --as demo-prosecutor --format json
[ "$(field 2026-0778-FEPMTP-MDD term)/$(field 2026-0778-FEPMTP-MDD due)/$(field 2026-0778-FEPMTP-MDD stage)" = \
  "formalised/$(plus "$F" 120)/formalised_investigation" ] &&
	ok "an event added by case update starts the investigation's 120 days (art. 342.1)" ||
	not_ok "after update: $(field 2026-0778-FEPMTP-MDD term) $(field 2026-0778-FEPMTP-MDD due) $(field 2026-0778-FEPMTP-MDD stage)"
run case show "$upd" --as demo-prosecutor --format json
python3 - "$T/out" "$G" >"$T/u2.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for e in d["events"]:
    if e["stage"] == "formalised_investigation":
        e["date"] = sys.argv[2]
print(json.dumps(d))
PY
expect 0 "case update moves the formalisation's date" -- case update "$upd" --as demo-prosecutor --json "$T/u2.json"
run case deadlines --as demo-prosecutor --format json
[ "$(field 2026-0778-FEPMTP-MDD due)" = "$(plus "$G" 120)" ] && ok "a changed event date moves the due date" ||
	not_ok "after a date change: $(field 2026-0778-FEPMTP-MDD due), wanted $(plus "$G" 120)"
run case show "$upd" --as demo-prosecutor --format json
python3 - "$T/out" >"$T/u3.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["events"] = [e for e in d["events"] if e["stage"] != "formalised_investigation"]
print(json.dumps(d))
PY
expect 0 "case update removes the formalisation" -- case update "$upd" --as demo-prosecutor --json "$T/u3.json"
run case deadlines --as demo-prosecutor --format json
[ "$(field 2026-0778-FEPMTP-MDD term)/$(field 2026-0778-FEPMTP-MDD due)/$(field 2026-0778-FEPMTP-MDD stage)" = \
  "preliminary/$(plus "$P" 60)/preliminary_inquiry" ] &&
	ok "a removed event gives back the preliminary inquiry's term and stage" ||
	not_ok "after removal: $(field 2026-0778-FEPMTP-MDD term) $(field 2026-0778-FEPMTP-MDD due) $(field 2026-0778-FEPMTP-MDD stage)"
[ "$(db_sql "SELECT count(*) FROM events WHERE case_id = $upd AND removed_in IS NOT NULL")" = 1 ] &&
	ok "the removed event is kept, marked removed" || not_ok "the removed event is kept, marked removed"

# ---- cases registered before migration 0012 (removed events do not count) ----
run case deadlines --as demo-analyst --format csv
cp "$T/out" "$T/before.csv"
db_sql "UPDATE cases SET term_kind = NULL, term_start = NULL, term_due = NULL, term_extended = 0" >/dev/null
db_sql "DELETE FROM meta WHERE key = 'terms.stale'" >/dev/null   # as before migration 0012
[ "$(db_sql "SELECT count(*) FROM cases WHERE term_due IS NOT NULL")" = 0 ] && ok "terms forgotten" || not_ok "terms forgotten"
expect 0 "the next command derives them again" -- case deadlines --as demo-analyst --format csv
cmp -s "$T/out" "$T/before.csv" && ok "the same terms as before" || { not_ok "terms derived again"; diff "$T/before.csv" "$T/out" | head -5; }
[ "$(db_sql "SELECT value FROM meta WHERE key = 'terms.stale'")" = 0 ] && ok "once" || not_ok "the flag is cleared"
done_testing
