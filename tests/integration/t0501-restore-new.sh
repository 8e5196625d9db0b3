#!/bin/sh
# t0501 — disaster recovery (issue 9, item 8): with only the backup file and
# the key file, 'khipu --db NEW --key-file K restore --from B' rebuilds the
# register where none exists, on SQLite and (pg-t0501) PostgreSQL: the same
# cases, identities, attachments and audit trail; a wrong key, a bad backup
# or --as leave nothing behind.
. "$KHIPU_LIB"

fresh_demo 15
id=$("$KHIPU" case list --as demo-prosecutor --limit 1 --format csv | sed -n '2s/,.*//p')
printf '%%PDF-1.4\n%% restore-new marker\n%%%%EOF\n' >"$T/acta.pdf"
"$KHIPU" case attach "$id" "$T/acta.pdf" --as demo-prosecutor >/dev/null ||
	not_ok "an attachment before the backup"
"$KHIPU" case list --as demo-analyst --format json >"$T/cases-before"
"$KHIPU" case show "$id" --as demo-prosecutor --reveal --format json >"$T/case-before"
"$KHIPU" backup --out "$T/b.db" >/dev/null && ok "a backup" || not_ok "a backup"

# the new machine: a folder with the backup and a copy of the key file, nothing else
M="$T/new-machine"
mkdir -p "$M"
cp "$T/b.db" "$M/b.db"
install -m 600 "$KEY" "$M/khipu.key"
unset KHIPU_KEY_FILE
NEWDBS=""
if [ -n "$PGDB" ]; then
	NEWDBS="${PGDB}_new"
	pg_admin -c "DROP DATABASE IF EXISTS ${PGDB}_new WITH (FORCE)" -c "CREATE DATABASE ${PGDB}_new"
	trap 'pg_admin -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)" -c "DROP DATABASE IF EXISTS ${PGDB}_new WITH (FORCE)"; rm -rf "$T"' EXIT
	NEW=$(pg_url "${PGDB}_new")
else
	NEW="$M/khipu.db"
fi
N() { "$KHIPU" --db "$NEW" --key-file "$M/khipu.key" "$@"; }
newrun() { N "$@" >"$T/out" 2>"$T/err"; rc=$?; }

# refusals first: nothing may be left behind
printf 'not a register' >"$M/junk.db"
newrun restore --from "$M/junk.db"
[ "$rc" != 0 ] && ok "a file that is no backup is refused (exit $rc)" || not_ok "junk refused"
"$KHIPU" --db "$T/other.db" --key-file "$T/other.key" init >/dev/null
install -m 600 "$T/other.key" "$M/other.key"
"$KHIPU" --db "$NEW" --key-file "$M/other.key" restore --from "$M/b.db" >"$T/out" 2>"$T/err"
[ "$?" = 8 ] && ok "a key file of another register is refused (exit 8)" || not_ok "a foreign key is refused"
newrun restore --from "$M/b.db" --as demo-admin
[ "$rc" = 2 ] && ok "--as is refused where there are no users yet" || not_ok "--as refused (exit $rc)"
expect_err "no register here yet" "the message says why"
"$KHIPU" --db "$NEW" --key-file "$M/missing.key" restore --from "$M/b.db" >"$T/out" 2>"$T/err"
[ "$?" != 0 ] && ok "a missing key file is refused" || not_ok "a missing key file is refused"
if [ -n "$PGDB" ]; then
	[ "$(psql "$NEW" -X -tA -c "SELECT count(*) FROM pg_tables WHERE tablename = 'meta'")" = 0 ] ||
	[ "$(psql "$NEW" -X -tA -c "SELECT count(*) FROM meta")" = 0 ] &&
		ok "nothing left behind in the new database" || not_ok "nothing left behind"
else
	[ ! -e "$NEW" ] && [ ! -e "$NEW-wal" ] && ok "no database file left behind" ||
		not_ok "no database file left behind"
fi

# the restore
newrun restore --from "$M/b.db"
[ "$rc" = 0 ] && ok "restore rebuilds the register on the new machine" ||
	{ not_ok "restore rebuilds the register (exit $rc)"; sed 's/^/    # /' "$T/err"; }
grep -q "rebuilt from" "$T/out" && ok "it says so" || not_ok "it says so"
newrun check
[ "$rc" = 0 ] && ok "check passes on the new register" || not_ok "check passes (exit $rc)"
N case list --as demo-analyst --format json >"$T/cases-after"
cmp -s "$T/cases-before" "$T/cases-after" && ok "the same cases" || not_ok "the same cases"
N case show "$id" --as demo-prosecutor --reveal --format json >"$T/case-after"
cmp -s "$T/case-before" "$T/case-after" && ok "the same case, identities revealed the same" ||
	not_ok "the same case revealed"
N case attachment get "$id" 1 --out "$M/acta.pdf" --as demo-prosecutor 2>/dev/null
cmp -s "$T/acta.pdf" "$M/acta.pdf" && ok "the attachment comes back byte for byte" ||
	not_ok "the attachment comes back"
N person search --as demo-prosecutor --phone 999999999 >/dev/null 2>&1
[ $? -le 3 ] && ok "searches run (blind indexes)" || not_ok "searches run"
N audit show --as demo-auditor --format json >"$T/audit.json"
python3 -c "
import json, sys
a = json.load(open(sys.argv[1]))
r = [e for e in a if e['action'] == 'backup' and 'new_machine' in e['detail']]
assert len(r) == 1 and json.loads(r[0]['detail'])['op'] == 'restore', r
" "$T/audit.json" && ok "the restore is in the restored audit trail" || not_ok "the restore is audited"
newrun restore --from "$M/b.db"
[ "$rc" = 0 ] && ok "restoring again onto it is the ordinary restore" || not_ok "a second restore (exit $rc)"
[ "$(N case attachments "$id" --as demo-prosecutor --format json | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1 ] &&
	ok "with its attachment" || not_ok "with its attachment"

# the other way round: a PostgreSQL backup onto a new SQLite machine
if [ -n "$PGDB" ]; then
	"$KHIPU" --db "$M/lite.db" --key-file "$M/khipu.key" restore --from "$M/b.db" >"$T/out" 2>"$T/err"
	[ "$?" = 0 ] && ok "a PostgreSQL register's backup rebuilds on SQLite" || not_ok "PG backup onto SQLite"
	"$KHIPU" --db "$M/lite.db" --key-file "$M/khipu.key" case list --as demo-analyst --format json >"$T/cases-lite"
	cmp -s "$T/cases-before" "$T/cases-lite" && ok "the same cases there" || not_ok "the same cases on SQLite"
fi
done_testing
