#!/bin/sh
# t0203 — a real streaming replica of the test server (pg_basebackup -R):
# case lists read from it with --db-read and follow the primary, writes to it
# are refused clearly, the audit trail verifies on it. PostgreSQL only.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
[ -n "$PGDB" ] || { echo "skip: PostgreSQL only"; exit 77; }
SCRIPTS="$(dirname "$KHIPU_LIB")/../../scripts"
primary_dir=$(printf '%s' "$KHIPU_TEST_PG_URL" | sed 's#.*host=\([^&]*\).*#\1#')
rdir=$(mktemp -d "${TMPDIR:-/tmp}/khipu-replica.XXXXXX")
trap 'sh "$SCRIPTS/pg-test-server.sh" stop "$rdir"; pg_admin -c "DROP DATABASE IF EXISTS $PGDB WITH (FORCE)"; rm -rf "$T"' EXIT

fresh_demo 15
rurl=$(sh "$SCRIPTS/pg-test-server.sh" replica "$primary_dir" "$rdir" 2>"$T/err")
[ -n "$rurl" ] && ok "a streaming replica started" || { not_ok "a streaming replica started"; cat "$T/err"; done_testing; exit 1; }
REPLICA=$(printf '%s' "$rurl" | sed "s#/postgres?#/$PGDB?#")
# wait until the replica has replayed every write of the primary: each one
# appends to the audit trail, so the trails' heads tell
caught_up() {
	q="SELECT count(*) || '/' || coalesce(max(seq), 0) FROM audit"
	want=$(psql "$KHIPU_DB" -X -tA -c "$q")
	i=0
	while [ $i -lt 300 ]; do
		[ "$(psql "$REPLICA" -X -tA -c "$q" 2>/dev/null)" = "$want" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
caught_up && ok "the replica catches up" || not_ok "the replica catches up"
[ "$(psql "$REPLICA" -X -tA -c 'SELECT pg_is_in_recovery()')" = t ] && ok "it is a standby" || not_ok "it is a standby"

"$KHIPU" case list --as demo-analyst --format json >"$T/primary"
expect 0 "case list from the replica" -- --db-read "$REPLICA" case list --as demo-analyst --format json
cmp -s "$T/primary" "$T/out" && ok "the same list as the primary" || not_ok "the same list as the primary"
expect 0 "a case added on the primary" -- case add --as demo-prosecutor --json "$DOC"
caught_up || not_ok "the replica catches up in time"
expect 0 "after a write on the primary" -- --db-read "$REPLICA" case list --as demo-analyst --format csv
expect_out "2024-0153-FEPMTP-MDD" "the replica lists the new case"
expect 6 "writing to the replica is refused" -- --db "$REPLICA" case event 2024-0153-FEPMTP-MDD --as demo-prosecutor --stage formalised_investigation --date 2024-05-02
expect_err "read-only (a replica?)" "saying it is read-only"
caught_up || not_ok "the replica catches up in time"
expect 0 "the audit trail verifies on the replica" -- --db "$REPLICA" audit verify
expect 0 "the primary verifies too" -- audit verify
done_testing
