#!/bin/sh
# t0523 — khipu dedup over the register's sealed persons: a victim
# registered twice in Madre de Dios (another spelling, no document the
# second time) is found as a pair with its agreement pattern; names are
# masked (never in clear), analysts may not run it, the run is audited
# without a value, a threshold outside (0,1) is refused.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
fresh_demo 5
expect 0 "the first case" -- case add --as demo-prosecutor --json "$DOC"
jq '.number = "2024-0190-FEPMTP-MDD" | .persons = [.persons[0] | .name = "Rosalinda Cahuana Tito" |
	del(.doc_number, .doc_type, .identifiers)]' "$DOC" >"$T/again.json"
expect 0 "the same victim again, spelt otherwise, no document" -- case add --as demo-prosecutor \
	--json "$T/again.json"

expect 0 "dedup as the prosecutor" -- dedup --as demo-prosecutor --format json
jq -e '[.[] | select([.a.case, .b.case] | sort == ["2024-0153-FEPMTP-MDD", "2024-0190-FEPMTP-MDD"])
	| select(.levels.name != "exact" and .levels.name != "different" and .levels.birth_date == "exact"
	and .levels.doc_number == "missing" and .probability >= 0.9)] | length == 1' "$T/out" >/dev/null &&
	ok "the victim registered twice is a pair (name near, birth date exact, no document)" ||
	not_ok "pair not found: $(head -c 400 "$T/out")"
grep -qi "rosalinda\|ccahuana\|cahuana" "$T/out" && not_ok "a name in clear" || ok "names masked"
jq -e 'all(.[]; (.a.name == null or (.a.name | test("\\*"))) and has("levels") and has("match_weight"))' \
	"$T/out" >/dev/null && ok "JSON: masked names, levels, weights" || not_ok "JSON shape: $(head -c 300 "$T/out")"
expect 0 "as a table" -- dedup --as demo-prosecutor
expect_out "name=" "the table shows the agreement pattern"
expect_err "candidate pairs compared" "a summary on standard error"

expect 4 "analysts may not run it" -- dedup --as demo-analyst
expect 2 "a threshold of 1" -- dedup --as demo-prosecutor --threshold 1
expect 2 "a threshold that is no number" -- dedup --as demo-prosecutor --threshold x

expect 0 "audit show" -- audit show --as demo-auditor --format json
jq -e '[.[] | select(.action == "person.search" and (.detail // "" | test("dedup")))] | length >= 2' "$T/out" \
	>/dev/null && ok "each run audited" || not_ok "dedup runs not in the audit trail"
grep -qi "rosalinda\|cahuana\|71234567" "$T/out" && not_ok "a value in the audit trail" ||
	ok "no value in the audit trail"
expect 0 "dedup --help" -- dedup --help
expect_out "memory" "--help says identities are opened in memory only"
done_testing
