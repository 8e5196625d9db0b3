#!/bin/sh
# t0005 — backup, restore, check.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 30
expect 0 "backup writes a copy" -- backup --out "$T/b1.db"
expect 5 "backup refuses to overwrite" -- backup --out "$T/b1.db"
expect 0 "check passes" -- check
"$KHIPU" case list --as demo-analyst --format json >"$T/list-before"
"$KHIPU" case add --as demo-prosecutor --json "$DOC" >/dev/null
after=$(count_rows cases)
expect 0 "restore brings the backup back" -- restore --from "$T/b1.db"
[ "$(count_rows cases)" = "$((after - 1))" ] && ok "the case added after the backup is gone" ||
	not_ok "the case added after the backup is gone"
"$KHIPU" case list --as demo-analyst --format json >"$T/list-after"
cmp -s "$T/list-before" "$T/list-after" && ok "the same case list as at backup time" ||
	not_ok "the same case list as at backup time"
expect 0 "the audit trail verifies after restore" -- audit verify
expect 0 "a revealed identity opens after restore" -- case show 1 --as demo-prosecutor --reveal
expect 4 "an analyst cannot back up" -- backup --out "$T/b2.db" --as demo-analyst
"$KHIPU" --db "$T/other.db" --key-file "$T/other.db.key" init >/dev/null
"$KHIPU" --db "$T/other.db" --key-file "$T/other.db.key" backup --out "$T/foreign.db" >/dev/null
expect 8 "a backup of another register is refused" -- restore --from "$T/foreign.db"
expect 0 "the register still verifies after a refused restore" -- check
printf 'not a database at all, no' >"$T/junk.db"
run restore --from "$T/junk.db"
[ "$rc" != 0 ] && ok "restoring junk fails" || not_ok "restoring junk fails"
expect 0 "the register is intact after junk" -- check
done_testing
