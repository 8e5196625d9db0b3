#!/bin/sh
# t0153 — codebook corrections (issue 10, item 7) and the migrations that
# carry them: the related offences that repeated an article of the Título
# I-A are no longer offered, and a register that held them reads them as the
# article (by the complaint's date against Ley 31146) after migration 0016;
# slavery and servitude share one ICCS code; a migration numbered below one
# a register already has is still applied (parallel branches reserve
# numbers, so one can land after a higher one).
. "$KHIPU_LIB"

fresh_demo 5
P="--as demo-prosecutor"

# ---- what the codebook offers ----
run codebook related_offence --format csv
for code in forced_labour child_sexual_exploitation child_pornography; do
	grep -q "^$code," "$T/out" && not_ok "related offence '$code' is no longer offered" ||
		ok "related offence '$code' is no longer offered (an article of the Título I-A)"
done
run codebook exploitation --format json
python3 - "$T/out" <<'PY' && ok "slavery and servitude share ICCS 02042 with forced labour" || not_ok "ICCS of slavery"
import json, sys
e = {x["code"]: x for x in json.load(open(sys.argv[1]))["exploitation"]}
assert e["slavery"]["iccs"] == e["servitude"]["iccs"] == e["forced_labour"]["iccs"] == "02042", e["slavery"]
assert e["slavery"]["ctdc"] == e["servitude"]["ctdc"] == "isSlaveryAndPractices"
PY
cat > "$T/case.json" <<'JSON'
{"number": "2024-0960-FEPMTP-MDD", "office": "FEPMTP-MDD", "complaint_date": "2024-05-02",
 "complaint_source": "police_report", "place": {"country": "PE", "ubigeo": "170101"},
 "offences": ["cp_129a"], "related_offences": ["forced_labour"],
 "persons": [{"role": "victim", "name": "Elmer Cusi Quispe", "sex": "male"}]}
JSON
expect 2 "a new document naming a removed related offence is refused" -- case add $P --json "$T/case.json"
expect_err "related_offences\[0\]: unknown code 'forced_labour'" "names the field"

# ---- a register written before the correction ----
sed 's/"related_offences": \["forced_labour"\]/"related_offences": ["organised_crime"]/' "$T/case.json" >"$T/new.json"
NEW=$("$KHIPU" case add $P --json "$T/new.json")
sed -e 's/0960/0961/' -e 's/"2024-05-02"/"2019-08-14"/' \
	-e 's/"cp_129a"\]/"cp_153"]/' -e 's/"related_offences": \["forced_labour"\]/"related_offences": ["organised_crime"]/' \
	"$T/case.json" >"$T/old.json"
OLD=$("$KHIPU" case add $P --json "$T/old.json")
[ -n "$NEW" ] && [ -n "$OLD" ] && ok "two cases, 2024 and 2019" || not_ok "cases registered"
# as the register held them before migration 0016: the related codes, and
# the new case already holding 129-O among its offences too
db_sql "INSERT INTO case_codes(case_id, dim, code, pos) VALUES
	($NEW, 'related_offence', 'forced_labour', 1), ($NEW, 'related_offence', 'child_pornography', 2),
	($NEW, 'offence', 'cp_129o', 1),
	($OLD, 'related_offence', 'forced_labour', 1), ($OLD, 'related_offence', 'child_sexual_exploitation', 2)" >/dev/null
db_sql "DELETE FROM schema_migrations WHERE version = 16" >/dev/null
[ "$(db_sql "SELECT count(*) FROM schema_migrations WHERE version = 16")" = 0 ] &&
	[ "$(db_sql "SELECT max(version) FROM schema_migrations")" -gt 0 ] &&
	ok "the register misses migration 0016 below its highest" || not_ok "setup of the gap"

run case show "$NEW" $P --format json   # any command opens and migrates the register
[ "$rc" = 0 ] && ok "the register opens" || not_ok "the register opens (exit $rc)"
[ "$(db_sql "SELECT count(*) FROM schema_migrations WHERE version = 16")" = 1 ] &&
	ok "the missing migration was applied" || not_ok "the missing migration was applied"
python3 - "$T/out" <<'PY' && ok "2024: forced labour read as 129-O (once), child pornography as 129-M" || not_ok "2024 case mapped"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["offences"] == ["cp_129a", "cp_129o", "cp_129m"], c["offences"]
assert c["related_offences"] == ["organised_crime"], c["related_offences"]
PY
run case show "$OLD" $P --format json
python3 - "$T/out" <<'PY' && ok "2019: read as the old articles 168-B and 153-H" || not_ok "2019 case mapped"
import json, sys
c = json.load(open(sys.argv[1]))
assert c["offences"] == ["cp_153", "cp_168b", "cp_153h"], c["offences"]
assert c["related_offences"] == ["organised_crime"], c["related_offences"]
PY
[ "$(db_sql "SELECT count(*) FROM case_codes WHERE dim = 'related_offence' AND code IN ('forced_labour', 'child_pornography', 'child_sexual_exploitation')")" = 0 ] &&
	ok "no removed code is left in the register" || not_ok "removed codes left"
run case show "$NEW" $P --format json
cp "$T/out" "$T/shown.json"
expect 0 "the mapped case can be amended as shown" -- case update "$NEW" $P --json "$T/shown.json" --reason "codes"
expect 0 "the audit chain still verifies" -- audit verify --as demo-auditor
done_testing
