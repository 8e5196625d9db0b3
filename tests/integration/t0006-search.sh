#!/bin/sh
# t0006 — person search through the blind indexes.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 50
"$KHIPU" case add --as demo-prosecutor --json "$DOC" >/dev/null
s() { run person search --as demo-prosecutor "$@" --format json; }
for q in "Rosalinda Ccahuana Ttito" "rosalinda ccahuana" "ROSALINDA CAHUANA TITO" "Ccahuana Ttito Rosalinda" \
	"Rosalynda Ccahuana"; do
	s --name "$q"
	grep -q '"number": "2024-0153-FEPMTP-MDD"' "$T/out" && ok "name search finds '$q'" ||
		not_ok "name search finds '$q'"
done
s --name "Wilfredo Sapana Quispeguaman"
grep -q '"role": "suspect"' "$T/out" && ok "phonetic match of a suspect (s/z, h/g)" ||
	not_ok "phonetic match of a suspect (s/z, h/g)"
s --name "Zzyzx Qwerty"
[ "$(tr -d ' \n' <"$T/out")" = "[]" ] && ok "an unknown name finds nobody" || not_ok "an unknown name finds nobody"
s --doc "71.234.567"
grep -q '"role": "victim"' "$T/out" && ok "document search normalises" || not_ok "document search normalises"
for p in "+51 987 654 321" "987654321" "0051987654321" "987-654-321"; do
	s --phone "$p"
	grep -q '"number": "2024-0153-FEPMTP-MDD"' "$T/out" && ok "phone search finds '$p'" ||
		not_ok "phone search finds '$p'"
done
grep -q "Rosalinda" "$T/out" && not_ok "search results are masked" || ok "search results are masked"
expect 4 "an analyst may not search persons" -- person search --as demo-analyst --name "Rosalinda"
expect 2 "two criteria at once are refused" -- person search --as demo-prosecutor --name a --phone 1
expect 2 "a phone with too few digits is refused" -- person search --as demo-prosecutor --phone 12
run audit show --as demo-auditor --format json
grep -q '"action": "person.search"' "$T/out" && ok "searches are audited" || not_ok "searches are audited"
grep -q "Rosalinda\|987654321" "$T/out" && not_ok "the audit holds no query" || ok "the audit holds no query"
done_testing
