#!/bin/sh
# t0502 — attachments over HTTP: the upload form (multipart/form-data with
# the CSRF token) and the audited download of the case page, and the JSON
# API (list, upload, content): round trip byte for byte, Content-Disposition
# attachment and nosniff, an executable named .pdf refused, the size limit
# (413), other offices and analysts refused, every download in the trail.
# Runs on SQLite and PostgreSQL (pg-t0502).
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 20
OWN=$("$KHIPU" case list --as demo-prosecutor --limit 1 --format csv | sed -n '2s/,.*//p')
"$KHIPU" user add lima-fiscal --role prosecutor --office FEPMTP-LIM --as demo-admin >/dev/null <<PW
lima-fiscal-pw-1234
PW
printf '%%PDF-1.4\n%% WEB-ATTACH-MARKER\n' >"$T/report.pdf"
head -c 2000 /dev/urandom >>"$T/report.pdf"
cp /bin/true "$T/informe.pdf"
start_server

P="$T/jar-p"
login demo-prosecutor "$P" >/dev/null
http "$P" GET "/cases?lang=en"   # messages in English (a cookie)
c=$(csrf_of "$P" "/cases/$OWN")
[ -n "$c" ] && ok "the case page has a form token" || not_ok "the case page has a form token"
http "$P" GET "/cases/$OWN"
grep -q 'enctype="multipart/form-data"' "$T/body" && grep -q 'id="attachments"' "$T/body" &&
	ok "the case page has the Attachments section and its upload form" || not_ok "the upload form"

http "$P" POST "/cases/$OWN/attachments" -F "file=@$T/report.pdf;type=application/pdf" \
	-F "title=Atestado web" -F "csrf=$c"
expect_code 303 "an upload through the form is accepted"
grep -qi "^Location: /cases/$OWN#attachments" "$T/hdr" && ok "and leads back to the case" ||
	not_ok "Location"
http "$P" GET "/cases/$OWN"
grep -q "Atestado web" "$T/body" && ok "the case page lists it" || not_ok "the case page lists it"
grep -q 'id="download-1"' "$T/body" && ok "with a download button" || not_ok "download button"

http "$P" POST "/cases/$OWN/attachments/1" -d "csrf=$c"
expect_code 200 "the download"
cmp -s "$T/body" "$T/report.pdf" && ok "is the file, byte for byte" || not_ok "byte for byte"
grep -qi '^Content-Disposition: attachment; filename="case-[0-9]*-1.pdf"; filename\*=UTF-8'"''"'report.pdf' "$T/hdr" &&
	ok "as an attachment, under its name" || { not_ok "Content-Disposition"; grep -i disposition "$T/hdr"; }
grep -qi '^X-Content-Type-Options: nosniff' "$T/hdr" && ok "nosniff" || not_ok "nosniff"
grep -qi '^Content-Type: application/pdf' "$T/hdr" && ok "typed from the content" || not_ok "Content-Type"
grep -qi '^Cache-Control: no-store' "$T/hdr" && ok "not cached" || not_ok "no-store"
http "$P" POST "/cases/$OWN/attachments/1" -d "csrf=wrong"
expect_code 403 "a download without the form token is refused"
http "$P" POST "/cases/$OWN/attachments" -F "file=@$T/report.pdf" -F "csrf=wrong"
expect_code 403 "an upload without the form token is refused"

http "$P" POST "/cases/$OWN/attachments" -F "file=@$T/informe.pdf;type=application/pdf" -F "csrf=$c"
expect_code 422 "an executable named .pdf is refused"
grep -q "executable program" "$T/body" && ok "saying why" || not_ok "saying why"
http "$P" POST "/cases/$OWN/attachments" -F "title=nothing" -F "csrf=$c"
expect_code 422 "a form without a file is refused"
http "$P" POST "/cases/$OWN/attachments" -H "Content-Type: multipart/form-data; boundary=XyZ" \
	--data-binary "--XyZ\r\nbroken"
expect_code 400 "a malformed multipart body is 400"

L="$T/jar-l"
login lima-fiscal "$L" lima-fiscal-pw-1234 >/dev/null
cl=$(csrf_of "$L" /cases)
http "$L" POST "/cases/$OWN/attachments/1" -d "csrf=$cl"
expect_code 403 "a prosecutor of another office may not download"
http "$L" POST "/cases/$OWN/attachments" -F "file=@$T/report.pdf" -F "csrf=$cl"
expect_code 403 "nor upload"
A="$T/jar-a"
login demo-analyst "$A" >/dev/null
http "$A" GET "/cases/$OWN"
grep -q "Atestado web" "$T/body" && not_ok "an analyst sees no title" || ok "an analyst sees no title"
ca=$(csrf_of "$A" "/cases/$OWN")
http "$A" POST "/cases/$OWN/attachments/1" -d "csrf=$ca"
expect_code 403 "an analyst may not download"

# the API
TP=$("$KHIPU" token create --as demo-prosecutor)
TA=$("$KHIPU" token create --as demo-analyst)
J="$T/none"
http "$J" GET "/api/v1/cases/$OWN/attachments" -H "Authorization: Bearer $TP"
expect_code 200 "the API lists the attachments"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["attachments"]; assert a[0]["n"]==1 and a[0]["title"]=="Atestado web" and a[0]["type"]=="pdf"' \
	"$T/body" && ok "with number, title and type" || not_ok "API list"
http "$J" POST "/api/v1/cases/$OWN/attachments" -H "Authorization: Bearer $TP" \
	-F "file=@$T/report.pdf" -F "title=por la API"
expect_code 201 "the API takes a multipart upload"
grep -qi "^Location: /api/v1/cases/$OWN/attachments/2" "$T/hdr" && ok "Location names it" || not_ok "Location"
http "$J" POST "/api/v1/cases/$OWN/attachments?name=r.pdf&title=raw" -H "Authorization: Bearer $TP" \
	-H "Content-Type: application/octet-stream" --data-binary "@$T/report.pdf"
expect_code 201 "and the raw bytes"
http "$J" GET "/api/v1/cases/$OWN/attachments/3" -H "Authorization: Bearer $TP"
expect_code 200 "the API gives the content"
cmp -s "$T/body" "$T/report.pdf" && ok "byte for byte" || not_ok "API byte for byte"
grep -qi '^Content-Disposition: attachment' "$T/hdr" && grep -qi '^X-Content-Type-Options: nosniff' "$T/hdr" &&
	ok "as an attachment, nosniff" || not_ok "API headers"
http "$J" POST "/api/v1/cases/$OWN/attachments" -H "Authorization: Bearer $TP" \
	-H "Content-Type: text/plain" --data-binary "hello"
expect_code 415 "another content type is 415"
http "$J" POST "/api/v1/cases/$OWN/attachments?name=x.pdf" -H "Authorization: Bearer $TP" \
	-H "Content-Type: application/octet-stream" --data-binary "@$T/informe.pdf"
expect_code 422 "the API refuses an executable named .pdf"
http "$J" GET "/api/v1/cases/$OWN/attachments/1" -H "Authorization: Bearer $TA"
expect_code 403 "an analyst's token may not open it"
http "$J" GET "/api/v1/cases/$OWN/attachments" -H "Authorization: Bearer $TA"
python3 -c 'import json,sys; a=json.load(open(sys.argv[1]))["attachments"]; assert len(a)==3 and all(x["title"] is None for x in a)' \
	"$T/body" && ok "an analyst's list has no titles" || not_ok "analyst list"
stop_server

# the size limit, on a server started with KHIPU_ATTACH_MAX
KHIPU_ATTACH_MAX=64KiB start_server
login demo-prosecutor "$P" >/dev/null
http "$P" GET "/cases?lang=en"
c=$(csrf_of "$P" "/cases/$OWN")
head -c 100000 /dev/urandom >"$T/mid.bin"; { printf '%%PDF-1.4\n'; cat "$T/mid.bin"; } >"$T/100k.pdf"
head -c 3000000 /dev/urandom >"$T/big.bin"; { printf '%%PDF-1.4\n'; cat "$T/big.bin"; } >"$T/3m.pdf"
http "$P" POST "/cases/$OWN/attachments" -F "file=@$T/100k.pdf" -F "csrf=$c"
expect_code 413 "a file over KHIPU_ATTACH_MAX is 413"
grep -q "at most 64.0 KiB" "$T/body" && ok "saying the limit" || not_ok "saying the limit"
http "$P" POST "/cases/$OWN/attachments" -F "file=@$T/3m.pdf" -F "csrf=$c"
expect_code 413 "a body far over it is 413 before it is read"
http "$J" POST "/api/v1/cases/$OWN/attachments" -H "Authorization: Bearer $TP" -F "file=@$T/100k.pdf"
expect_code 413 "the API says 413 too"
stop_server

"$KHIPU" audit show --as demo-auditor --format json >"$T/audit.json"
python3 - "$T/audit.json" <<'PY' && ok "both downloads and the refusals are in the audit trail" || not_ok "audit of web downloads"
import json, sys
a = json.load(open(sys.argv[1]))
assert len([e for e in a if e["action"] == "attachment.read"]) == 2
assert len([e for e in a if e["action"] == "access.denied" and "attachment.read" in e["detail"]]) >= 3
assert not any("Atestado" in json.dumps(e) for e in a)
PY
[ "$srv_rc" = 0 ] && ok "the server stopped cleanly" || not_ok "the server stopped cleanly ($srv_rc)"
done_testing
