#!/bin/sh
# t0141 — who works on a case (issue 9 item 4): `case assign` to a prosecutor
# of the case's own office and `case transfer` to another office, with every
# refusal the issue lists writing nothing; `case list --assigned-to`; the
# audit trail; the statistics by office and the workload (open cases by
# assignee and stage) against counts computed here straight from the tables.
. "$KHIPU_LIB"
DATA="$(dirname "$KHIPU_LIB")/data"

fresh_demo 30
P="--as demo-prosecutor"
adduser() { echo "pw-$1-2024" | "$KHIPU" user add "$1" --role "$2" --office "$3" --as demo-admin >/dev/null ||
	not_ok "user $1 added"; }
adduser rosa prosecutor FEPMTP-MDD
adduser lucho prosecutor FEPMTP-MDD
adduser inti prosecutor FEPMTP-CUS
adduser quispe police FEPMTP-CUS
"$KHIPU" user lock lucho --as demo-admin >/dev/null

# two cases of our own: one plain, one shared with Cusco
python3 - "$DATA/case-mdd.json" "$T" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1])); out = sys.argv[2]
json.dump(dict(doc, number="2024-7001-FEPMTP-MDD"), open(out + "/a.json", "w"))
json.dump(dict(doc, number="2024-7002-FEPMTP-MDD", shared_with=["FEPMTP-CUS"]), open(out + "/b.json", "w"))
PY
A=$("$KHIPU" case add $P --json "$T/a.json") || not_ok "case A registered"
B=$("$KHIPU" case add $P --json "$T/b.json") || not_ok "case B registered"

assigned() { db_sql "SELECT coalesce(u.name, '-') FROM cases c LEFT JOIN users u ON u.id = c.assigned_to WHERE c.id = $1"; }
audits() { db_sql "SELECT count(*) FROM audit WHERE action = '$1'"; }

# ---- assigning ----
expect 0 "a prosecutor assigns a case of her office to a colleague" -- case assign "$A" $P --to rosa
expect_out "assigned to 'rosa'" "says to whom"
[ "$(assigned "$A")" = rosa ] && ok "the case names its assignee" || not_ok "the case names its assignee ($(assigned "$A"))"
[ "$(audits case.assign)" = 1 ] && ok "the assignment is audited" || not_ok "the assignment is audited"
run audit show --as demo-auditor --format json
python3 - "$T/out" "$A" <<'PY' && ok "audit: case.assign names the case and the assignee, no identity" || not_ok "audit: case.assign entry"
import json, sys
e = [x for x in json.load(open(sys.argv[1])) if x["action"] == "case.assign"]
d = json.loads(e[-1]["detail"]) if isinstance(e[-1]["detail"], str) else e[-1]["detail"]
assert e[-1]["object"] == "case:" + sys.argv[2] and d["assignee"] == "rosa" and d["previous"] is None, e[-1]
PY

before=$(audits case.assign)
expect 2 "refused: a prosecutor of another office" -- case assign "$A" $P --to inti
expect_err "assignee: user 'inti' is a prosecutor of another office" "names the field and why"
expect 2 "refused: a police officer is no assignee" -- case assign "$A" $P --to demo-police
expect_err "is police, not a prosecutor" "says the role is wrong"
expect 2 "refused: a locked prosecutor" -- case assign "$A" $P --to lucho
expect_err "user 'lucho' is locked" "says the user is locked"
expect 2 "refused: an unknown user" -- case assign "$A" $P --to nadie
expect_err "unknown user 'nadie'" "names the unknown user"
expect 4 "the police do not assign cases" -- case assign "$A" --as demo-police --to rosa
expect_err "may not 'case.assign'; roles that may: prosecutor" "the refusal names who may"
expect 4 "a prosecutor of another office may not assign" -- case assign "$A" --as inti --to inti
expect 4 "nor may one whose office the case is only shared with" -- case assign "$B" --as inti --to inti
expect_err "even one shared with yours" "the refusal says a share is not enough"
run case show "$B" --as inti
[ "$rc" = 0 ] && ok "(that office does read the shared case)" || not_ok "the shared case is readable by Cusco"
expect 2 "--to and --nobody together are a usage error" -- case assign "$A" $P --to rosa --nobody
[ "$(assigned "$A")" = rosa ] && [ "$(audits case.assign)" = "$before" ] &&
	ok "refusals write nothing" || not_ok "refusals write nothing ($(assigned "$A"))"

# ---- the list by assignee ----
expect 0 "case B to demo-prosecutor" -- case assign "$B" $P --to demo-prosecutor
run case list --as rosa --assigned-to me --format json
python3 - "$T/out" "$A" <<'PY' && ok "--assigned-to me: exactly rosa's cases" || not_ok "--assigned-to me"
import json, sys
rows = json.load(open(sys.argv[1]))
assert [r["id"] for r in rows] == [int(sys.argv[2])] and rows[0]["assigned_to"] == "rosa", rows
PY
run case list $P --assigned-to rosa --format csv
[ "$(tail -n +2 "$T/out" | wc -l)" = 1 ] && expect_out ",rosa" "--assigned-to USER, with the assignee column" ||
	not_ok "--assigned-to USER lists one case"
run case list $P --assigned-to nobody --format json
want=$(db_sql "SELECT count(*) FROM cases c JOIN offices o ON o.id = c.office_id WHERE o.code = 'FEPMTP-MDD' AND c.assigned_to IS NULL")
got=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$T/out")
[ "$got" = "$want" ] && ok "--assigned-to nobody: the office's unassigned cases ($got)" ||
	not_ok "--assigned-to nobody: $got, wanted $want"
expect 2 "--assigned-to an unknown user is refused" -- case list $P --assigned-to nadie
expect_err "--assigned-to: unknown user 'nadie'" "names the option and the user"
expect 0 "--nobody unassigns" -- case assign "$B" $P --nobody
[ "$(assigned "$B")" = - ] && ok "case B is assigned to nobody" || not_ok "case B is assigned to nobody"

# ---- the workload: open cases by assignee and stage ----
# assign a few demo cases of the office, so that the grouping has something
for id in $(db_sql "SELECT c.id FROM cases c JOIN offices o ON o.id = c.office_id WHERE o.code = 'FEPMTP-MDD' AND c.synthetic = 1 ORDER BY c.id LIMIT 3"); do
	"$KHIPU" case assign "$id" $P --to demo-prosecutor >/dev/null || not_ok "assign demo case $id"
done
# same_as WHAT SQL -- khipu stats ...: the csv body equals the SQL's rows
same_as() {
	what=$1; sql=$2; shift 3
	run "$@" --format csv
	if [ "$rc" != 0 ]; then not_ok "$what (exit $rc)"; sed 's/^/    # /' "$T/err" | head -3; return; fi
	tail -n +2 "$T/out" | tr -d '\r' >"$T/got"
	db_sql "$sql" >"$T/want"
	if [ -s "$T/want" ] && cmp -s "$T/got" "$T/want"; then ok "$what"; else
		not_ok "$what"; diff "$T/want" "$T/got" | head -5 | sed 's/^/    # /'
	fi
}
OPEN="c.stage NOT IN ('provisional_archive', 'archive', 'final_sentence')"
WL="SELECT u.name, c.stage, count(*) FROM cases c LEFT JOIN users u ON u.id = c.assigned_to WHERE $OPEN GROUP BY 1, 2 ORDER BY u.name IS NOT NULL, u.name, 2"
same_as "open cases by assignee and stage = the tables" "$WL" -- stats --as demo-analyst --measure open_cases --by assignee,stage
same_as "the same for an office head (a prosecutor), one office" \
	"SELECT u.name, c.stage, count(*) FROM cases c JOIN offices o ON o.id = c.office_id LEFT JOIN users u ON u.id = c.assigned_to WHERE $OPEN AND o.code = 'FEPMTP-MDD' GROUP BY 1, 2 ORDER BY u.name IS NOT NULL, u.name, 2" \
	-- stats $P --measure open_cases --by assignee,stage --where office=FEPMTP-MDD
same_as "cases by assignee (all, closed included)" \
	"SELECT u.name, count(*) FROM cases c LEFT JOIN users u ON u.id = c.assigned_to GROUP BY 1 ORDER BY u.name IS NOT NULL, u.name" \
	-- stats --as demo-analyst --measure cases --by assignee
run stats --as demo-analyst --measure victims --by assignee
[ "$rc" = 2 ] && ok "assignee does not apply to victims" || not_ok "assignee does not apply to victims (exit $rc)"

# ---- transferring ----
ROWS="SELECT o.code, count(*) FROM cases c JOIN offices o ON o.id = c.office_id GROUP BY 1 ORDER BY 1"
VROWS="SELECT o.code, count(*) FROM participations p JOIN cases c ON c.id = p.case_id JOIN offices o ON o.id = c.office_id WHERE p.role = 'victim' GROUP BY 1 ORDER BY 1"
# the facts are derived before the transfer, so that they must move
same_as "before: cases by office (cube)" "$ROWS" -- stats --as demo-analyst --measure cases --by office
events=$(db_sql "SELECT count(*) FROM events WHERE case_id = $A")
before=$(audits case.transfer)
expect 2 "refused: an unknown office" -- case transfer "$A" $P --to FEPMTP-XYZ --reason "competencia"
expect_err "office: unknown office 'FEPMTP-XYZ'" "names the field and the office"
expect 2 "refused: the same office" -- case transfer "$A" $P --to FEPMTP-MDD --reason "competencia"
expect_err "is already with office 'FEPMTP-MDD'" "says it is the same office"
expect 2 "refused: no reason" -- case transfer "$A" $P --to FEPMTP-CUS
expect_err "--reason TEXT is required" "names the option"
expect 2 "refused: a blank reason" -- case transfer "$A" $P --to FEPMTP-CUS --reason "   "
expect_err "reason: missing" "names the field"
expect 4 "the police do not transfer cases" -- case transfer "$A" --as demo-police --to FEPMTP-CUS --reason "x"
expect 4 "an office the case is shared with may not transfer it" -- case transfer "$B" --as inti --to FEPMTP-LIM --reason "x"
[ "$(audits case.transfer)" = "$before" ] && [ "$(db_sql "SELECT o.code FROM cases c JOIN offices o ON o.id = c.office_id WHERE c.id = $A")" = FEPMTP-MDD ] &&
	ok "refused transfers write nothing" || not_ok "refused transfers write nothing"

expect 0 "a prosecutor transfers a case to Cusco" -- case transfer "$A" $P --to FEPMTP-CUS --reason "hechos ocurridos en Cusco"
expect_out "transferred to office 'FEPMTP-CUS'" "says where"
expect 4 "the sending office no longer sees it" -- case show "$A" $P
run case list $P --format json
grep -q "\"id\": $A," "$T/out" && not_ok "the sending office's list lacks it" || ok "the sending office's list lacks it"
expect 0 "the receiving office sees it" -- case show "$A" --as inti --format json
python3 - "$T/out" "$events" <<'PY' && ok "with its history, unassigned, and the transfer recorded" || not_ok "the case as received"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["office"] == "FEPMTP-CUS" and c["assigned_to"] is None, (c["office"], c["assigned_to"])
assert len(c["events"]) == int(sys.argv[2]) and len(c["persons"]) == 3, "history kept"
t = c["transfers"]
assert len(t) == 1 and t[0]["from"] == "FEPMTP-MDD" and t[0]["to"] == "FEPMTP-CUS" and t[0]["by"] == "demo-prosecutor", t
assert t[0]["reason"] == "hechos ocurridos en Cusco", t
PY
run case show "$A" --as quispe --format json
python3 -c "import json,sys; c=json.load(open(sys.argv[1])); assert c['transfers'][0]['reason'] == 'hechos ocurridos en Cusco'" "$T/out" &&
	ok "police of the receiving office read the case and its reason" || not_ok "police of Cusco read the case"
run case show "$A" --as demo-analyst --format json
python3 -c "import json,sys; c=json.load(open(sys.argv[1])); assert c['transfers'][0]['reason'] is None" "$T/out" &&
	ok "an analyst sees the transfer without its reason (free text)" || not_ok "analyst: reason hidden"
[ "$(count_rows case_transfers)" = 1 ] && ok "one transfer row" || not_ok "one transfer row"
db_sql "SELECT count(*) FROM sealed WHERE tbl = 'case_transfer' AND col = 'reason'" | grep -qx 1 &&
	ok "the reason is sealed" || not_ok "the reason is sealed"
if [ -z "$PGDB" ]; then
	grep -a -q "ocurridos en Cusco" "$KHIPU_DB" "$KHIPU_DB-wal" 2>/dev/null && not_ok "the reason is nowhere in clear" ||
		ok "the reason is nowhere in clear"
fi
[ "$(audits case.transfer)" = $((before + 1)) ] && ok "the transfer is audited" || not_ok "the transfer is audited"
db_sql "SELECT detail FROM audit WHERE action = 'case.transfer'" | grep -q "Cusco" &&
	not_ok "the audit entry holds no reason" || ok "the audit entry holds no reason"
# an assignment and a transfer are revisions of the case, in its history
expect 0 "the history of the transferred case" -- case history "$A" --as inti --reveal --format json
python3 - "$T/out" <<'PY' && ok "the history holds the assignment and the transfer with its reason" || not_ok "assignment and transfer in the history"
import json, sys
h = json.load(open(sys.argv[1]))
revs = h["revisions"]
paths = [[c["path"] for c in r["changes"]] for r in revs]
assign = [r for r, p in zip(revs, paths) if "assigned_to" in p]
move = [r for r, p in zip(revs, paths) if "office" in p]
assert assign and assign[0]["changes"][[c["path"] for c in assign[0]["changes"]].index("assigned_to")]["new"] == "rosa", paths
assert move and move[-1]["reason"] == "hechos ocurridos en Cusco", move
office = [c for c in move[-1]["changes"] if c["path"] == "office"][0]
assert office["old"] == "FEPMTP-MDD" and office["new"] == "FEPMTP-CUS", office
assert h["version"] == revs[-1]["version"] == len(revs), (h["version"], len(revs))
PY
expect 0 "Cusco assigns it to its own prosecutor" -- case assign "$A" --as inti --to inti

# a case shared with the receiving office: the share goes, the owner needs none
expect 0 "case B (shared with Cusco) transferred to Cusco" -- case transfer "$B" $P --to FEPMTP-CUS --reason "competencia territorial"
[ "$(db_sql "SELECT count(*) FROM case_shares WHERE case_id = $B")" = 0 ] &&
	ok "the new owner's share is dropped" || not_ok "the new owner's share is dropped"
expect 4 "and the sender keeps nothing unless shared" -- case show "$B" $P

# the statistics by office move with the case (cubes and facts alike)
same_as "after: cases by office (cube)" "$ROWS" -- stats --as demo-analyst --measure cases --by office
export KHIPU_STATS_NO_CUBE=1
same_as "after: cases by office (facts)" "$ROWS" -- stats --as demo-analyst --measure cases --by office
same_as "after: victims by office (facts)" "$VROWS" -- stats --as demo-analyst --by office
unset KHIPU_STATS_NO_CUBE
same_as "after: victims by office (cube)" "$VROWS" -- stats --as demo-analyst --by office
same_as "after: victims by office and stage (cube)" \
	"SELECT o.code, c.stage, count(*) FROM participations p JOIN cases c ON c.id = p.case_id JOIN offices o ON o.id = c.office_id WHERE p.role = 'victim' GROUP BY 1, 2 ORDER BY 1, 2" \
	-- stats --as demo-analyst --by office,stage
same_as "after: the workload follows the transfer" "$WL" -- stats --as demo-analyst --measure open_cases --by assignee,stage
for q in "--by office,sex" "--by exploitation,office" "--by means,office" "--measure cases --by aggravating,office" \
	"--by origin_region,office" "--measure convictions --by office,sex" "--measure prosecuted --by office"; do
	run stats --as demo-analyst $q --format csv
	cp "$T/out" "$T/cube"
	KHIPU_STATS_NO_CUBE=1 run stats --as demo-analyst $q --format csv
	cmp -s "$T/out" "$T/cube" && ok "after the transfer, cube = facts: $q" || not_ok "after the transfer, cube = facts: $q"
done
n=$(db_sql "SELECT count(*) FROM stat_cube WHERE n <= 0")
[ "$n" = 0 ] && ok "no empty or negative cube rows left" || not_ok "no empty or negative cube rows left ($n)"

# a transfer survives a backup and a restore
expect 0 "backup" -- backup --out "$T/b.db"
expect 0 "restore" -- restore --from "$T/b.db"
run case show "$A" --as inti --format json
python3 -c "import json,sys; c=json.load(open(sys.argv[1])); assert c['transfers'][0]['reason'] == 'hechos ocurridos en Cusco' and c['assigned_to'] == 'inti'" "$T/out" &&
	ok "transfer, reason and assignee after a restore" || not_ok "transfer and assignee after a restore"
done_testing
