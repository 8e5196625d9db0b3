#!/bin/sh
# t0500 — attachments through the CLI (REQ-ATTACH-001..005): a round trip
# byte for byte, no byte in clear in the database, its WAL or a backup, the
# type from the content (an executable named .pdf refused), empty and
# oversized files refused, the policy (another office, an analyst), every
# opening audited; backup/restore and key rotation carry the files, a
# tampered chunk is refused. Runs on SQLite and PostgreSQL (pg-t0500).
. "$KHIPU_LIB"

fresh_demo 10
P="--as demo-prosecutor"
id=$("$KHIPU" case list --as demo-prosecutor --limit 1 --format csv | sed -n '2s/,.*//p')
[ -n "$id" ] && ok "a case of the prosecutor's office ($id)" || not_ok "a case of the prosecutor's office"
MARK=KHIPU-ATTACH-MARKER-7Q2X

# a small PDF and a file of several chunks (3.5 MiB of text with the marker throughout)
printf '%%PDF-1.4\n%% %s\n1 0 obj << >> endobj\n%%%%EOF\n' "$MARK" >"$T/report.pdf"
python3 - "$T/big.txt" "$MARK" <<'PY'
import sys
line = ("Declaración %s línea de relleno para varios trozos\n" % sys.argv[2]).encode()
with open(sys.argv[1], "wb") as f:
    f.write(line * (int(3.5 * 2**20) // len(line) + 1))
PY
rows0=$(count_rows attachments)
expect 0 "a PDF is attached" -- case attach "$id" "$T/report.pdf" $P --title "Atestado $MARK"
expect_out "attachment 1 of case $id: pdf" "it is attachment 1, typed pdf from its content"
expect 0 "a file of several chunks is attached" -- case attach "$id" "$T/big.txt" $P
[ "$(count_rows attachments)" = "$((rows0 + 2))" ] && ok "two rows" || not_ok "two rows"
[ "$(count_rows attachment_chunks)" -ge 5 ] && ok "the big file is stored in chunks" ||
	not_ok "the big file is stored in chunks ($(count_rows attachment_chunks))"

expect 0 "attachment 1 is written out" -- case attachment get "$id" 1 --out "$T/out1.pdf" $P
cmp -s "$T/report.pdf" "$T/out1.pdf" && ok "round trip byte for byte (pdf)" ||
	not_ok "round trip byte for byte (pdf)"
expect 0 "attachment 2 is written out" -- case attachment get "$id" 2 --out "$T/out2.txt" $P
cmp -s "$T/big.txt" "$T/out2.txt" && ok "round trip byte for byte (3.5 MiB, several chunks)" ||
	not_ok "round trip byte for byte (3.5 MiB)"
[ "$(stat -c %a "$T/out1.pdf")" = 600 ] && ok "the file written is mode 0600" || not_ok "mode 0600"
expect 5 "--out never overwrites" -- case attachment get "$id" 1 --out "$T/out1.pdf" $P
"$KHIPU" case attachment get "$id" 1 --out - $P >"$T/stdout.pdf" 2>/dev/null
cmp -s "$T/report.pdf" "$T/stdout.pdf" && ok "--out - writes to standard output" || not_ok "--out -"

expect 0 "the list" -- case attachments "$id" $P --format json
python3 - "$T/out" "$MARK" <<'PY' && ok "the list: numbers, titles, types, sizes" || not_ok "the list"
import json, sys
a = json.load(open(sys.argv[1]))
assert [x["n"] for x in a] == [1, 2], a
assert a[0]["title"] == "Atestado " + sys.argv[2] and a[0]["filename"] == "report.pdf"
assert a[0]["type"] == "pdf" and a[0]["mime"] == "application/pdf" and a[1]["type"] == "text"
assert a[1]["title"] == "big.txt" and a[0]["created_by"] == "demo-prosecutor"
PY

# nowhere in clear
if [ -n "$PGDB" ]; then
	"$KHIPU" backup --out "$T/b.db" >/dev/null
	psql "$KHIPU_DB" -X -tA -c "SELECT encode(data, 'escape') FROM attachment_chunks" \
		-c "SELECT encode(blob, 'escape') FROM sealed" -c "SELECT * FROM attachments" >"$T/dump"
	grep -q "$MARK" "$T/dump" && not_ok "no marker in the PostgreSQL tables" ||
		ok "no marker in the PostgreSQL tables"
	grep -q "$MARK" "$T/b.db" && not_ok "no marker in the backup" || ok "no marker in the backup"
else
	"$KHIPU" backup --out "$T/b.db" >/dev/null
	found=""
	for f in "$KHIPU_DB" "$KHIPU_DB-wal" "$T/b.db"; do
		[ -f "$f" ] && grep -q "$MARK" "$f" && found="$found $f"
	done
	[ -z "$found" ] && ok "no marker in the database, its WAL or the backup" ||
		not_ok "the marker is in clear in:$found"
	grep -q "Declaraci" "$KHIPU_DB" && not_ok "no text of the file in the database" ||
		ok "no text of the file in the database"
fi

# bad input: nothing written
cp /bin/true "$T/informe.pdf"
expect 2 "an executable named .pdf is refused" -- case attach "$id" "$T/informe.pdf" $P
expect_err "executable program" "the message says it is a program"
printf '#!/bin/sh\necho hi\n' >"$T/acta.pdf"
expect 2 "a script named .pdf is refused" -- case attach "$id" "$T/acta.pdf" $P
: >"$T/empty.pdf"
expect 2 "an empty file is refused" -- case attach "$id" "$T/empty.pdf" $P
expect_err "empty" "the message says it is empty"
head -c 3000 "$T/big.txt" >"$T/3k.txt"
KHIPU_ATTACH_MAX=2KiB expect 2 "a file over KHIPU_ATTACH_MAX is refused" -- \
	case attach "$id" "$T/3k.txt" $P
expect_err "the file is 2.9 KiB; an attachment may be at most 2.0 KiB" "the message gives the size and the limit"
KHIPU_ATTACH_MAX=4KiB expect 0 "under a raised limit it is attached" -- \
	case attach "$id" "$T/3k.txt" $P
KHIPU_ATTACH_MAX=lots expect 2 "a KHIPU_ATTACH_MAX that is no size is refused" -- \
	case attach "$id" "$T/3k.txt" $P
expect_err "KHIPU_ATTACH_MAX" "the message names the variable"
python3 -c "import sys; sys.stdout.buffer.write(b'\x00\x01\x02binary' * 100)" >"$T/blob.bin"
expect 2 "an unknown binary type is refused" -- case attach "$id" "$T/blob.bin" $P
expect 3 "an unknown case" -- case attach 999999 "$T/report.pdf" $P
expect 3 "an unknown attachment number" -- case attachment get "$id" 9 --out "$T/x" $P
expect 2 "a number that is not one" -- case attachment get "$id" x --out "$T/x" $P
[ "$(count_rows attachments)" = "$((rows0 + 3))" ] && ok "nothing written by the refusals" ||
	not_ok "nothing written by the refusals ($(count_rows attachments))"

# the policy
"$KHIPU" user add lima-fiscal --role prosecutor --office FEPMTP-LIM --as demo-admin >/dev/null <<PW
lima-fiscal-pw-1234
PW
expect 4 "a prosecutor of another office may not attach" -- \
	case attach "$id" "$T/report.pdf" --as lima-fiscal
expect 4 "nor list" -- case attachments "$id" --as lima-fiscal
expect 4 "nor open" -- case attachment get "$id" 1 --out "$T/lima.pdf" --as lima-fiscal
[ ! -e "$T/lima.pdf" ] && ok "no file written on a refusal" || not_ok "no file written on a refusal"
expect 0 "an analyst lists the files" -- case attachments "$id" --as demo-analyst --format json
python3 -c "import json,sys; a=json.load(open(sys.argv[1])); assert all(x['title'] is None and x['filename'] is None for x in a)" \
	"$T/out" && ok "an analyst sees no title or name" || not_ok "an analyst sees no title or name"
expect 4 "an analyst may not open a file" -- \
	case attachment get "$id" 1 --out "$T/an.pdf" --as demo-analyst
expect 4 "an analyst may not attach" -- case attach "$id" "$T/report.pdf" --as demo-analyst
expect 0 "police of the office open it" -- \
	case attachment get "$id" 1 --out "$T/police.pdf" --as demo-police

# the audit trail
"$KHIPU" audit show --as demo-auditor --format json >"$T/audit.json"
python3 - "$T/audit.json" "$id" "$MARK" <<'PY' && ok "attaching and every opening are audited, with no title or name" || not_ok "the audit trail of attachments"
import json, sys
a = json.load(open(sys.argv[1])); case = "case:" + sys.argv[2]
gets = [e for e in a if e["action"] == "attachment.read" and e["object"] == case]
assert len(gets) == 4, gets                       # out1, out2, stdout, police
assert {e["actor"] for e in gets} == {"demo-prosecutor", "demo-police"}
adds = [e for e in a if e["action"] == "case.update" and "attach" in json.dumps(e)]
assert len(adds) == 3, adds
denied = [e for e in a if e["action"] == "access.denied" and "attachment.read" in json.dumps(e)]
assert len(denied) >= 2, denied
assert sys.argv[3] not in json.dumps(a) and "report.pdf" not in json.dumps(a)
PY
expect 0 "the audit trail verifies" -- audit verify

# key rotation rewraps the file keys; the files still open
expect 0 "key rotate" -- key rotate --as demo-admin
expect 0 "attachment 2 opens after a key rotation" -- \
	case attachment get "$id" 2 --out "$T/rot.txt" $P
cmp -s "$T/big.txt" "$T/rot.txt" && ok "the same bytes after the rotation" || not_ok "same bytes after rotation"
[ "$(db_sql "SELECT count(*) FROM sealed WHERE tbl = 'attachment' AND col = 'key'")" = 3 ] &&
	ok "one sealed key per file" || not_ok "one sealed key per file"

# a backup carries the files; a restore brings them back
"$KHIPU" backup --out "$T/b2.db" >/dev/null
expect 0 "a fourth file after the backup" -- case attach "$id" "$T/report.pdf" $P
expect 0 "restore" -- restore --from "$T/b2.db"
expect 0 "attachment 2 opens after the restore" -- \
	case attachment get "$id" 2 --out "$T/rest.txt" $P
cmp -s "$T/big.txt" "$T/rest.txt" && ok "the same bytes after the restore" || not_ok "same bytes after restore"
expect 3 "the file attached after the backup is gone" -- \
	case attachment get "$id" 4 --out "$T/gone" $P

# tampering: a changed byte in a chunk is refused, nothing written
aid=$(db_sql "SELECT id FROM attachments WHERE case_id = $id AND seq = 1")
if [ -n "$PGDB" ]; then
	psql "$KHIPU_DB" -X -q -c "UPDATE attachment_chunks SET data = overlay(data placing '\\x00'::bytea from 30 for 1) WHERE attachment_id = $aid"
else
	sqlite3 "$KHIPU_DB" "UPDATE attachment_chunks SET data = substr(data, 1, 29) || x'00' || substr(data, 31) WHERE attachment_id = $aid"
fi
run case attachment get "$id" 1 --out "$T/tampered.pdf" $P
[ "$rc" = 7 ] || [ "$rc" = 8 ] && ok "a tampered file is refused (exit $rc)" || not_ok "a tampered file is refused (exit $rc)"
[ ! -e "$T/tampered.pdf" ] && ok "and nothing is written" || not_ok "and nothing is written"
done_testing
