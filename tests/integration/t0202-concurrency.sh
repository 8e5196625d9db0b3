#!/bin/sh
# t0202 — many writers at once, on SQLite (suite integration) and on
# PostgreSQL (suite pg, KHIPU_TEST_BACKEND=pg): processes registering cases
# and recording events in parallel lose no update, never duplicate a case
# number, and leave an audit chain that verifies.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
WRITERS=6
EACH=5

fresh_demo 5
# case documents: each writer its own numbers, plus one number all fight for
i=1
while [ $i -le $WRITERS ]; do
	j=1
	while [ $j -le $EACH ]; do
		sed "s/2024-0153-FEPMTP-MDD/2024-$i$j-FEPMTP-MDD/" "$DOC" >"$T/doc-$i-$j.json"
		j=$((j + 1))
	done
	i=$((i + 1))
done
sed "s/2024-0153-FEPMTP-MDD/2024-7777-FEPMTP-MDD/" "$DOC" >"$T/contested.json"
target=$("$KHIPU" case add --as demo-prosecutor --json "$DOC")
before=$(count_rows cases)

writer() {
	w=$1
	j=1
	while [ $j -le $EACH ]; do
		"$KHIPU" case add --as demo-prosecutor --json "$T/doc-$w-$j.json" >/dev/null 2>>"$T/w$w.err" ||
			echo "case $w-$j" >>"$T/failed"
		# every writer also records an event on the same case
		"$KHIPU" case event "$target" --as demo-prosecutor --stage formalised_investigation \
			--date "2024-05-$(printf %02d $((w + j)))" >/dev/null 2>>"$T/w$w.err" ||
			echo "event $w-$j" >>"$T/failed"
		# and all try to register the same number
		"$KHIPU" case add --as demo-prosecutor --json "$T/contested.json" >/dev/null 2>>"$T/dup.err"
		echo $? >>"$T/dup.rc"
		j=$((j + 1))
	done
}
i=1
while [ $i -le $WRITERS ]; do
	writer $i &
	i=$((i + 1))
done
wait
[ ! -s "$T/failed" ] && ok "every write of $WRITERS concurrent writers went through" ||
	{ not_ok "every write went through: $(wc -l <"$T/failed") failed"; head -3 "$T"/w*.err | sed 's/^/    # /'; }
after=$(count_rows cases)
[ "$after" = $((before + WRITERS * EACH + 1)) ] && ok "no case lost ($after)" ||
	not_ok "no case lost ($after, wanted $((before + WRITERS * EACH + 1)))"
run case list --as demo-analyst --format csv
dups=$(cut -d, -f2 "$T/out" | sort | uniq -d | wc -l)
[ "$dups" = 0 ] && ok "no duplicate case number" || not_ok "no duplicate case number ($dups)"
[ "$(grep -c '^0$' "$T/dup.rc")" = 1 ] && [ "$(grep -c '^5$' "$T/dup.rc")" = $((WRITERS * EACH - 1)) ] &&
	ok "the contested number lands once, every other try is a conflict (exit 5)" ||
	not_ok "the contested number lands once, every other try is a conflict ($(sort "$T/dup.rc" | uniq -c | tr '\n' ' '))"
run case show "$target" --as demo-prosecutor --format json
n=$(python3 -c 'import json,sys; print(len(json.load(open(sys.argv[1]))["events"]))' "$T/out")
[ "$n" = $((2 + WRITERS * EACH)) ] && ok "every event recorded ($n)" || not_ok "every event recorded ($n)"
grep -q '"stage": "formalised_investigation"' "$T/out" && ok "the stage follows every event" ||
	not_ok "the stage follows every event"
expect 0 "the audit chain verifies after the storm" -- audit verify
expect 0 "and the register checks" -- check
done_testing
