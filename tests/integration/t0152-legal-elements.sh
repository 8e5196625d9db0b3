#!/bin/sh
# t0152 — the legal elements the observatory counts (issue 10, item 5): the
# means of art. 129-A on each victim, the victim's vulnerability, the case's
# aggravating circumstances (arts. 129-B, 129-Ñ). Recorded through the case
# document, the web form and the case page; bad codes and "no means needed"
# for an adult refused naming the field, writing nothing; `stats --by
# means|vulnerability|aggravating` equal to a count written here from the
# definitions of docs/statistics.md over the database's own rows, before and
# after an amendment.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 40
P="--as demo-prosecutor"
A="--as demo-analyst"

# ---- the statistics against their definition ----
# victims: each victim participation not marked removed counts once per code
# of the dimension it holds, once under "unknown" (empty) when it holds none;
# cases: the same with the case's codes.
victim_counts() {
	db_sql "SELECT coalesce(pc.code, ''), count(*) FROM participations p
		LEFT JOIN participation_codes pc ON pc.participation_id = p.id AND pc.dim = '$1'
		WHERE p.role = 'victim' AND p.removed_in IS NULL
		GROUP BY coalesce(pc.code, '') ORDER BY 1" | sed 's/^"",/,/' | LC_ALL=C sort
}
case_counts() {
	db_sql "SELECT coalesce(cc.code, ''), count(*) FROM cases c
		LEFT JOIN case_codes cc ON cc.case_id = c.id AND cc.dim = '$1'
		GROUP BY coalesce(cc.code, '') ORDER BY 1" | sed 's/^"",/,/' | LC_ALL=C sort
}
stats_counts() {
	"$KHIPU" stats $A --by "$1" --measure "$2" --format csv | tr -d '\r' | tail -n +2 | LC_ALL=C sort
}
check_stats() {
	victim_counts means >"$T/want"; stats_counts means victims >"$T/got"
	[ -s "$T/want" ] && diff "$T/want" "$T/got" >"$T/diff" && ok "victims by means: $1" ||
		{ not_ok "victims by means: $1"; sed 's/^/    # /' "$T/diff"; }
	victim_counts vulnerability >"$T/want"; stats_counts vulnerability victims >"$T/got"
	diff "$T/want" "$T/got" >"$T/diff" && ok "victims by vulnerability: $1" ||
		{ not_ok "victims by vulnerability: $1"; sed 's/^/    # /' "$T/diff"; }
	case_counts aggravating >"$T/want"; stats_counts aggravating cases >"$T/got"
	diff "$T/want" "$T/got" >"$T/diff" && ok "cases by aggravating circumstance: $1" ||
		{ not_ok "cases by aggravating circumstance: $1"; sed 's/^/    # /' "$T/diff"; }
}
[ "$(db_sql "SELECT count(*) FROM participation_codes WHERE dim = 'means'")" -gt 0 ] &&
[ "$(db_sql "SELECT count(*) FROM case_codes WHERE dim = 'aggravating'")" -gt 0 ] &&
	ok "the demo register records means and aggravating circumstances" ||
	not_ok "the demo records legal elements"
check_stats "the demo register"

# ---- recorded through the case document ----
cat > "$T/case.json" <<'JSON'
{
  "number": "2024-0950-FEPMTP-MDD", "office": "FEPMTP-MDD",
  "complaint_date": "2024-05-02", "complaint_source": "police_report",
  "place": {"country": "PE", "ubigeo": "170101"}, "offences": ["cp_129b"],
  "aggravating": ["several_victims", "victim_14_17_or_incapable"],
  "persons": [
    {"role": "victim", "name": "Yessenia Huamán Quispe", "sex": "female", "birth_date": "2008-02-11",
     "victim": {"age_at_recruitment": 16, "means": ["deception", "not_required_minor"],
                "vulnerability": ["mother_tongue_quechua", "poverty"]}},
    {"role": "victim", "name": "Maritza Condori Apaza", "sex": "female",
     "victim": {"age_at_recruitment": 23, "means": ["abuse_of_vulnerability", "payments"]}},
    {"role": "suspect", "name": "Wilber Cahuana Ttito", "sex": "male"}
  ]
}
JSON
C=$("$KHIPU" case add $P --json "$T/case.json") && ok "a case with means, vulnerability, aggravations" ||
	not_ok "case registered"
run case show "$C" $P --format json
python3 - "$T/out" <<'PY' && ok "case show gives them back" || not_ok "case show round trip"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["aggravating"] == ["several_victims", "victim_14_17_or_incapable"], c["aggravating"]
v0, v1 = c["persons"][0]["victim"], c["persons"][1]["victim"]
assert v0["means"] == ["deception", "not_required_minor"] and v0["vulnerability"] == ["mother_tongue_quechua", "poverty"], v0
assert v1["means"] == ["abuse_of_vulnerability", "payments"] and v1["vulnerability"] == [], v1
PY

# ---- refused, nothing written ----
python3 - "$T" <<'PY'
import json, sys
t = sys.argv[1]
d = json.load(open(t + "/case.json"))
d["number"] = "2024-0951-FEPMTP-MDD"
d["persons"][1]["victim"]["means"] = ["not_required_minor"]
json.dump(d, open(t + "/adult.json", "w"))
d = json.load(open(t + "/case.json"))
d["number"] = "2024-0952-FEPMTP-MDD"
d["persons"][0]["victim"]["vulnerability"] = ["poverty", "tall"]
json.dump(d, open(t + "/badvul.json", "w"))
d = json.load(open(t + "/case.json"))
d["number"] = "2024-0953-FEPMTP-MDD"
d["aggravating"] = ["public_office", "cp_129b"]
json.dump(d, open(t + "/badagg.json", "w"))
PY
cases=$(count_rows cases)
expect 2 "'no means required' for a victim recruited at 23 is refused" -- case add $P --json "$T/adult.json"
expect_err "persons\[1\].victim.means: 'not_required_minor' is for a victim under 18" "names the field and why"
expect 2 "an unknown vulnerability is refused" -- case add $P --json "$T/badvul.json"
expect_err "persons\[0\].victim.vulnerability\[1\]" "names the field"
expect_err "expected one of: disability, pregnancy" "lists the codes it takes"
expect 2 "an offence given as an aggravating circumstance is refused" -- case add $P --json "$T/badagg.json"
expect_err "aggravating\[1\]" "names the field"
[ "$(count_rows cases)" = "$cases" ] && ok "refused documents write nothing" || not_ok "refused documents write nothing"

# ---- amended: a revision, and the figures follow ----
run case show "$C" $P --format json
python3 - "$T/out" "$T/upd.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["aggravating"].append("two_or_more_offenders")
d["persons"][1]["victim"]["vulnerability"] = ["migrant_irregular"]
d["persons"][0]["victim"]["means"] = ["deception"]
json.dump(d, open(sys.argv[2], "w"))
PY
expect 0 "case update adds an aggravation, a vulnerability, removes a means" -- \
	case update "$C" $P --json "$T/upd.json" --reason "segundo investigado identificado"
run case history "$C" $P --format json
python3 - "$T/out" <<'PY' && ok "the history holds each change with its path" || not_ok "history of legal elements"
import json, sys
h = json.load(open(sys.argv[1]))
revs = h["revisions"] if isinstance(h, dict) else h
paths = [ch["path"] for r in revs for ch in r.get("changes", [])]
assert any(p.startswith("aggravating") for p in paths), paths
assert any("vulnerability" in p for p in paths), paths
assert any("means" in p for p in paths), paths
PY
check_stats "after the amendment"
run codebook means
expect_out "129-A(1)" "the codebook gives each means its article"

# ---- the web: the form offers them, the page shows them ----
start_server
login demo-prosecutor "$T/jar" >/dev/null
http "$T/jar" GET /cases/new
grep -q 'name="aggravating"' "$T/body" && grep -q 'name="v0_means"\|name="victim0_means"\|_means"' "$T/body" &&
	ok "the new-case form offers aggravations and means" || not_ok "new-case form fields"
http "$T/jar" GET "/cases/$C"
expect_code 200 "the case page opens"
grep -q "Pluralidad de víctimas" "$T/body" && grep -q "Cometido por dos o más personas" "$T/body" &&
	ok "the page shows the aggravating circumstances in words" || not_ok "aggravations on the page"
grep -q "Engaño" "$T/body" && grep -q "Migrante en situación irregular" "$T/body" &&
	ok "the page shows each victim's means and vulnerability" || not_ok "victim's legal elements on the page"
stop_server
done_testing
