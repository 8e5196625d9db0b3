#!/bin/sh
# t0201 — khipu migrate: an office's SQLite register moves to PostgreSQL
# whole (same case list, same searches, identities still sealed with the same
# key, the audit chain verifying with the move recorded), or not at all.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
[ -n "$PGDB" ] || { echo "skip: PostgreSQL only"; exit 77; }
SRC="$T/office.db"
PGURL=$KHIPU_DB
sq() { "$KHIPU" --db "$SRC" --key-file "$SRC.key" "$@"; }
pgk() { "$KHIPU" --db "$PGURL" --key-file "$SRC.key" "$@"; }

sq init >/dev/null && sq demo --cases 120 --seed 9 --password "$DEMO_PW" >/dev/null &&
	sq case add --as demo-prosecutor --json "$DOC" >/dev/null &&
	sq case event 2024-0153-FEPMTP-MDD --as demo-prosecutor --stage formalised_investigation --date 2024-05-02 >/dev/null &&
	sq case show 2024-0153-FEPMTP-MDD --as demo-prosecutor --reveal >/dev/null
[ $? = 0 ] && ok "an office register on SQLite" || not_ok "an office register on SQLite"
sq case list --as demo-analyst --format json >"$T/list-sqlite"
sq person search --as demo-prosecutor --name "rosalinda ccahuana" --format json >"$T/search-sqlite"
sq audit show --as demo-auditor --format json >"$T/audit-sqlite"

expect 2 "migrate needs --from and --to" -- migrate --from "sqlite:$SRC"
"$KHIPU" --db "$T/other.db" --key-file "$T/other.key" init >/dev/null
expect 7 "another register's key file is refused" -- migrate --from "sqlite:$SRC" --to "$PGURL" --key-file "$T/other.key"
[ "$(count_rows meta 2>/dev/null || echo 0)" = 0 ] && ok "nothing written after a refusal" ||
	not_ok "nothing written after a refusal"
unset KHIPU_KEY_FILE
expect 0 "migrate moves the register" -- migrate --from "sqlite:$SRC" --to "$PGURL"
expect_out "121 cases" "and reports the cases"
grep -q "%" "$T/err" && not_ok "no progress output when not on a terminal" || ok "no progress output when not on a terminal"
pgk case list --as demo-analyst --format json >"$T/list-pg"
cmp -s "$T/list-sqlite" "$T/list-pg" && ok "the same case list on PostgreSQL" || not_ok "the same case list on PostgreSQL"
pgk person search --as demo-prosecutor --name "rosalinda ccahuana" --format json >"$T/search-pg"
cmp -s "$T/search-sqlite" "$T/search-pg" && ok "the same search results (blind indexes moved)" ||
	not_ok "the same search results (blind indexes moved)"
pgk audit show --as demo-auditor --format json >"$T/audit-pg"
python3 - "$T/audit-sqlite" "$T/audit-pg" <<'PY' && ok "the audit trail moved entry for entry, the move recorded after it" || not_ok "the audit trail moved entry for entry"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
ok = b[:len(a)] == a and len(b) > len(a) and b[len(a)]["action"] == "system.migrate"
if not ok:
    print("# sqlite", len(a), a[-2:], "\n# pg", len(b), b[-3:])
sys.exit(0 if ok else 1)
PY
expect 0 "the audit chain verifies on PostgreSQL" -- --db "$PGURL" --key-file "$SRC.key" audit verify
expect 0 "and the register checks" -- --db "$PGURL" --key-file "$SRC.key" check
expect 0 "identities open with the same key" -- --db "$PGURL" --key-file "$SRC.key" case show 2024-0153-FEPMTP-MDD --as demo-prosecutor --reveal
expect_out "Rosalinda Ccahuana Ttito" "the revealed name"
expect 0 "new cases get new numbers after the moved ones" -- --db "$PGURL" --key-file "$SRC.key" case add --as demo-prosecutor --json - <<EOF2
$(sed 's/2024-0153-FEPMTP-MDD/2024-0999-FEPMTP-MDD/' "$DOC")
EOF2
[ "$(cat "$T/out")" = 122 ] && ok "the next id follows the highest moved" || not_ok "the next id follows the highest moved ($(cat "$T/out"))"
sq case list --as demo-analyst --format json >"$T/list-sqlite2"
cmp -s "$T/list-sqlite" "$T/list-sqlite2" && ok "the source is left as it was" || not_ok "the source is left as it was"

expect 5 "a database that holds a register is refused" -- migrate --from "sqlite:$SRC" --to "$PGURL"
expect_err "already holds a register" "and says so"

# all or nothing: the target fails half-way (a trigger refuses the 500th blind row)
pg_fresh
psql "$PGURL" -X -q -v ON_ERROR_STOP=1 >/dev/null 2>&1 <<'SQL'
CREATE TABLE trap_count (n int);
INSERT INTO trap_count VALUES (0);
CREATE FUNCTION trap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE trap_count SET n = n + 1;
	IF (SELECT n FROM trap_count) >= 500 THEN RAISE EXCEPTION 'disk on fire'; END IF;
	RETURN NEW;
END $$;
SQL
# the trigger needs the table: create the schema first through a refused run
expect 2 "a target with an unknown table is refused before anything moves" -- migrate --from "sqlite:$SRC" --to "$PGURL"
expect_err "trap_count" "naming the table"
psql "$PGURL" -X -q -v ON_ERROR_STOP=1 -c "DROP TABLE trap_count" -c "CREATE TEMP TABLE x (n int)" >/dev/null 2>&1
psql "$PGURL" -X -q -v ON_ERROR_STOP=1 >/dev/null 2>&1 <<'SQL'
CREATE SEQUENCE trap_seq;
CREATE OR REPLACE FUNCTION trap() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF nextval('trap_seq') >= 500 THEN RAISE EXCEPTION 'disk on fire'; END IF;
	RETURN NEW;
END $$;
CREATE TRIGGER trap BEFORE INSERT ON blind FOR EACH ROW EXECUTE FUNCTION trap();
SQL
run migrate --from "sqlite:$SRC" --to "$PGURL"
[ "$rc" != 0 ] && ok "a failure half-way fails the migration" || not_ok "a failure half-way fails the migration"
grep -q "disk on fire" "$T/err" && ok "with the server's reason" || not_ok "with the server's reason ($(cat "$T/err"))"
[ "$(count_rows cases)/$(count_rows sealed)/$(count_rows audit)/$(count_rows meta)" = "0/0/0/0" ] &&
	ok "nothing was written" || not_ok "nothing was written"
psql "$PGURL" -X -q -c "DROP TRIGGER trap ON blind" >/dev/null 2>&1
expect 0 "once the cause is gone the migration goes through" -- migrate --from "sqlite:$SRC" --to "$PGURL"
done_testing
