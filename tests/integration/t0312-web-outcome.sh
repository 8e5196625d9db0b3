#!/bin/sh
# t0312 — a suspect's path on the web (issue 10, the web side of `case
# outcome`) and the State's response on /stats: the case page's form
# records a step (an indictment, a conviction with its sentence and the civil
# reparation written the Peruvian or the English way), each a revision;
# refusals are said in the form's words (never "--date"), beside the form,
# with nothing written; a role that may not amend the case gets 403 and a
# post without its CSRF token 403. /stats shows victims protected by
# measure, assets by current stage and the value seized, confiscated and
# realised, each recomputed here with SQL on the register's tables.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 30
cat > "$T/case.json" <<'JSON'
{
  "number": "2024-0312-FEPMTP-MDD", "office": "FEPMTP-MDD",
  "complaint_date": "2024-03-02", "complaint_source": "police_report",
  "place": {"country": "PE", "ubigeo": "170101"}, "offences": ["cp_129a"],
  "persons": [
    {"role": "victim", "name": "Rosa Quispe Mamani", "sex": "female", "birth_date": "2000-04-11"},
    {"role": "suspect", "name": "Juan Pérez Huamán", "sex": "male"},
    {"role": "suspect", "name": "Pedro Testa Ferro", "sex": "male"}
  ],
  "events": [{"stage": "formalised_investigation", "date": "2024-04-02"}]
}
JSON
C=$("$KHIPU" case add --as demo-prosecutor --json "$T/case.json") && ok "a case with two suspects" ||
	not_ok "case registered"
SUS=$(db_sql "SELECT person_id FROM participations WHERE case_id = $C AND role = 'suspect' ORDER BY id LIMIT 1")
SUS2=$(db_sql "SELECT person_id FROM participations WHERE case_id = $C AND role = 'suspect' ORDER BY id DESC LIMIT 1")
VIC=$(db_sql "SELECT person_id FROM participations WHERE case_id = $C AND role = 'victim'")
PART=$(db_sql "SELECT id FROM participations WHERE case_id = $C AND person_id = $SUS")
steps() { db_sql "SELECT count(*) FROM suspect_steps WHERE participation_id = $PART"; }
version() { db_sql "SELECT version FROM cases WHERE id = $C"; }

start_server
P="$T/jar-p"
login demo-prosecutor "$P" >/dev/null
http "$P" GET "/cases/$C?lang=en"
expect_code 200 "the case page"
grep -q "action=\"/cases/$C/outcome\"" "$T/body" && ok "it has the form of a suspect's path" ||
	not_ok "outcome form"
grep -q "<option value=\"$SUS\">1\. " "$T/body" && ok "the suspects offered by their (masked) names" ||
	not_ok "suspects offered"
grep -q "<option value=\"$VIC\">" "$T/body" && grep -A0 -o 'id="oc-suspect"[^/]*' "$T/body" |
	grep -q "\"$VIC\"" && not_ok "a victim offered as a suspect" || ok "no victim among the suspects"
CS=$(csrf_of "$P" "/cases/$C")
post() { http "$P" POST "/cases/$C/outcome?lang=en" --data-urlencode "csrf=$CS" "$@"; }

# ---- an indictment, then a conviction with its sentence ----
v0=$(version)
post -d "suspect=$SUS" -d outcome=indictment -d date=2024-06-10 -d reason=acusación
expect_code 303 "an indictment is recorded"
grep -qi "^location: /cases/$C?saved=1#paths" "$T/hdr" && ok "back to the case's paths" ||
	not_ok "redirect ($(grep -i ^location "$T/hdr"))"
[ "$(steps)" = 1 ] && [ "$(version)" = $((v0 + 1)) ] && ok "one step, one revision" ||
	not_ok "steps $(steps), version $(version) (was $v0)"
post -d "suspect=$SUS" -d outcome=conviction_trial -d date=2024-11-20 -d prison_years=15 \
	-d prison_months=6 -d days_fine=180 --data-urlencode "reparation=20.000,50" -d currency=PEN
expect_code 303 "a conviction with its sentence and reparation"
row=$(db_sql "SELECT step, date, prison_months, suspended, days_fine, reparation_cents, reparation_currency FROM suspect_steps WHERE participation_id = $PART ORDER BY pos DESC LIMIT 1")
[ "$row" = "conviction_trial,2024-11-20,186,0,180,2000050,PEN" ] &&
	ok "saved as typed: 15 years 6 months, 180 days-fine, 20.000,50 PEN" || not_ok "saved: $row"
[ "$(db_sql "SELECT convicted_on FROM participations WHERE id = $PART")" = 2024-11-20 ] &&
	ok "the conviction in force follows from the path" || not_ok "convicted_on"
http "$P" GET "/cases/$C?lang=en"
grep -q '15 years 6 months of prison' "$T/body" && grep -q '20,000.50 PEN' "$T/body" &&
	ok "the page shows the sentence and the reparation with its cents" || not_ok "sentence shown"

# ---- refusals: in the form's words, nothing written ----
n=$(steps); v=$(version)
post -d "suspect=$SUS" -d outcome=conviction_trial -d date=2024-12-01
expect_code 422 "a second judgement without an appeal is refused"
grep -q 'role="alert"' "$T/body" && ok "said beside the form" || not_ok "alert"
grep -q -- '--date\|--outcome\|--suspect' "$T/body" && not_ok "no command-line option named" ||
	ok "no command-line option named"
post -d "suspect=$SUS2" -d outcome=charge -d date=2023-01-01
expect_code 422 "a step before the complaint is refused"
grep -q 'Date of the decision:' "$T/body" && ok "naming the date in the form's words" ||
	{ not_ok "date named"; grep -o 'class="error"[^<]*<' "$T/body" | head -2; }
post -d "suspect=$SUS" -d outcome=appeal -d date=2024-12-02 -d prison_months=13
expect_code 422 "13 months of prison is refused"
grep -q 'Months of prison: a whole number from 0 to 11' "$T/body" && ok "and explained" || not_ok "months"
post -d "suspect=$SUS" -d outcome=appeal -d date=2024-12-02 -d reparation=abc
expect_code 422 "an amount that is not one is refused"
post -d "suspect=$VIC" -d outcome=indictment -d date=2024-06-10
expect_code 422 "a victim is not a suspect"
grep -q 'Suspect:' "$T/body" && ok "the suspect field named" || not_ok "suspect named"
post -d "suspect=$SUS" -d date=2024-06-10
expect_code 422 "a step is required"
grep -q 'value="2024-06-10"' "$T/body" && ok "what was typed is kept" || not_ok "kept"
[ "$(steps)" = "$n" ] && [ "$(version)" = "$v" ] &&
	[ "$(db_sql "SELECT count(*) FROM suspect_steps s JOIN participations p ON p.id = s.participation_id WHERE p.person_id = $SUS2")" = 0 ] &&
	ok "nothing written by the refusals" ||
	not_ok "written: $(steps) steps, version $(version)"
http "$P" POST "/cases/$C/outcome" -d "suspect=$SUS" -d outcome=appeal -d date=2024-12-02
expect_code 403 "no CSRF token: 403"
A="$T/jar-a"
login demo-analyst "$A" >/dev/null
http "$A" POST "/cases/$C/outcome" --data-urlencode "csrf=$(csrf_of "$A" /stats)" \
	-d "suspect=$SUS" -d outcome=appeal -d date=2024-12-02
expect_code 403 "an analyst may not record a step"
[ "$(steps)" = "$n" ] && ok "and nothing was written" || not_ok "written by a refusal"
http "$A" GET "/cases/$C"
grep -q '/outcome"' "$T/body" && not_ok "the form shown to a role that may not amend" ||
	ok "no form for a role that may not amend"

# ---- the State's response on /stats, against the tables ----
"$KHIPU" case protect "$C" --as demo-prosecutor --victim "$VIC" --measure shelter \
	--provider mimp_car --date 2024-03-05 --consent yes >/dev/null || not_ok "case protect"
http "$A" GET "/stats?lang=en"
expect_code 200 "the dashboard"
for id in protected_victims assets_by_stage assets_recovered; do
	grep -q "<section class=\"stat[^\"]*\" id=\"$id\"" "$T/body" && ok "a table $id" || not_ok "table $id"
done
# csv of a table: "label,value" rows after the header
csvof() { http "$A" GET "/stats.csv?table=$1&lang=en"; tail -n +2 "$T/body" | tr -d '\r'; }
got=$(csvof protected_victims | awk -F, '{ s += $NF } END { print s + 0 }')
want=$(db_sql "SELECT count(*) FROM (SELECT DISTINCT pr.participation_id, pr.measure FROM protections pr JOIN participations p ON p.id = pr.participation_id JOIN cases c ON c.id = p.case_id WHERE p.removed_in IS NULL AND p.role = 'victim') x")
[ "$got" = "$want" ] && [ "$want" -gt 0 ] && ok "victims protected by measure: $got (SQL: $want)" ||
	not_ok "protected victims $got, SQL $want"
got=$(csvof assets_by_stage | awk -F, '{ s += $NF } END { print s + 0 }')
want=$(db_sql "SELECT count(*) FROM assets a WHERE a.removed_in IS NULL AND EXISTS (SELECT 1 FROM asset_measures m WHERE m.asset_id = a.id)")
all=$(db_sql "SELECT count(*) FROM assets WHERE removed_in IS NULL")
[ "$got" = "$all" ] && ok "assets by stage: $got (SQL: $all, $want with a step)" ||
	not_ok "assets by stage $got, SQL $all ($want with a step)"
seized=$(csvof assets_recovered | sed -n 1p | awk -F, '{ print $NF }')
want=$(db_sql "SELECT coalesce(sum(a.value_cents), 0) FROM assets a WHERE a.removed_in IS NULL AND coalesce(a.currency, 'PEN') = 'PEN' AND EXISTS (SELECT 1 FROM asset_measures m WHERE m.asset_id = a.id AND m.measure IN ('seized', 'frozen'))")
want=$(printf '%d.%02d' $((want / 100)) $((want % 100)))
[ "$seized" = "$want" ] && ok "value seized or frozen: $seized (SQL: $want)" ||
	not_ok "seized $seized, SQL $want"
http "$A" GET "/stats?lang=es"
grep -q 'Víctimas protegidas' "$T/body" && ok "the tables in Spanish" || not_ok "Spanish titles"
stop_server
[ "$srv_rc" = 0 ] && ok "the server stopped cleanly" || not_ok "server exit $srv_rc"
done_testing
