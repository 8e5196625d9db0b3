#!/bin/sh
# t0003 — the audit trail: intact verifies; any tampering, deletion or
# reordering of a row makes 'audit verify' fail and name the first bad entry.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 5
"$KHIPU" case add --as demo-prosecutor --json "$DOC" >/dev/null 2>&1
"$KHIPU" case show 2024-0153-FEPMTP-MDD --as demo-prosecutor --reveal >/dev/null 2>&1
"$KHIPU" person search --as demo-prosecutor --name "Rosalinda Ccahuana" >/dev/null 2>&1
n=$(count_rows audit)
[ "$n" -ge 5 ] && ok "the trail has entries ($n)" || not_ok "the trail has entries ($n)"
expect 0 "an intact trail verifies" -- audit verify
expect 0 "an auditor verifies too" -- audit verify --as demo-auditor
expect 4 "an analyst may not read the trail" -- audit show --as demo-analyst

grep -a -q "Rosalinda\|Ccahuana" "$KHIPU_DB" && not_ok "no name in the audit" || true
sqlite3 "$KHIPU_DB" "SELECT actor||action||object||detail FROM audit" | grep -q "Rosalinda\|Ccahuana\|987654321" &&
	not_ok "the audit holds no identity" || ok "the audit holds no identity"

cp "$KHIPU_DB" "$T/pristine.db"
restore_db() { rm -f "$KHIPU_DB-wal" "$KHIPU_DB-shm"; cp "$T/pristine.db" "$KHIPU_DB"; }
tamper() {
	what=$1; sql=$2; bad=$3
	restore_db
	sqlite3 "$KHIPU_DB" "PRAGMA foreign_keys=OFF; $sql" || { not_ok "$what: sql failed"; return; }
	run audit verify
	if [ "$rc" = 8 ] && grep -q "entry $bad" "$T/err"; then ok "$what is detected at entry $bad"
	else not_ok "$what is detected at entry $bad (exit $rc: $(cat "$T/err"))"; fi
}
tamper "a changed detail" "UPDATE audit SET detail='{}' WHERE seq=3" 3
tamper "a changed actor" "UPDATE audit SET actor='someone' WHERE seq=2" 2
tamper "a changed action" "UPDATE audit SET action='case.read' WHERE seq=4" 4
tamper "a changed time" "UPDATE audit SET ts=ts+1 WHERE seq=1" 1
tamper "a deleted middle row" "DELETE FROM audit WHERE seq=3" 3
tamper "a deleted last row" "DELETE FROM audit WHERE seq=(SELECT max(seq) FROM audit)" "$n"
tamper "a deleted first row" "DELETE FROM audit WHERE seq=1" 1
tamper "two swapped rows" "UPDATE audit SET seq=-1 WHERE seq=2; UPDATE audit SET seq=2 WHERE seq=3; UPDATE audit SET seq=3 WHERE seq=-1" 2
tamper "a forged hash" "UPDATE audit SET hash=randomblob(32) WHERE seq=2" 2
tamper "an inserted row" "INSERT INTO audit SELECT $n+1, ts, actor, action, object, detail, key_id, hash, hash FROM audit WHERE seq=$n" "$((n + 1))"
restore_db
expect 0 "the pristine copy still verifies" -- audit verify
expect 0 "check verifies the trail too" -- check
# user text in an audit detail is escaped by jansson: a case number with a
# quote and a backslash leaves every entry parseable, the number exactly as given
OC=$(db_sql "SELECT o.code FROM offices o JOIN users u ON u.office_id = o.id WHERE u.name = 'demo-prosecutor'")
printf '{"number":"Q\\"7\\\\x","office":"%s","complaint_date":"2025-01-02","complaint_source":"police_report","place":{"country":"PE","ubigeo":"150101"},"offences":["cp_129a"]}' "$OC" >"$T/quote.json"
expect 0 "a case numbered with a quote and a backslash is registered" -- case add --as demo-prosecutor --json "$T/quote.json"
run audit show --format json
python3 -c 'import json,sys
d=json.load(open(sys.argv[1]))
det=[e["detail"] for e in d if e["action"]=="case.create"][-1]
det=det if isinstance(det,dict) else json.loads(det)
assert det["number"]=="Q\"7\\x", det' "$T/out" 2>/dev/null &&
	ok "its audit detail parses with the number exactly as given" || not_ok "audit detail with a quote"
done_testing
