#!/bin/sh
# t0007 — key rotation: everything opens and is found again under the new key.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 20
"$KHIPU" case add --as demo-prosecutor --json "$DOC" >/dev/null
"$KHIPU" case show 2024-0153-FEPMTP-MDD --as demo-prosecutor --reveal --format json >"$T/before"
"$KHIPU" backup --out "$T/old.db" >/dev/null
expect 4 "a prosecutor may not rotate keys" -- key rotate --as demo-prosecutor
expect 0 "key rotate" -- key rotate
grep -c '^key ' "$KEY" | grep -q '^2$' && ok "the key file holds two keys" || not_ok "the key file holds two keys"
"$KHIPU" case show 2024-0153-FEPMTP-MDD --as demo-prosecutor --reveal --format json >"$T/after"
python3 - "$T/before" "$T/after" <<'PY' && ok "the case reads the same after rotation" || not_ok "the case reads the same after rotation"
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
sys.exit(0 if [p["name"] for p in a["persons"]] == [p["name"] for p in b["persons"]] and a["summary"] == b["summary"] else 1)
PY
run person search --as demo-prosecutor --phone 987654321 --format json
grep -q "2024-0153" "$T/out" && ok "blind indexes rebuilt under the new key" || not_ok "blind indexes rebuilt"
expect 0 "the audit trail verifies across keys" -- audit verify
expect 0 "an old backup restores with the rotated key file" -- restore --from "$T/old.db"
expect 0 "and reads" -- case show 2024-0153-FEPMTP-MDD --as demo-prosecutor --reveal
done_testing
