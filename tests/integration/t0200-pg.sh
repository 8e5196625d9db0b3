#!/bin/sh
# t0200 — a register on PostgreSQL: the key file must be named, clear errors
# for a server that cannot be reached, a wrong password, a missing database,
# a schema newer than the binary; no identity in the server's data (pg_dump)
# nor in its log; tampering with the audit table is detected; check finds a
# reference broken behind the server's back. Runs on the test server
# (KHIPU_TEST_BACKEND=pg).
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
[ -n "$PGDB" ] || { echo "skip: PostgreSQL only"; exit 77; }
sql() { psql "$KHIPU_DB" -X -q -v ON_ERROR_STOP=1 -tA -c "$1"; }

# the key file
(unset KHIPU_KEY_FILE; "$KHIPU" init >"$T/out" 2>"$T/err"; echo $? >"$T/rc")
[ "$(cat "$T/rc")" = 2 ] && ok "init on a server needs a named key file" ||
	not_ok "init on a server needs a named key file (exit $(cat "$T/rc"))"
expect_err "KHIPU_KEY_FILE" "the message says how to name it"
expect 0 "init on an empty database" -- init --admin ana --password-stdin <<EOF2
ana-password-2024
EOF2
expect_out "created register 'postgresql://" "init names the register"
perm=$(stat -c %a "$KEY")
[ "$perm" = 600 ] && ok "the key file is private" || not_ok "the key file is private ($perm)"
(unset KHIPU_KEY_FILE; "$KHIPU" user list --as ana >"$T/out" 2>"$T/err"; echo $? >"$T/rc")
[ "$(cat "$T/rc")" = 2 ] && ok "commands on a server need the key file too" ||
	not_ok "commands on a server need the key file too (exit $(cat "$T/rc"))"
expect 5 "a second init refuses an existing register" -- --key-file "$T/second.key" init
expect_err "already holds a register" "and says so"
[ ! -f "$T/second.key" ] && ok "no stray key left by a refused init" || not_ok "no stray key left by a refused init"
"$KHIPU" --db "$T/o.db" --key-file "$T/o.key" init >/dev/null
expect 7 "another register's key is refused" -- --key-file "$T/o.key" user list --as ana

# the server and the login
expect 6 "an unreachable server fails clearly" -- --db "postgresql://khipu:pw@/x?host=$T/nowhere" user list --as ana
expect_err "cannot reach PostgreSQL at" "the message names the server"
grep -q ":pw@" "$T/err" && not_ok "no password in the message" || ok "no password in the message"
psql "$KHIPU_TEST_PG_URL" -X -q -c "DROP ROLE IF EXISTS khipu_t0200" -c "CREATE ROLE khipu_t0200 LOGIN PASSWORD 'right-one'" >/dev/null 2>&1
bad=$(printf '%s' "$KHIPU_DB" | sed 's#://khipu@#://khipu_t0200:wrong-one@#')
expect 4 "a wrong password is refused" -- --db "$bad" user list --as ana
expect_err "refused the login" "the message says the login was refused"
grep -q "wrong-one" "$T/err" && not_ok "the password is not echoed" || ok "the password is not echoed"
psql "$KHIPU_TEST_PG_URL" -X -q -c "DROP ROLE khipu_t0200" >/dev/null 2>&1
expect 6 "a missing database is named" -- --db "$(pg_url khipu_t0200_none)" user list --as ana
expect_err "khipu_t0200_none\" does not exist" "the message names it"

psql "$KHIPU_TEST_PG_URL" -X -q -c "DROP DATABASE IF EXISTS ${PGDB}_ascii" \
	-c "CREATE DATABASE ${PGDB}_ascii ENCODING 'SQL_ASCII' TEMPLATE template0 LC_COLLATE 'C' LC_CTYPE 'C'" >/dev/null 2>&1
expect 6 "a database not in UTF8 is refused" -- --db "$(pg_url "${PGDB}_ascii")" --key-file "$T/ascii.key" init
expect_err "khipu needs UTF8" "saying what it needs"
psql "$KHIPU_TEST_PG_URL" -X -q -c "DROP DATABASE IF EXISTS ${PGDB}_ascii" >/dev/null 2>&1

# a server older than 13 (a fake one that only logs in, speaking the protocol)
mkdir -p "$T/old"
python3 "$(dirname "$KHIPU_LIB")/data/fake-pg-server.py" "$T/old" 12.3 >"$T/fake.out" 2>&1 &
i=0
while [ $i -lt 100 ] && ! grep -q ready "$T/fake.out"; do sleep 0.1; i=$((i + 1)); done
expect 6 "a server older than 13 is refused" -- --db "postgresql://khipu@/khipu?host=$T/old" user list --as ana
expect_err "is version 12.3; khipu needs 13 or newer" "saying which version it needs"
wait

# case data on the server, and what an attacker with the server's files sees
"$KHIPU" demo --cases 30 --seed 5 --password "$DEMO_PW" >/dev/null
expect 0 "a case registers" -- case add --as demo-prosecutor --json "$DOC"
expect 0 "and reads back revealed" -- case show 2024-0153-FEPMTP-MDD --as demo-prosecutor --reveal
expect_out "Rosalinda Ccahuana Ttito" "the revealed name"
expect 0 "person search through blind indexes" -- person search --as demo-prosecutor --phone 987654321
expect_out "2024-0153-FEPMTP-MDD" "finds the case by phone"
pg_dump "$KHIPU_DB" >"$T/dump.sql" 2>"$T/err"
[ -s "$T/dump.sql" ] && ok "pg_dump of the register" || not_ok "pg_dump of the register"
leaks=0
for needle in Rosalinda Ccahuana Huillca Zapana 71234567 40998877 987654321 "987 654 321" \
	"Las Orquideas" "El Chato" "Rescate en campamento" "Diligencias urgentes"; do
	grep -a -i -q -- "$needle" "$T/dump.sql" && { leaks=$((leaks + 1)); echo "# '$needle' in the dump"; }
done
[ "$leaks" = 0 ] && ok "no identity in clear in the server's data" || not_ok "identities in the dump: $leaks"

# tampering behind khipu's back
expect 0 "the trail verifies" -- audit verify
sql "UPDATE audit SET detail = '{}' WHERE seq = 3"
expect 8 "a changed audit row is detected" -- audit verify
expect_err "entry 3" "at the entry changed"
expect 8 "check fails on it too" -- check
expect 0 "backup still works to a file" -- backup --out "$T/b.db"
[ "$(sqlite3 "$T/b.db" "SELECT count(*) FROM cases")" = 31 ] && ok "the backup is a khipu SQLite file" ||
	not_ok "the backup is a khipu SQLite file"

# reads from a replica (--db-read): a frozen copy stands in for a lagging one
fresh_demo 10
# a demo is a load: the planner's statistics are refreshed at its commit
# (without them the first statistics query chose nested loops for minutes)
n=$(sql "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('cases', 'participations', 'assets') AND (last_analyze IS NOT NULL OR last_autoanalyze IS NOT NULL)")
[ "$n" = 3 ] && ok "the demo leaves its tables analysed" || not_ok "the demo leaves its tables analysed ($n of 3)"
psql "$KHIPU_TEST_PG_URL" -X -q -c "DROP DATABASE IF EXISTS ${PGDB}_ro" -c "CREATE DATABASE ${PGDB}_ro TEMPLATE $PGDB" >/dev/null 2>&1
RO=$(pg_url "${PGDB}_ro")
"$KHIPU" case add --as demo-prosecutor --json "$DOC" >/dev/null
expect 0 "case list reads from --db-read" -- --db-read "$RO" case list --as demo-analyst --format csv
grep -q "2024-0153-FEPMTP-MDD" "$T/out" && not_ok "the list came from the replica" || ok "the list came from the replica"
KHIPU_DB_READ=$RO "$KHIPU" case list --as demo-analyst --format csv >"$T/out" 2>"$T/err"
[ $? = 0 ] && ! grep -q "2024-0153-FEPMTP-MDD" "$T/out" && ok "KHIPU_DB_READ does the same" || not_ok "KHIPU_DB_READ does the same"
expect 0 "without it the list comes from the primary" -- case list --as demo-analyst --format csv
expect_out "2024-0153-FEPMTP-MDD" "with the new case"
expect 0 "writes still go to the primary" -- --db-read "$RO" case event 2024-0153-FEPMTP-MDD --as demo-prosecutor --stage formalised_investigation --date 2024-05-02
expect 8 "a read database of another register is refused" -- --db-read "$(pg_url postgres)" case list --as demo-analyst
psql "$KHIPU_TEST_PG_URL" -X -q -c "DROP DATABASE IF EXISTS ${PGDB}_ro WITH (FORCE)" >/dev/null 2>&1

fresh_demo 5
expect 0 "check passes on a sound register" -- check
sql "SET session_replication_role = replica; INSERT INTO events(case_id, stage, date, recorded_at) VALUES (4242, 'trial', '2024-01-01', 0)"
expect 8 "check finds a reference broken with the foreign keys off" -- check
expect_out "table 'events' row" "and names the table"

# a schema newer than this khipu
fresh_demo 2
sql "INSERT INTO schema_migrations VALUES (999, 'future', 0)"
expect 8 "a schema newer than the binary is refused" -- case list --as demo-analyst
expect_err "newer than this khipu" "with a message that says so"
done_testing
