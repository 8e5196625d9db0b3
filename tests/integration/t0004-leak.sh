#!/bin/sh
# t0004 — victims first: no name, document, phone or address in clear in the
# database file, its WAL or a backup (REQ-VAULT-003).
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"

fresh_demo 200
"$KHIPU" case add --as demo-prosecutor --json "$DOC" >/dev/null
# demo identities, revealed through the CLI so we know what to look for
ids=$("$KHIPU" case list --as demo-prosecutor --format csv --limit 5 | tail -n +2 | cut -d, -f1)
: >"$T/needles"
for id in $ids; do
	"$KHIPU" case show "$id" --as demo-prosecutor --reveal --format json >"$T/case.json" 2>/dev/null
	python3 - "$T/case.json" >>"$T/needles" <<'PY'
import json, sys
c = json.load(open(sys.argv[1]))
for p in c["persons"]:
    for k in ("name", "doc_number", "address"):
        if p.get(k): print(p[k])
for i in c["identifiers"]:
    if i.get("value") and i["kind"] == "phone": print(i["value"].replace("+", ""))
PY
done
cat >>"$T/needles" <<'EOF2'
Rosalinda Ccahuana Ttito
Ccahuana
Quispehuaman
71234567
40998877
987654321
951222333
Jr. Las Orquideas
El Chato
V2B-417
Rescate en campamento
EOF2
n=$(wc -l <"$T/needles")
[ "$n" -gt 15 ] && ok "collected $n identities to look for" || not_ok "collected identities ($n)"
# keep a WAL around: write more while a reader holds the database open
"$KHIPU" backup --out "$T/backup.db" >/dev/null
found=0
for f in "$KHIPU_DB" "$KHIPU_DB-wal" "$T/backup.db"; do
	[ -f "$f" ] || continue
	while IFS= read -r needle; do
		[ -n "$needle" ] || continue
		if grep -a -F -q -- "$needle" "$f"; then
			found=$((found + 1)); echo "# found an identity in $(basename "$f")"
		fi
	done <"$T/needles"
done
[ "$found" = 0 ] && ok "no identity in clear in the database, WAL or backup" ||
	not_ok "identities in clear: $found"
# and the same for UTF-16 or upper-case variants of the test names
grep -a -i -q "rosalinda" "$KHIPU_DB" "$T/backup.db" && not_ok "no case-folded name" || ok "no case-folded name"
done_testing
