#!/bin/sh
# t0140 — crash safety: SIGKILL at random points of the server (while API
# clients write cases), the demo, a CTDC import, a key rotation and a
# restore, KHIPU_CRASH_KILLS times in all (default 100; more for a longer
# run, e.g. KHIPU_CRASH_KILLS=1000). After every kill:
#   - 'khipu check' (database integrity and the audit chain) and
#     'khipu audit verify' pass;
#   - every write that was acknowledged (a 201 from POST /api/v1/cases, an
#     exit 0 of the command) is there, whole (its persons, its audit entry);
#   - nothing is half-landed: a demo, an import or a restore is all there or
#     not at all; identities still open and are still found by search.
# A kill counts only when it reached a live process. The delays are random
# within the operation's measured length; KHIPU_CRASH_SEED repeats a run.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
# 100 kills; with KHIPU_TEST_BACKEND=pg (the throw-away server of
# scripts/check.sh) 50, without the demo part (it needs a new database)
if [ -n "$PGDB" ]; then KILLS=${KHIPU_CRASH_KILLS:-50}; else KILLS=${KHIPU_CRASH_KILLS:-100}; fi
SEED=${KHIPU_CRASH_SEED:-$$}
echo "# seed $SEED (KHIPU_CRASH_SEED=$SEED repeats this run), $KILLS kills"
RNG=$SEED
KILLED=0

# rand N: R becomes a number in [0, N), from the seed (a linear
# congruential generator; called directly, not in $(...), to keep its state)
rand() {
	RNG=$(((RNG * 1103515245 + 12345) % 2147483648))
	R=$(((RNG / 65536) % $1))
}
# ms: milliseconds since the epoch
ms() { date +%s%3N; }

# kill_after MS CMD...: run khipu CMD, SIGKILL it after MS milliseconds;
# hit=1 when the kill reached it alive, else its exit status is in rc
kill_after() {
	delay=$1; shift
	"$KHIPU" "$@" >"$T/out" 2>"$T/err" &
	pid=$!
	sleep "$(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 1000 }')"
	hit=0
	if kill -KILL "$pid" 2>/dev/null; then hit=1; fi
	wait "$pid" 2>/dev/null
	rc=$?
	[ "$rc" = 137 ] || hit=0   # it had finished before the signal
	[ "$hit" = 1 ] && KILLED=$((KILLED + 1))
}
# timed CMD...: run khipu CMD to the end; its length in $took (ms), status in $rc
timed() {
	t0=$(ms)
	run "$@"
	took=$(($(ms) - t0))
	[ "$took" -gt 0 ] || took=1
}

# intact WHAT: the register passes 'khipu check' and 'khipu audit verify';
# problems are added to $bad
intact() {
	"$KHIPU" check >"$T/chk" 2>&1 || bad="$bad; khipu check fails: $(tail -n 1 "$T/chk")"
	"$KHIPU" audit verify >"$T/chk" 2>&1 ||
		bad="$bad; khipu audit verify fails: $(tail -n 1 "$T/chk")"
}
report() {   # report WHAT: one line per kill
	if [ -z "$bad" ]; then ok "$1"; else not_ok "$1${bad}"; fi
}
# case_whole NUMBER: the case with this number is there with its 3 persons
# and its audit entry (the document of data/case-mdd.json)
cases_whole_sql="SELECT c.number FROM cases c WHERE c.number LIKE 'CRASH-%' AND (
	(SELECT count(*) FROM participations p WHERE p.case_id = c.id) <> 3 OR
	(SELECT count(*) FROM audit a WHERE a.action = 'case.create' AND
	 a.object = 'case:' || c.id) <> 1)"

# ---- the register every phase starts from --------------------------------
fresh_demo 10
"$KHIPU" case add --as demo-prosecutor --json "$DOC" >/dev/null ||
	not_ok "the reference case is added"
TOK=$("$KHIPU" token create --as demo-prosecutor)
"$KHIPU" backup --out "$T/before-rotation.db" >/dev/null || not_ok "a backup is made"

# the quota of each phase: server 30%, demo 15%, import 20%, rotation 15%,
# restore the rest
Q_SERVER=$((KILLS * 30 / 100))
Q_DEMO=$((KILLS * 15 / 100))
[ -z "$PGDB" ] || Q_DEMO=0
Q_IMPORT=$((KILLS * 20 / 100))
Q_ROTATE=$((KILLS * 15 / 100))
Q_RESTORE=$((KILLS - Q_SERVER - Q_DEMO - Q_IMPORT - Q_ROTATE))

# ---- 1. the server, killed while two API clients write cases --------------
# writer ROUND W: POST a case after another until the server is gone; the
# numbers answered 201 are appended to $T/acked
writer() {
	i=0
	while [ "$i" -lt 2000 ]; do
		i=$((i + 1))
		num="CRASH-$1-$2-$i"
		sed "s/\"number\": \"[^\"]*\"/\"number\": \"$num\"/" "$DOC" >"$T/doc-$2.json"
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 20 \
			-H "Authorization: Bearer $TOK" -H 'Content-Type: application/json' \
			--data-binary @"$T/doc-$2.json" "$URL/api/v1/cases")
		case $code in
		201) echo "$num" >>"$T/acked" ;;
		000) break ;;
		*) echo "$num $code" >>"$T/refused" ;;
		esac
	done
}
: >"$T/acked"
: >"$T/refused"
round=0
k0=$KILLED
while [ $((KILLED - k0)) -lt "$Q_SERVER" ] && [ "$round" -lt $((Q_SERVER * 3)) ]; do
	round=$((round + 1))
	start_server
	writer "$round" a &
	wa=$!
	writer "$round" b &
	wb=$!
	rand 1500
	delay=$((100 + R))
	sleep "$(awk -v d="$delay" 'BEGIN { printf "%.3f", d / 1000 }')"
	if kill -KILL "$SRV_PID" 2>/dev/null; then KILLED=$((KILLED + 1)); fi
	wait "$SRV_PID" 2>/dev/null
	wait "$wa" "$wb"
	bad=""
	intact
	db_sql "SELECT number FROM cases WHERE number LIKE 'CRASH-%'" | sort >"$T/present"
	sort "$T/acked" >"$T/acked.s"
	lost=$(comm -23 "$T/acked.s" "$T/present" | wc -l)
	[ "$lost" = 0 ] || bad="$bad; $lost acknowledged cases lost: $(comm -23 "$T/acked.s" "$T/present" | head -n 3 | tr '\n' ' ')"
	half=$(db_sql "$cases_whole_sql" | head -n 3 | tr '\n' ' ')
	[ -z "$half" ] || bad="$bad; cases without all their persons or audit entry: $half"
	report "server killed after ${delay} ms (round $round): $(wc -l <"$T/acked") acknowledged cases all there, whole"
done
if [ -s "$T/refused" ]; then
	not_ok "the API refused none of the writers' cases"
	head -n 3 "$T/refused" | sed 's/^/    # /'
fi
[ "$(wc -l <"$T/acked")" -gt 0 ] && ok "the writers had cases acknowledged" ||
	not_ok "the writers had cases acknowledged"

# ---- 2. the demo, into a new register --------------------------------------
# the demo goes into a new register: keep an empty one to copy (SQLite)
saved_db=$KHIPU_DB
if [ -z "$PGDB" ]; then
	export KHIPU_DB="$T/demo.db"
	"$KHIPU" init >/dev/null
	cp "$KHIPU_DB" "$T/empty.db"
	cp "$KHIPU_DB.key" "$T/empty.db.key"
	demo_fresh() {
		rm -f "$KHIPU_DB" "$KHIPU_DB-wal" "$KHIPU_DB-shm" "$KHIPU_DB.key"
		cp "$T/empty.db" "$KHIPU_DB"
		cp -p "$T/empty.db.key" "$KHIPU_DB.key"
	}
	timed demo --cases 40 --seed 5 --password "$DEMO_PW"
	[ "$rc" = 0 ] && ok "a demo of 40 cases takes ${took} ms" || not_ok "the demo runs ($rc)"
	full=$took
	round=0
	k0=$KILLED
	while [ $((KILLED - k0)) -lt "$Q_DEMO" ] && [ "$round" -lt $((Q_DEMO * 3)) ]; do
		round=$((round + 1))
		demo_fresh
		rand "$full"
		delay=$R
		kill_after "$delay" demo --cases 40 --seed 5 --password "$DEMO_PW"
		[ "$hit" = 1 ] || continue
		bad=""
		intact
		n=$(count_rows cases)
		[ "$n" = 0 ] || [ "$n" = 40 ] || bad="$bad; $n of the demo's 40 cases landed"
		# what a kill left behind does not stop the demo from being run again
		if [ "$n" = 0 ]; then
			run demo --cases 40 --seed 5 --password "$DEMO_PW"
			[ "$rc" = 0 ] && [ "$(count_rows cases)" = 40 ] ||
				bad="$bad; the demo does not run again after the kill (exit $rc: $(tail -n 1 "$T/err"))"
		fi
		report "demo killed after ${delay} ms of ${full}: $n cases (none or all 40)"
	done
fi
export KHIPU_DB=$saved_db
KEY=${KHIPU_KEY_FILE:-$KHIPU_DB.key}

# ---- 3. a CTDC import --------------------------------------------------------
# a synthetic file of the 2024 format, 3,000 valid rows
awk 'BEGIN {
	print "yearOfRegistration,gender,ageBroad,citizenship,isForcedLabour,isSexualExploit"
	split("Woman Man", g, " "); split("9--17 18--20 21--23 24--26 27--29 30--38", a, " ")
	split("PER VEN BOL COL ECU", c, " ")
	for (i = 0; i < 3000; i++)
		printf "%d,%s,%s,%s,%s,%s\n", 2015 + i % 9, g[1 + i % 2], a[1 + i % 6], c[1 + i % 5],
			i % 3 ? "1" : "", i % 4 ? "" : "1"
}' >"$T/ctdc.csv"
A="--as demo-analyst"
src_rows() { db_sql "SELECT count(*) FROM stat_facts WHERE source = '$1'"; }
timed import ctdc "$T/ctdc.csv" $A --source crash-calibrate
[ "$rc" = 0 ] && [ "$(src_rows crash-calibrate)" = 3000 ] &&
	ok "an import of 3,000 rows takes ${took} ms" || not_ok "the import runs ($rc: $(tail -n 1 "$T/err"))"
full=$took
round=0
k0=$KILLED
while [ $((KILLED - k0)) -lt "$Q_IMPORT" ] && [ "$round" -lt $((Q_IMPORT * 3)) ]; do
	round=$((round + 1))
	rand "$full"
	delay=$R
	kill_after "$delay" import ctdc "$T/ctdc.csv" $A --source "crash-$round"
	[ "$hit" = 1 ] || continue
	bad=""
	intact
	n=$(src_rows "crash-$round")
	[ "$n" = 0 ] || [ "$n" = 3000 ] || bad="$bad; $n of the import's 3,000 rows landed"
	s=$(db_sql "SELECT count(*) FROM stat_sources WHERE tag = 'crash-$round'")
	{ [ "$n" = 0 ] && [ "$s" = 0 ]; } || { [ "$n" = 3000 ] && [ "$s" = 1 ]; } ||
		bad="$bad; the source is recorded $s times for $n rows"
	# the same file may be imported again when nothing landed
	if [ "$n" = 0 ]; then
		run import ctdc "$T/ctdc.csv" $A --source "crash-$round"
		[ "$rc" = 0 ] && [ "$(src_rows "crash-$round")" = 3000 ] ||
			bad="$bad; the import does not run again after the kill (exit $rc: $(tail -n 1 "$T/err"))"
	fi
	report "import killed after ${delay} ms of ${full}: $n rows (none or all 3,000)"
done

# ---- 4. key rotation -----------------------------------------------------------
# readable: the reference case opens in clear and is found by its phone
readable() {
	run case show 2024-0153-FEPMTP-MDD --as demo-prosecutor --reveal --format json
	grep -q 'Rosalinda Ccahuana Ttito' "$T/out" ||
		bad="$bad; the reference case's identities do not open (exit $rc: $(tail -n 1 "$T/err"))"
	run person search --as demo-prosecutor --phone 987654321 --format json
	grep -q '2024-0153-FEPMTP-MDD' "$T/out" ||
		bad="$bad; the search by phone misses the reference case (exit $rc: $(tail -n 1 "$T/err"))"
}
timed key rotate
[ "$rc" = 0 ] && ok "a key rotation takes ${took} ms" || not_ok "key rotate runs ($rc: $(tail -n 1 "$T/err"))"
full=$took
round=0
k0=$KILLED
while [ $((KILLED - k0)) -lt "$Q_ROTATE" ] && [ "$round" -lt $((Q_ROTATE * 3)) ]; do
	round=$((round + 1))
	rand "$full"
	delay=$R
	kill_after "$delay" key rotate
	[ "$hit" = 1 ] || continue
	bad=""
	intact
	readable
	# a rotation after the kill works, and everything still reads
	run key rotate
	[ "$rc" = 0 ] || bad="$bad; the next rotation fails (exit $rc: $(tail -n 1 "$T/err"))"
	readable
	intact
	report "key rotation killed after ${delay} ms of ${full}: readable, searchable, rotates again"
done

# ---- 5. restore ------------------------------------------------------------------
# the backup from before the rotations: a restore reseals it with the current
# key; the register is either as it was or as the backup, never between
"$KHIPU" backup --out "$T/now.db" >/dev/null
backup_cases=$(count_rows cases)
timed restore --from "$T/before-rotation.db"
[ "$rc" = 0 ] && ok "a restore takes ${took} ms" || not_ok "restore runs ($rc: $(tail -n 1 "$T/err"))"
full=$took
restored_cases=$(count_rows cases)
round=0
k0=$KILLED
while [ $((KILLED - k0)) -lt "$Q_RESTORE" ] && [ "$round" -lt $((Q_RESTORE * 3)) ]; do
	round=$((round + 1))
	# alternately from the old backup (resealed) and the recent one
	if [ $((round % 2)) = 0 ]; then b="$T/before-rotation.db"; else b="$T/now.db"; fi
	rand "$full"
	delay=$R
	kill_after "$delay" restore --from "$b"
	[ "$hit" = 1 ] || continue
	bad=""
	intact
	readable
	n=$(count_rows cases)
	[ "$n" = "$backup_cases" ] || [ "$n" = "$restored_cases" ] ||
		bad="$bad; $n cases: neither the register before nor the backup"
	report "restore from $(basename "$b") killed after ${delay} ms of ${full}: as before or as the backup"
done

[ "$KILLED" -ge "$KILLS" ] && ok "$KILLED kills reached a live process (wanted $KILLS)" ||
	not_ok "$KILLED kills reached a live process (wanted $KILLS)"
done_testing
