#!/bin/sh
# t0605 — opening a package is one transaction (issue 13): the received
# case, its provenance (exchange.received), the package marked opened
# (exchange.seen, against replays) and the audit entry land together or not
# at all. A write of the replay record that fails (a trigger injects the
# failure) leaves no case behind; SIGKILLs at random points of
# `exchange open` never leave a case without its provenance nor a package
# marked opened without its case. The receiving register is $KHIPU_DB
# (SQLite, or PostgreSQL as pg-t0605); the sender a SQLite file beside it.
. "$KHIPU_LIB"

fresh_demo 4
L="--as demo-liaison"
S="--db $T/s.db --key-file $T/s.db.key"
"$KHIPU" $S init >/dev/null && "$KHIPU" $S demo --cases 6 --seed 5 --password "$DEMO_PW" >/dev/null ||
	not_ok "the sending register"
KR=$("$KHIPU" exchange keygen $L | sed -n 's/^key: *//p')
KS=$("$KHIPU" $S exchange keygen $L | sed -n 's/^key: *//p')
"$KHIPU" exchange peer add sender "$KS" $L >/dev/null && "$KHIPU" $S exchange peer add receiver "$KR" $L >/dev/null &&
	ok "the two registers trust each other" || not_ok "peers"
SCASE=$("$KHIPU" $S case list --as demo-prosecutor --format csv | sed -n '2s/,.*//p')
pack() { "$KHIPU" $S exchange pack $L --case "$SCASE" --to receiver --include victims,suspects,events --out "$1" >/dev/null; }

# state: received cases, provenance records, packages marked opened, audit
# entries of opened packages (each must equal the others)
state() {
	db_sql "SELECT value FROM meta WHERE key IN ('exchange.seen', 'exchange.received') ORDER BY key" >"$T/meta"
	python3 - "$T/meta" "$(db_sql "SELECT count(*) FROM cases WHERE number LIKE 'RX-sender-%'")" \
		"$(db_sql "SELECT count(*) FROM audit WHERE action = 'exchange.receive' AND detail LIKE '%\"op\":\"open\"%' AND detail NOT LIKE '%refused%'")" <<'PY'
import csv, json, sys
vals = [json.loads(r[0]) for r in csv.reader(open(sys.argv[1])) if r]
received = vals[0] if len(vals) == 2 else []
seen = vals[1] if len(vals) == 2 else (vals[0] if vals else [])
print(int(sys.argv[2]), len(received), len(seen), int(sys.argv[3]))
PY
}
consistent() {   # consistent LABEL: each case with its records, and only those
	set -- "$1" $(state)
	if [ "$2" = "$3" ] && [ "$3" = "$4" ] && [ "$4" = "$5" ]; then ok "$1 ($2 received)"; else
		not_ok "$1 (cases $2, provenance $3, opened $4, audit $5)"; fi
}

# ---- a failure while marking the package opened ----
pack "$T/p1.khx" || not_ok "pack"
if [ -n "$PGDB" ]; then
	db_sql "CREATE FUNCTION t0605_fail() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
		IF NEW.key = 'exchange.seen' THEN RAISE EXCEPTION 'injected failure'; END IF;
		RETURN NEW; END \$\$" >/dev/null
	db_sql "CREATE TRIGGER t0605_fail BEFORE INSERT OR UPDATE ON meta FOR EACH ROW EXECUTE FUNCTION t0605_fail()" >/dev/null
else
	db_sql "CREATE TRIGGER t0605_fail_i BEFORE INSERT ON meta WHEN NEW.key = 'exchange.seen'
		BEGIN SELECT RAISE(ABORT, 'injected failure'); END" >/dev/null
	db_sql "CREATE TRIGGER t0605_fail_u BEFORE UPDATE ON meta WHEN NEW.key = 'exchange.seen'
		BEGIN SELECT RAISE(ABORT, 'injected failure'); END" >/dev/null
fi
N0=$(count_rows cases)
"$KHIPU" exchange open "$T/p1.khx" $L >"$T/out" 2>"$T/err" && not_ok "the open should fail" ||
	ok "the open fails when the replay record cannot be written"
[ "$(count_rows cases)" = "$N0" ] && ok "and leaves no case behind" || not_ok "a case without its replay record"
consistent "nothing of the package is recorded"
if [ -n "$PGDB" ]; then
	db_sql "DROP TRIGGER t0605_fail ON meta" >/dev/null
else
	db_sql "DROP TRIGGER t0605_fail_i" >/dev/null; db_sql "DROP TRIGGER t0605_fail_u" >/dev/null
fi
expect 0 "the same package opens once the failure is gone" -- exchange open "$T/p1.khx" $L
[ "$(count_rows cases)" = $((N0 + 1)) ] && ok "one case received" || not_ok "case received"
consistent "the case with its provenance, its replay record and its audit entry"
expect 5 "opened again it is a replay" -- exchange open "$T/p1.khx" $L
consistent "the replay writes nothing"

# ---- SIGKILL at random points of exchange open ----
# the time one open takes, measured now (a kill lands within it)
pack "$T/p.khx"
t0=$(date +%s%3N); "$KHIPU" exchange open "$T/p.khx" $L >/dev/null 2>&1; t1=$(date +%s%3N)
DUR=$((t1 - t0)); [ "$DUR" -gt 0 ] || DUR=500
KILLS=${KHIPU_CRASH_KILLS:-12}
RNG=${KHIPU_CRASH_SEED:-$$}
echo "# seed $RNG, $KILLS kills within ${DUR} ms"
hits=0 i=0 bad=0
while [ $i -lt "$KILLS" ]; do
	i=$((i + 1))
	pack "$T/p.khx" || { not_ok "pack $i"; break; }
	RNG=$(((RNG * 1103515245 + 12345) % 2147483648))
	delay=$(((RNG / 65536) % DUR))
	"$KHIPU" exchange open "$T/p.khx" $L >/dev/null 2>&1 &
	pid=$!
	sleep "$(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 1000 }')"
	kill -9 "$pid" 2>/dev/null && hits=$((hits + 1))
	wait "$pid" 2>/dev/null
	set -- $(state)
	if [ "$1" != "$2" ] || [ "$2" != "$3" ] || [ "$3" != "$4" ]; then
		bad=$((bad + 1)); echo "# after kill $i at ${delay} ms: cases $1, provenance $2, opened $3, audit $4"
	fi
	"$KHIPU" check >/dev/null 2>&1 || { bad=$((bad + 1)); echo "# khipu check fails after kill $i"; }
done
echo "# $hits of $KILLS kills reached a live exchange open"
[ "$bad" = 0 ] && ok "after every kill: each received case has its provenance, its replay record and its audit entry, and the register checks" ||
	not_ok "$bad kills left a half-imported package"
consistent "at the end"
done_testing
