#!/bin/sh
# t0530 — khipu person merge / unmerge and dedup reject (issue 12): the
# victim registered twice is made one (her participations and identifiers
# move, each case gets a revision, nothing is deleted), unmerge gives back
# exactly the rows the merge moved, a chain of merges is undone in order;
# a person with herself, a person of another office's case, an analyst,
# a person that does not exist are refused (the last two alike); a pair
# rejected is not proposed again; audited with ids only.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
fresh_demo 5
PO=$(db_sql "SELECT office_id FROM users WHERE name = 'demo-prosecutor'")
OTHER=$(db_sql "SELECT code FROM offices WHERE id <> $PO AND code <> 'FEPMTP-MDD' ORDER BY id LIMIT 1")
"$KHIPU" user add far-prosecutor --role prosecutor --office "$OTHER" >/dev/null <<PW
far-password-12
PW
expect 0 "the first case" -- case add --as demo-prosecutor --json "$DOC"
jq '.number = "2024-0190-FEPMTP-MDD" | .persons = [.persons[0] | .name = "Rosalinda Cahuana Tito" |
	del(.doc_number, .doc_type) | .identifiers = [{"kind": "email", "value": "rosa.c@example.org"}]]' \
	"$DOC" >"$T/again.json"
expect 0 "the same victim again, spelt otherwise" -- case add --as demo-prosecutor --json "$T/again.json"
jq --arg o "$OTHER" '.number = "2024-0200-FAR" | .office = $o | .persons = [.persons[1]]' "$DOC" >"$T/far.json"
expect 0 "another office's victim" -- case add --as far-prosecutor --json "$T/far.json"

person_of() {   # the first person of case NUMBER
	db_sql "SELECT p.person_id FROM participations p JOIN cases c ON c.id = p.case_id
		WHERE c.number = '$1' ORDER BY p.id LIMIT 1"
}
A=$(person_of 2024-0153-FEPMTP-MDD)
B=$(person_of 2024-0190-FEPMTP-MDD)
FAR=$(person_of 2024-0200-FAR)
MISSING=$(( $(db_sql "SELECT max(id) FROM persons") + 1000 ))
# a third person of the prosecutor's own cases only
C=$(db_sql "SELECT p.person_id FROM participations p JOIN cases c ON c.id = p.case_id
	WHERE c.office_id = $PO AND p.person_id NOT IN ($A, $B) AND NOT EXISTS (SELECT 1 FROM
	participations q JOIN cases d ON d.id = q.case_id WHERE q.person_id = p.person_id AND
	(d.office_id <> $PO OR EXISTS (SELECT 1 FROM case_shares s WHERE s.case_id = d.id)))
	ORDER BY p.person_id LIMIT 1")
[ -n "$A" ] && [ -n "$B" ] && [ -n "$FAR" ] && [ -n "$C" ] && ok "persons A=$A B=$B C=$C far=$FAR" ||
	not_ok "test persons ($A $B $C $FAR)"

rows() {   # who holds each participation and identifier
	db_sql "SELECT 'p', id, person_id FROM participations UNION ALL
		SELECT 'i', id, person_id FROM identifiers ORDER BY 1, 2"
}
rows >"$T/before"
V0=$(db_sql "SELECT sum(version) FROM cases")

expect 0 "dedup finds the pair" -- dedup --as demo-prosecutor --format json
jq -e --argjson a "$A" --argjson b "$B" '[.[] | select([.a.person_id, .b.person_id] | sort ==
	([$a, $b] | sort))] | length == 1' "$T/out" >/dev/null && ok "A and B are a candidate pair" ||
	not_ok "pair A B not proposed: $(head -c 300 "$T/out")"

# refusals
expect 2 "a person with herself" -- person merge "$A" "$A" --as demo-prosecutor
expect_err "herself" "the message says why"
expect 2 "an id that is no number" -- person merge "$A" x --as demo-prosecutor
expect_err "B:" "the message names B"
expect 4 "an analyst" -- person merge "$A" "$B" --as demo-analyst
expect 4 "another office's victim" -- person merge "$A" "$FAR" --as demo-prosecutor
far_err=$(sed "s/$FAR/N/" "$T/err")
expect 4 "a person that does not exist" -- person merge "$A" "$MISSING" --as demo-prosecutor
[ "$(sed "s/$MISSING/N/" "$T/err")" = "$far_err" ] &&
	ok "out of reach and missing get the same answer" || not_ok "answers differ: $far_err / $(cat "$T/err")"
expect 4 "the other office cannot take our victim either" -- person merge "$FAR" "$A" --as far-prosecutor
rows >"$T/now"
cmp -s "$T/before" "$T/now" && ok "nothing written by the refusals" || not_ok "refusals wrote"
[ "$(db_sql "SELECT count(*) FROM audit WHERE action = 'access.denied' AND
	detail LIKE '%person.merge%'")" -ge 3 ] && ok "refusals audited" || not_ok "refusals not audited"

# the merge
expect 0 "merge B into A" -- person merge "$A" "$B" --as demo-prosecutor --format json
jq -e --argjson a "$A" --argjson b "$B" '.kept == $a and .merged == $b and .participations == 1
	and .identifiers == 1 and .cases == 1' "$T/out" >/dev/null && ok "one participation, one identifier, one case moved" ||
	not_ok "merge output: $(cat "$T/out")"
[ "$(db_sql "SELECT count(*) FROM participations WHERE person_id = $B")" = 0 ] &&
[ "$(db_sql "SELECT count(DISTINCT case_id) FROM participations WHERE person_id = $A")" = 2 ] &&
	ok "A is in both cases, B in none" || not_ok "participations after merge"
[ "$(db_sql "SELECT count(*) FROM persons WHERE id = $B")" = 1 ] &&
[ "$(db_sql "SELECT count(*) FROM sealed WHERE tbl = 'person' AND row_id = $B")" -ge 1 ] &&
	ok "B's row and sealed identity kept" || not_ok "B lost"
[ "$(db_sql "SELECT sum(version) FROM cases")" = $((V0 + 1)) ] &&
	ok "the case touched has a new version (a revision)" || not_ok "versions $(db_sql "SELECT sum(version) FROM cases") vs $V0"
expect 0 "its history" -- case history 2024-0190-FEPMTP-MDD --as demo-prosecutor
expect_out "2" "the history lists the merge's revision"
expect 0 "dedup after the merge" -- dedup --as demo-prosecutor --format json
jq -e --argjson b "$B" '[.[] | select(.a.person_id == $b or .b.person_id == $b)] | length == 0' \
	"$T/out" >/dev/null && ok "B is proposed no more" || not_ok "B still proposed"
expect 4 "an officer of the other office may not undo it" -- person unmerge "$A" "$B" --as far-prosecutor

# a chain: A into C, then undone in order
expect 0 "merge A into C" -- person merge "$C" "$A" --as demo-prosecutor
expect 5 "undoing the first merge before the second is refused" -- person unmerge "$A" "$B" --as demo-prosecutor
expect_err "unmerge $C $A" "the message says what to undo first"
expect 0 "unmerge C A" -- person unmerge "$C" "$A" --as demo-prosecutor
expect 0 "unmerge A B" -- person unmerge "$A" "$B" --as demo-prosecutor --format json
jq -e '.participations == 1 and .identifiers == 1' "$T/out" >/dev/null && ok "unmerge reports the rows" ||
	not_ok "unmerge output: $(cat "$T/out")"
rows >"$T/now"
cmp -s "$T/before" "$T/now" && ok "every participation and identifier is back with its person" ||
	not_ok "rows differ after unmerge: $(diff "$T/before" "$T/now" | head -5)"
expect 3 "no merge in force any more" -- person unmerge "$A" "$B" --as demo-prosecutor

# a new participation of A after a merge stays with A
expect 0 "merge again" -- person merge "$A" "$B" --as demo-prosecutor
jq --argjson a "$A" '.number = "2024-0191-FEPMTP-MDD" | .persons = [{"role": "victim", "person_id": $a,
	"victim": {"exploitation": ["forced_labour"]}}]' "$DOC" >"$T/third.json"
expect 0 "a new case names A" -- case add --as demo-prosecutor --json "$T/third.json"
expect 0 "unmerge" -- person unmerge "$A" "$B" --as demo-prosecutor
[ "$(person_of 2024-0191-FEPMTP-MDD)" = "$A" ] && [ "$(person_of 2024-0190-FEPMTP-MDD)" = "$B" ] &&
	ok "B got back her own rows only" || not_ok "rows after the second unmerge"

# reject
expect 0 "reject the pair" -- dedup reject "$A" "$B" --as demo-prosecutor
expect 0 "dedup" -- dedup --as demo-prosecutor --format json
jq -e --argjson a "$A" --argjson b "$B" '[.[] | select([.a.person_id, .b.person_id] | sort ==
	([$a, $b] | sort))] | length == 0' "$T/out" >/dev/null && ok "a rejected pair is not proposed again" ||
	not_ok "rejected pair proposed"
expect 0 "rejecting twice is harmless" -- dedup reject "$B" "$A" --as demo-prosecutor
expect 4 "rejecting with another office's person" -- dedup reject "$A" "$FAR" --as demo-prosecutor

expect 0 "audit show" -- audit show --as demo-auditor --format json
jq -e '[.[] | select(.action == "person.merge")] | length == 3' "$T/out" >/dev/null &&
jq -e '[.[] | select(.action == "person.unmerge")] | length == 3' "$T/out" >/dev/null &&
jq -e '[.[] | select(.action == "dedup.reject")] | length == 2' "$T/out" >/dev/null &&
	ok "merges, unmerges and rejections audited" || not_ok "audit entries missing"
grep -qi "rosalinda\|cahuana\|71234567\|rosa.c@" "$T/out" && not_ok "an identity in the audit trail" ||
	ok "no identity in the audit trail"
expect 0 "check" -- check
expect 0 "audit verify" -- audit verify
expect 0 "person merge --help" -- person merge --help
expect_out "unmerge" "--help says how to undo"
done_testing
