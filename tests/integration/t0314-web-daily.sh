#!/bin/sh
# t0314 — the web as a place to work all day (issue 11), over HTTP: the case
# list as CSV (the list's filters and order, every page of it, the user's
# scope, no identity; a filter the user may not use refused); the /stats
# workbook (XLSX) under the page's filters for the analyst (data.export,
# audited) and refused to a prosecutor; a payment of the civil reparation
# recorded from the case page (amounts written the Peruvian or the English
# way), refusals in the form's words beside the form, nothing written;
# breadcrumbs on pages below a menu entry, the menu's entry marked.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 60
cat > "$T/case.json" <<'JSON'
{
  "number": "2024-0314-FEPMTP-MDD", "office": "FEPMTP-MDD",
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
PART=$(db_sql "SELECT id FROM participations WHERE case_id = $C AND person_id = $SUS")
"$KHIPU" case outcome "$C" --as demo-prosecutor --suspect "$SUS" --outcome indictment --date 2024-06-10 >/dev/null &&
"$KHIPU" case outcome "$C" --as demo-prosecutor --suspect "$SUS" --outcome conviction_trial --date 2024-11-20 \
	--prison-years 15 --reparation 20000 >/dev/null && ok "a conviction with 20000 PEN of reparation" ||
	not_ok "conviction recorded"
payments() { db_sql "SELECT count(*) FROM reparation_payments WHERE participation_id = $PART"; }
version() { db_sql "SELECT version FROM cases WHERE id = $C"; }

start_server
P="$T/jar-p"
A="$T/jar-a"
login demo-prosecutor "$P" >/dev/null
login demo-analyst "$A" >/dev/null

# ---- the case list as CSV ----
http "$P" GET "/cases?lang=en&per=10"
expect_code 200 "the case list"
grep -q 'id="cases-csv" download href="/cases.csv?per=10"' "$T/body" &&
	ok "it links the CSV of the same filters (no page, no language)" ||
	not_ok "CSV link: $(grep -o 'id="cases-csv"[^>]*' "$T/body")"
http "$P" GET "/cases.csv?lang=en"
expect_code 200 "a prosecutor downloads her cases as CSV"
grep -qi '^content-type: text/csv' "$T/hdr" && grep -qi '^content-disposition: attachment; filename="khipu-cases.csv"' "$T/hdr" &&
	ok "as a CSV attachment" || not_ok "headers: $(cat "$T/hdr")"
head -1 "$T/body" | grep -q '^Number,Office,Complaint date,Region code,Region,Stage code,Stage,Term due,Victims,Suspects,Assigned to' &&
	ok "its header in the user's words" || not_ok "header: $(head -1 "$T/body")"
MDD=$(db_sql "SELECT id FROM offices WHERE code = 'FEPMTP-MDD'")
want=$(db_sql "SELECT count(*) FROM cases WHERE office_id = $MDD OR id IN (SELECT case_id FROM case_shares WHERE office_id = $MDD)")
got=$(($(wc -l <"$T/body") - 1))
[ "$got" = "$want" ] && [ "$got" -gt 0 ] && ok "every case of her office ($got)" ||
	not_ok "rows $got, cases of her office $want"
others=$(tail -n +2 "$T/body" | cut -d, -f2 | grep -vc '^FEPMTP-MDD$')
[ "$others" = 0 ] && ok "and no case of another office" || not_ok "$others rows of other offices"
grep -q "2024-0314-FEPMTP-MDD,FEPMTP-MDD,2024-03-02,17,Madre de Dios,formalised_investigation," "$T/body" &&
	ok "a row: number, office, ISO date, region code and name, stage code and name" ||
	not_ok "row: $(grep 2024-0314 "$T/body")"
grep -q 'Quispe\|Pérez\|Testa' "$T/body" && not_ok "a name in the CSV" || ok "no name in the CSV"
http "$P" GET "/cases.csv?stage=formalised_investigation&sort=number"
want=$(db_sql "SELECT count(*) FROM cases WHERE office_id = $MDD AND stage = 'formalised_investigation'")
got=$(($(wc -l <"$T/body") - 1))
[ "$got" = "$want" ] && ok "the stage filter holds ($got)" || not_ok "filtered rows $got, want $want"
tail -n +2 "$T/body" | cut -d, -f1 >"$T/order"
sort "$T/order" | cmp -s - "$T/order" && ok "in the list's order (by number)" || not_ok "order"
http "$P" GET "/cases.csv?office=FEPMTP-SMA"
expect_code 400 "an office she may not list is refused"
grep -q 'role="alert"' "$T/body" && ok "in words" || not_ok "message"
http "$A" GET "/cases.csv?per=10&page=2"
want=$(db_sql "SELECT count(*) FROM cases")
got=$(($(wc -l <"$T/body") - 1))
[ "$got" = "$want" ] && [ "$got" -gt 10 ] && ok "every page of the list, not the one shown ($got)" ||
	not_ok "analyst rows $got, cases $want"
http "$A" GET "/cases.csv?region=17"
expect_code 200 "the analyst's CSV is national"
want=$(db_sql "SELECT count(*) FROM cases WHERE substr(place_ubigeo, 1, 2) = '17'")
got=$(($(wc -l <"$T/body") - 1))
[ "$got" = "$want" ] && [ "$got" -gt 0 ] && ok "of every office, by region ($got)" ||
	not_ok "analyst rows $got, want $want"
http "" GET "/cases.csv"
[ "$code" = 303 ] || [ "$code" = 401 ] && ok "nothing without signing in ($code)" || not_ok "anonymous CSV: $code"

# ---- the workbook of the standard tables ----
http "$A" GET "/stats?lang=en&office=FEPMTP-MDD"
grep -q 'id="workbook" download href="/stats.xlsx?office=FEPMTP-MDD' "$T/body" &&
	ok "the dashboard links the workbook of its filters" ||
	not_ok "workbook link: $(grep -o 'id="workbook"[^>]*' "$T/body")"
n0=$(db_sql "SELECT count(*) FROM audit WHERE action = 'data.export'")
http "$A" GET "/stats.xlsx?from=2020&office=FEPMTP-MDD"
expect_code 200 "the analyst downloads the workbook"
grep -qi '^content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' "$T/hdr" &&
	[ "$(head -c 2 "$T/body")" = PK ] && ok "an XLSX file" || not_ok "not an XLSX: $(head -c 20 "$T/body" | od -c | head -2)"
[ "$(db_sql "SELECT count(*) FROM audit WHERE action = 'data.export'")" = $((n0 + 1)) ] &&
	db_sql "SELECT detail FROM audit WHERE action = 'data.export' ORDER BY seq DESC LIMIT 1" | grep -q 'FEPMTP-MDD' &&
	ok "audited as an export, with its filters" || not_ok "audit of the workbook"
if command -v python3 >/dev/null && python3 -c 'import zipfile' 2>/dev/null; then
	python3 - "$T/body" <<'PY' && ok "its sheets hold the tables" || not_ok "workbook content"
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
sheets = [n for n in z.namelist() if n.startswith('xl/worksheets/sheet')]
assert len(sheets) >= 5, sheets
PY
fi
ls "${TMPDIR:-/tmp}" | grep -q "^khipu-xlsx-" && not_ok "a temporary directory left behind" ||
	ok "no temporary file left behind"
http "$P" GET "/stats.xlsx"
expect_code 403 "a prosecutor may not export"
http "$P" GET "/stats?lang=en"
grep -q 'id="workbook"' "$T/body" && not_ok "the workbook offered to a prosecutor" || ok "nor is it offered to her"
http "$A" GET "/stats.xlsx?from=20x"
expect_code 400 "a bad filter is refused"

# ---- a payment of the civil reparation on the case page ----
http "$P" GET "/cases/$C?lang=en"
grep -q 'section id="payment" class="form-part"' "$T/body" && ok "the case page has the payment form" ||
	not_ok "payment form"
grep -o '<select id="pay-suspect"[^/]*' "$T/body" | grep -q "value=\"$SUS\"" &&
	! grep -o '<select id="pay-suspect".*</select>' "$T/body" | grep -q "value=\"$SUS2\"" &&
	ok "offering the suspect with a reparation ordered, not the other" || not_ok "suspects offered"
CS=$(csrf_of "$P" "/cases/$C")
pay() { http "$P" POST "/cases/$C/outcome?lang=en" --data-urlencode "csrf=$CS" "$@"; }
v0=$(version)
pay -d "paid_suspect=$SUS" -d paid_date=2024-12-01 --data-urlencode "paid=12.500,50" -d paid_reason=voucher
expect_code 303 "a payment written 12.500,50 is recorded"
[ "$(payments)" = 1 ] && [ "$(version)" = $((v0 + 1)) ] &&
	[ "$(db_sql "SELECT date, amount_cents FROM reparation_payments WHERE participation_id = $PART")" = "2024-12-01,1250050" ] &&
	ok "one payment of 1250050 céntimos, one revision" || not_ok "payments $(payments), version $(version)"
pay -d "paid_suspect=$SUS" -d paid_date=2025-01-10 --data-urlencode "paid=1,000.25"
expect_code 303 "and one written 1,000.25"
http "$P" GET "/cases/$C?lang=en"
grep -q 'Civil reparation paid: 13,500.75 PEN of 20,000 PEN' "$T/body" &&
	ok "the page adds them up against the order" || not_ok "paid: $(grep -o 'Civil reparation paid[^<]*' "$T/body")"
n=$(payments); v=$(version)
pay -d "paid_suspect=$SUS" -d paid_date=2025-02-01 -d paid=9000
expect_code 422 "a payment beyond the order is refused"
grep -q 'id="payment-error">Amount paid:' "$T/body" && ok "beside the payment form, in its words" ||
	not_ok "message: $(grep -o 'role="alert"[^<]*' "$T/body")"
grep -q -- '--paid\|--date' "$T/body" && not_ok "a command-line option named" || ok "no command-line option named"
grep -q 'name="paid" inputmode="decimal" maxlength="20" required value="9000"' "$T/body" &&
	ok "what was typed is kept" || not_ok "kept"
pay -d "paid_suspect=$SUS2" -d paid_date=2025-02-01 -d paid=10
expect_code 422 "a payment with no order is refused"
pay -d "paid_suspect=$SUS" -d paid_date=2025-02-01 -d paid=diez
expect_code 422 "an amount that is not one"
grep -q 'Amount paid: write the amount as' "$T/body" && ok "said how to write it" || not_ok "amount message"
[ "$(payments)" = "$n" ] && [ "$(version)" = "$v" ] && ok "nothing written by a refusal" ||
	not_ok "payments $(payments) (was $n)"
http "$P" POST "/cases/$C/outcome" -d "paid_suspect=$SUS" -d paid_date=2025-02-01 -d paid=10
expect_code 403 "no payment without the form's token"
http "$A" POST "/cases/$C/outcome" --data-urlencode "csrf=$(csrf_of "$A" "/cases/$C")" \
	-d "paid_suspect=$SUS" -d paid_date=2025-02-01 -d paid=10
expect_code 403 "an analyst may not record one"
[ "$(payments)" = "$n" ] && ok "still $n payments" || not_ok "payments $(payments)"

# ---- breadcrumbs and the current menu entry ----
http "$P" GET "/cases/$C?lang=en"
grep -q '<nav class="crumbs" aria-label="Breadcrumb"><ol><li><a href="/">Start</a></li><li><a href="/cases">Cases</a></li><li aria-current="page">Case 2024-0314-FEPMTP-MDD</li></ol></nav>' "$T/body" &&
	ok "a case page says where it is: Start › Cases › the case" || not_ok "crumbs: $(grep -o '<nav class="crumbs".*</nav>' "$T/body" | head -c 400)"
grep -q '<li><a href="/cases" aria-current="page">Cases</a></li>' "$T/body" && ok "the menu marks Cases" ||
	not_ok "menu entry"
http "$P" GET "/cases/$C/edit?lang=en"
grep -q "<li><a href=\"/cases/$C\">Case 2024-0314-FEPMTP-MDD</a></li><li aria-current=\"page\">Edit case" "$T/body" &&
	ok "the edit form's crumbs lead back to its case" || not_ok "edit crumbs"
http "$P" GET "/cases?lang=en"
grep -q 'class="crumbs"' "$T/body" && not_ok "crumbs on a menu entry's own page" || ok "none on the menu's own pages"

stop_server
done_testing
