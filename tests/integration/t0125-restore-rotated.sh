#!/bin/sh
# t0125 — restoring a backup made before a key rotation: the register opens
# with the current key file, and searches still find people (the backup's
# values are resealed and its blind indexes rebuilt with the current key).
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 20
"$KHIPU" case add --as demo-prosecutor --json "$DOC" >/dev/null || not_ok "the sample case registers"
hits() { "$KHIPU" person search --as demo-prosecutor "$@" --format json | grep -c '"person_id"'; }
before=$(hits --name "rosalinda ccahuana")
[ "$before" -ge 1 ] && ok "a name is found before ($before)" || not_ok "a name is found before"
expect 0 "backup" -- backup --out "$T/before-rotation.db"
expect 0 "key rotate" -- key rotate
[ "$(hits --name "rosalinda ccahuana")" = "$before" ] && ok "found after the rotation" ||
	not_ok "found after the rotation"
key_ids() { sqlite3 "$KHIPU_DB" "SELECT DISTINCT substr(hex(blob), 3, 8) FROM sealed"; }
[ "$(key_ids)" = 00000002 ] && ok "everything sealed with key 2" || not_ok "everything sealed with key 2 ($(key_ids))"

expect 0 "the old backup restores with the current key file" -- restore --from "$T/before-rotation.db"
[ "$(key_ids)" = 00000002 ] && ok "the restored values are resealed with the current key" ||
	not_ok "the restored values are resealed with the current key ($(key_ids))"
[ "$(hits --name "rosalinda ccahuana")" = "$before" ] && ok "a name is found after the restore" ||
	not_ok "a name is found after the restore ($(hits --name "rosalinda ccahuana") hits)"
[ "$(hits --phone "+51 987 654 321")" -ge 1 ] && ok "a phone is found after the restore" ||
	not_ok "a phone is found after the restore"
[ "$(hits --doc 71234567)" -ge 1 ] && ok "a document is found after the restore" ||
	not_ok "a document is found after the restore"
run case show 2024-0153-FEPMTP-MDD --as demo-prosecutor --reveal
expect_out "Rosalinda Ccahuana" "identities open after the restore"
run audit show --format json
grep -q '"detail": "{\\"op\\":\\"restore\\",\\"resealed\\":[1-9]' "$T/out" &&
	ok "the restore's audit entry says how many values were resealed" ||
	not_ok "the restore's audit entry says how many values were resealed"
expect 0 "check passes" -- check
expect 0 "audit verify passes" -- audit verify

# a backup of the current key needs no resealing
expect 0 "backup again" -- backup --out "$T/after.db"
expect 0 "restore it" -- restore --from "$T/after.db"
run audit show --format json
grep -q '"resealed\\":0}' "$T/out" && ok "nothing resealed when the keys agree" ||
	not_ok "nothing resealed when the keys agree"
grep -a -q "Rosalinda\|Ccahuana" "$KHIPU_DB" "$T/before-rotation.db" &&
	not_ok "no name in clear in the database or backup" || ok "no name in clear in the database or backup"
done_testing
