#!/bin/sh
# t0300 — the web server: health, metrics (behind a token), headers (also on
# libmicrohttpd's own error answers), 404, 405, 413, assets, the request log,
# TLS, graceful shutdown.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 10
MT=metrics-token-0123456789abcdef0123456789
printf '%s\n' "$MT" >"$T/mtok"
chmod 644 "$T/mtok"
expect 2 "a metrics token others may read is refused" -- serve --listen 127.0.0.1:0 --metrics-token-file "$T/mtok"
expect_err "chmod 600" "the error says what to do"
chmod 600 "$T/mtok"
start_server --metrics-token-file "$T/mtok"
J="$T/anon"

http "$J" GET /healthz
expect_code 200 "GET /healthz answers 200"
grep -q '^ok' "$T/body" && ok "healthz says ok" || not_ok "healthz says ok"

for p in /healthz /login /nope /cases /assets/khipu.css /api/v1/cases; do
	http "$J" GET "$p"
	h=$(tr -d '\r' <"$T/hdr")
	echo "$h" | grep -q "^Content-Security-Policy: default-src 'none'.*frame-ancestors 'none'" &&
	echo "$h" | grep -q "^X-Content-Type-Options: nosniff" &&
	echo "$h" | grep -q "^Referrer-Policy: no-referrer" &&
	! echo "$h" | grep -qi "^Content-Security-Policy:.*unsafe-inline" &&
		ok "security headers on $p" || not_ok "security headers on $p"
done
http "$J" GET /login
grep -qi '^Cache-Control: no-store' "$T/hdr" && ok "pages are not cached" || not_ok "pages are not cached"
grep -q '<script' "$T/body" && not_ok "pages carry no script" || ok "pages carry no script"

# libmicrohttpd answers these itself, before any handler: headers all the same
long=$(head -c 40000 /dev/zero | tr '\0' 'a')
for case in "400|-H Content-Length:abc|/healthz" "414||/$long" "431|-H X-Big:$long|/healthz"; do
	want=${case%%|*}; rest=${case#*|}; arg=${rest%%|*}; p=${rest#*|}
	# shellcheck disable=SC2086
	code=$($CURL -o "$T/body" -D "$T/hdr" -w '%{http_code}' $arg "$URL$p")
	h=$(tr -d '\r' <"$T/hdr")
	[ "$code" = "$want" ] && echo "$h" | grep -q "^Content-Security-Policy: default-src 'none'" &&
	echo "$h" | grep -q "^X-Content-Type-Options: nosniff" &&
	echo "$h" | grep -q "^X-Frame-Options: DENY" &&
		ok "security headers on the library's own $want" ||
		not_ok "security headers on the library's own $want (HTTP $code)"
done

http "$J" GET /no/such/page
expect_code 404 "unknown route is 404"
grep -q '<html lang="es"' "$T/body" && ok "404 is a page, in Spanish by default" || not_ok "404 page"
http "$J" GET /api/v1/nothing
expect_code 404 "unknown API route is 404"
grep -q '"error":{"code":"not_found"' "$T/body" && ok "API 404 is a JSON error" || not_ok "API 404 is JSON"

http "$J" DELETE /cases
expect_code 405 "DELETE /cases is 405"
grep -qi '^Allow: GET, HEAD' "$T/hdr" && ok "405 names the allowed methods" || not_ok "405 Allow header"
http "$J" POST /healthz
expect_code 405 "POST /healthz is 405"
http "$J" GET /logout
expect_code 405 "GET /logout is 405"

head -c 1100000 /dev/zero | tr '\0' 'a' >"$T/big"
http "$J" POST /login -H 'Content-Type: application/x-www-form-urlencoded' --data-binary @"$T/big"
expect_code 413 "a body over 1 MiB is 413"
http "$J" POST /api/v1/cases -H 'Content-Type: application/json' --data-binary @"$T/big"
expect_code 413 "an API body over 1 MiB is 413"
grep -q '"code":"too_large"' "$T/body" && ok "API 413 is a JSON error" || not_ok "API 413 JSON"
http "$J" GET /healthz
expect_code 200 "the server keeps serving after refusals"

http "$J" POST /login -H 'Content-Type: application/x-www-form-urlencoded' --data-binary 'username=%zz&password=%'
expect_code 400 "a malformed form is 400"
code=$($CURL -I -o "$T/body" -w '%{http_code}' "$URL/healthz")
[ "$code" = 200 ] && ok "HEAD is answered like GET" || not_ok "HEAD ($code)"
for c in "serve" "token create" "token revoke" "user totp"; do
	run $c --help
	[ "$rc" = 0 ] && grep -q "usage" "$T/out" && ok "khipu $c --help" || not_ok "khipu $c --help"
done
run man serve
grep -q '^\.TH' "$T/out" && ok "khipu man serve" || not_ok "khipu man serve"

http "$J" GET /assets/khipu.css
expect_code 200 "the stylesheet is served"
grep -qi '^Content-Type: text/css' "$T/hdr" && ok "as text/css" || not_ok "as text/css"
grep -q '@media print' "$T/body" && ok "with a print style" || not_ok "with a print style"
for p in '/assets/../../etc/passwd' '/assets/%2e%2e%2fetc%2fpasswd' '/assets/..%2F..%2Fetc%2Fpasswd' '/assets/khipu.css/x'; do
	code=$($CURL --path-as-is -o "$T/body" -w '%{http_code}' "$URL$p")
	[ "$code" = 404 ] && ! grep -q 'root:' "$T/body" && ok "no path traversal: $p" ||
		not_ok "no path traversal: $p (HTTP $code)"
done

http "$J" GET /metrics
expect_code 401 "GET /metrics without the token is 401"
grep -q khipu_ "$T/body" && not_ok "and shows no figure" || ok "and shows no figure"
http "$J" GET /metrics -H "Authorization: Bearer ${MT}x"
expect_code 401 "GET /metrics with a wrong token is 401"
login demo-admin "$T/adm" >/dev/null
http "$T/adm" GET /metrics
expect_code 401 "a signed-in administrator needs the token too"
http "$J" GET /metrics -H "Authorization: Bearer $MT"
expect_code 200 "GET /metrics with the token answers"
grep -q '^khipu_http_requests_total{route="/healthz",status="200"} [1-9]' "$T/body" &&
	ok "metrics count requests by route and status" || not_ok "metrics by route and status"
grep -q '^khipu_http_request_duration_seconds_bucket{le="+Inf"} [1-9]' "$T/body" &&
	ok "metrics have a latency histogram" || not_ok "latency histogram"
grep -q '^khipu_sessions_open 1' "$T/body" && ok "metrics count open sessions" || not_ok "open sessions"
login demo-prosecutor
http "$J" GET /metrics -H "Authorization: Bearer $MT"
grep -q '^khipu_sessions_open 2' "$T/body" && ok "a sign-in opens a session" || not_ok "session gauge"

login demo-prosecutor "$T/p"
http "$T/p" GET '/cases?number=SECRETQUERY&stage=trial'
expect_code 200 "a filtered list answers"
grep -q 'SECRETQUERY' "$T/serve.log" && not_ok "the log holds no query string" ||
	ok "the log holds no query string"
grep -q 'demo-prosecutor' "$T/serve.log" && not_ok "the log names no user" || ok "the log names no user"
grep -q '^web: GET /cases 200' "$T/serve.log" && ok "the log has one line per request" ||
	not_ok "request log lines"

# a slow upload under way when SIGTERM comes still gets its answer
head -c 400000 /dev/zero | tr '\0' 'x' >"$T/slow"
$CURL --limit-rate 100k -o "$T/slowbody" -w '%{http_code}' -H 'Content-Type: application/json' \
	-H "Authorization: Bearer 0000000000000000000000000000000000000000000000000000000000000000" \
	--data-binary @"$T/slow" "$URL/api/v1/cases" >"$T/slowcode" &
cpid=$!
sleep 1
stop_server
wait $cpid
[ "$(cat "$T/slowcode")" = 401 ] && ok "a request in flight at SIGTERM is answered" ||
	not_ok "request in flight answered (got '$(cat "$T/slowcode")')"
[ "$srv_rc" = 0 ] && ok "SIGTERM stops the server cleanly" || not_ok "SIGTERM stop (exit $srv_rc)"
grep -q 'stopping' "$T/serve.log" && ok "it says it is stopping" || not_ok "stop message"

# a second server cannot take a port in use
start_server
"$KHIPU" serve --listen "127.0.0.1:$PORT" 2>"$T/err" &
p2=$!
wait $p2
rc=$?
[ "$rc" != 0 ] && ok "a port in use is an error" || not_ok "a port in use is an error"
expect_err "cannot listen" "the error says why"
stop_server
start_server
http "$J" GET /metrics -H "Authorization: Bearer $MT"
expect_code 404 "without --metrics-token-file there is no /metrics"
stop_server
expect 2 "a bad --listen is refused" -- serve --listen nonsense
expect 2 "--tls-cert needs --tls-key" -- serve --listen 127.0.0.1:0 --tls-cert /dev/null

# TLS: a self-signed certificate; cookies become Secure
if command -v openssl >/dev/null 2>&1; then
	openssl req -x509 -newkey rsa:2048 -nodes -keyout "$T/key.pem" -out "$T/cert.pem" \
		-days 1 -subj "/CN=127.0.0.1" >/dev/null 2>&1
	start_server --tls-cert "$T/cert.pem" --tls-key "$T/key.pem"
	URL="https://127.0.0.1:$PORT"
	http "$J" GET /healthz
	expect_code 200 "HTTPS answers"
	grep -qi '^Strict-Transport-Security' "$T/hdr" && ok "HSTS under TLS" || not_ok "HSTS under TLS"
	login demo-prosecutor "$T/tls"
	grep -i '^Set-Cookie: khipu_session=' "$T/hdr" | grep -q 'Secure' &&
		ok "the session cookie is Secure under TLS" || not_ok "Secure cookie under TLS"
	stop_server
else
	not_ok "openssl is needed for the TLS test (scripts/deps.sh installs it)"
fi
done_testing
