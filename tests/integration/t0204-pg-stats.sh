#!/bin/sh
# t0204 — the statistics move with the register: an office's SQLite register
# with derived facts and an imported CTDC extract migrates to PostgreSQL
# (facts, cubes, sources and the watermarks copied and verified), counts the
# same there, keeps deriving new cases from where it stopped, and backs up
# and restores through a SQLite file with the same counts.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
[ -n "$PGDB" ] || { echo "skip: PostgreSQL only"; exit 77; }
GLOBAL="${KHIPU_SHARED_DATA:-}/ctdc/global_2020_subset/global_dataset_14apr2020_subset.csv"
SRC="$T/office.db"
PGURL=$KHIPU_DB
unset KHIPU_KEY_FILE
sq() { "$KHIPU" --db "$SRC" --key-file "$SRC.key" "$@"; }
pgk() { "$KHIPU" --db "$PGURL" --key-file "$SRC.key" "$@"; }
A="--as demo-analyst"
# the queries compared: facts and cubes, register and imported records
QUERIES="--by=year,sex|--by=source|--by=exploitation,year|--by=age_band,age_group,nationality|--measure=cases --by=stage,region|--measure=suspects --by=outcome,sex|--measure=convictions --by=sentence_years|--measure=assets_value --by=year|--by=means_of_control --where=sex=female"
# stats_all CMD OUT: every query's csv through CMD (sq, pgk, or a backup file)
stats_all() {
	cmd=$1; out=$2
	: >"$out"
	echo "$QUERIES" | tr '|' '\n' | while read -r q; do
		echo "# $q" >>"$out"
		# shellcheck disable=SC2086
		$cmd stats $A $q --format csv >>"$out" 2>&1 || echo "exit $?" >>"$out"
		KHIPU_STATS_NO_CUBE=1 $cmd stats $A $q --format csv >>"$out" 2>&1 || echo "exit $?" >>"$out"
	done
}
bk() { "$KHIPU" --db "$T/b.db" --key-file "$SRC.key" "$@"; }

sq init >/dev/null && sq demo --cases 80 --seed 5 --password "$DEMO_PW" >/dev/null
[ $? = 0 ] && ok "an office register on SQLite" || not_ok "an office register on SQLite"
if [ -r "$GLOBAL" ]; then
	head -n 1501 "$GLOBAL" >"$T/ctdc.csv"
	expect 0 "a CTDC extract is imported" -- --db "$SRC" --key-file "$SRC.key" import ctdc "$T/ctdc.csv" $A --ignore-unknown-columns
else
	echo "# the CTDC file is not in KHIPU_SHARED_DATA: register facts only"
fi
stats_all sq "$T/s-sqlite"
grep -q "^exit" "$T/s-sqlite" && not_ok "statistics on SQLite" || ok "statistics on SQLite"
[ "$(sqlite3 "$SRC" "SELECT count(*) FROM stat_facts")" -gt 80 ] && ok "facts derived before the move" ||
	not_ok "facts derived before the move"

expect 0 "migrate moves the register with its statistics" -- migrate --from "sqlite:$SRC" --to "$PGURL"
for t in stat_sources stat_facts stat_codes stat_cube; do
	[ "$(count_rows $t)" = "$(sqlite3 "$SRC" "SELECT count(*) FROM $t")" ] && ok "$t moved row for row" ||
		not_ok "$t moved row for row ($(count_rows $t))"
done
[ "$(db_sql "SELECT value FROM meta WHERE key = 'stats.marks'" | tr -d '"')" = "$(sqlite3 "$SRC" "SELECT value FROM meta WHERE key = 'stats.marks'")" ] &&
	ok "the watermarks moved with the facts" || not_ok "the watermarks moved with the facts"
expect 0 "the register checks on PostgreSQL" -- --db "$PGURL" --key-file "$SRC.key" check
stats_all pgk "$T/s-pg"
cmp -s "$T/s-sqlite" "$T/s-pg" && ok "the same statistics on PostgreSQL (facts and cubes)" ||
	{ not_ok "the same statistics on PostgreSQL"; diff "$T/s-sqlite" "$T/s-pg" | head -8 | sed 's/^/    # /'; }

# new cases on PostgreSQL are derived from the watermarks on, once
before=$(pgk stats $A --by source --format csv | tr -d '\r' | grep '^register,' | cut -d, -f2)
expect 0 "a case is registered on PostgreSQL" -- --db "$PGURL" --key-file "$SRC.key" case add --as demo-prosecutor --json "$DOC"
id=$(cat "$T/out")
after=$(pgk stats $A --by source --format csv | tr -d '\r' | grep '^register,' | cut -d, -f2)
[ "$after" = "$((before + 2))" ] && ok "its two victims are counted once" || not_ok "its two victims are counted once ($before -> $after)"
expect 0 "then an event moves it" -- --db "$PGURL" --key-file "$SRC.key" case event "$id" --as demo-prosecutor --stage formalised_investigation --date 2025-12-30
V="FROM participations p JOIN cases c ON c.id = p.case_id JOIN persons s ON s.id = p.person_id WHERE p.role = 'victim'"
pgk stats $A --by year,sex --where source=register --format csv | tail -n +2 | tr -d '\r' >"$T/got"
db_sql "SELECT substr(c.complaint_date, 1, 4), s.sex, count(*) $V GROUP BY 1, 2 ORDER BY 1, 2" >"$T/want"
cmp -s "$T/got" "$T/want" && ok "victims by year and sex equal the case tables on PostgreSQL" ||
	{ not_ok "victims by year and sex equal the case tables on PostgreSQL"; diff "$T/want" "$T/got" | head -5 | sed 's/^/    # /'; }
pgk stats $A --by stage --where source=register --format csv | tail -n +2 | tr -d '\r' >"$T/got"
db_sql "SELECT c.stage, count(*) $V GROUP BY 1 ORDER BY 1" >"$T/want"
cmp -s "$T/got" "$T/want" && ok "the event's stage reaches the facts derived before it" || not_ok "the event's stage reaches the facts derived before it"

# backup to a SQLite file and restore into an empty database
stats_all pgk "$T/s-pg2"
expect 0 "a backup of the PostgreSQL register" -- --db "$PGURL" --key-file "$SRC.key" backup --out "$T/b.db"
stats_all bk "$T/s-backup"
cmp -s "$T/s-pg2" "$T/s-backup" && ok "the backup file counts the same" ||
	{ not_ok "the backup file counts the same"; diff "$T/s-pg2" "$T/s-backup" | head -8 | sed 's/^/    # /'; }
pg_fresh
expect 0 "migrate the backup into an empty database" -- migrate --from "sqlite:$T/b.db" --to "$PGURL" --key-file "$SRC.key"
stats_all pgk "$T/s-restored"
cmp -s "$T/s-pg2" "$T/s-restored" && ok "the restored register counts the same" ||
	{ not_ok "the restored register counts the same"; diff "$T/s-pg2" "$T/s-restored" | head -8 | sed 's/^/    # /'; }
expect 0 "restore over it from the backup" -- --db "$PGURL" --key-file "$SRC.key" restore --from "$T/b.db"
stats_all pgk "$T/s-restored2"
cmp -s "$T/s-pg2" "$T/s-restored2" && ok "and counts the same after restore" || not_ok "and counts the same after restore"
expect 0 "the register checks after restore" -- --db "$PGURL" --key-file "$SRC.key" check

# the foreign-key check sees a source imported by a user who is gone
if [ -r "$GLOBAL" ]; then
	psql "$PGURL" -X -q -v ON_ERROR_STOP=1 -c "SET session_replication_role = replica" \
		-c "UPDATE stat_sources SET imported_by = 9999" >/dev/null 2>&1
	run --db "$PGURL" --key-file "$SRC.key" check
	[ "$rc" != 0 ] && grep -q "stat_sources" "$T/out" "$T/err" && ok "check names a dangling stat_sources.imported_by" ||
		{ not_ok "check names a dangling stat_sources.imported_by (exit $rc)"; cat "$T/out" "$T/err" | head -3 | sed 's/^/    # /'; }
fi
done_testing
