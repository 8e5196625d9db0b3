#!/bin/sh
# t0301 — signing in and out, sessions, CSRF, lock-out.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 10
start_server
A="$T/anon"

http "$A" GET /cases
expect_code 303 "a page without a session sends to sign-in"
grep -qi '^Location: /login' "$T/hdr" && ok "to /login" || not_ok "to /login"
http "$A" POST /cases/new -d 'number=x'
expect_code 403 "a POST without a session is refused"

http "$A" GET /login
expect_code 200 "the sign-in page answers"
grep -qi '^Set-Cookie: khipu_csrf=.*HttpOnly.*SameSite=Strict' "$T/hdr" &&
	ok "the sign-in form gets a CSRF cookie" || not_ok "sign-in CSRF cookie"
grep -q 'name="username"' "$T/body" && grep -q 'name="password"' "$T/body" &&
	grep -q 'name="csrf"' "$T/body" && ok "fields username, password, csrf" || not_ok "sign-in fields"
grep -q '<label for="username"' "$T/body" && ok "the fields have labels" || not_ok "labels"

http "$A" POST /login --data-urlencode "username=demo-prosecutor" --data-urlencode "password=$DEMO_PW"
expect_code 403 "sign-in without the csrf field is 403"
grep -qi '^Set-Cookie: khipu_session' "$T/hdr" && not_ok "and opens no session" || ok "and opens no session"
c=$(csrf_of "$A" /login)
http "$A" POST /login --data-urlencode "username=demo-prosecutor" --data-urlencode "password=$DEMO_PW" \
	--data-urlencode "csrf=0000000000000000000000000000000000000000000000000000000000000000"
expect_code 403 "sign-in with a wrong csrf is 403"

login demo-prosecutor "$T/p" "wrong-password-1"
expect_code 403 "a wrong password is refused"
grep -q 'role="alert"' "$T/body" && ok "with a message" || not_ok "with a message"
grep -q 'value="demo-prosecutor"' "$T/body" && ok "keeping the user name" || not_ok "keeping the user name"
login nobody-here "$T/p"
expect_code 403 "an unknown user is refused"

login demo-prosecutor "$T/p"
expect_code 303 "the right password signs in with 303"
grep -qi '^Location: /' "$T/hdr" && ok "to the start page" || not_ok "to the start page"
cookie=$(tr -d '\r' <"$T/hdr" | grep -i '^Set-Cookie: khipu_session=')
echo "$cookie" | grep -q 'HttpOnly' && echo "$cookie" | grep -q 'SameSite=Strict' &&
	ok "the session cookie is HttpOnly and SameSite=Strict" || not_ok "cookie flags ($cookie)"
echo "$cookie" | grep -q 'Secure' && not_ok "no Secure flag on plain HTTP" || ok "no Secure flag on plain HTTP"
sid=$(echo "$cookie" | sed 's/.*khipu_session=\([0-9a-f]*\).*/\1/')
[ ${#sid} = 64 ] && ok "the session id is 256 bits" || not_ok "session id length ${#sid}"
sqlite3 "$KHIPU_DB" "SELECT count(*) FROM sessions WHERE hash = x'$sid'" | grep -q '^0$' &&
	ok "the id is not stored in clear" || not_ok "the id is stored in clear"
http "$T/p" GET /cases
expect_code 200 "the session opens the case list"

# renewal: signing in again gives a new id and ends the old one
cp "$T/p" "$T/old"
login demo-prosecutor "$T/p2"
c=$(csrf_of "$T/p" /cases)
http "$T/p" POST /login --data-urlencode "username=demo-prosecutor" --data-urlencode "password=$DEMO_PW" \
	--data-urlencode "csrf=$c"
sid2=$(tr -d '\r' <"$T/hdr" | grep -i '^Set-Cookie: khipu_session=' | sed 's/.*khipu_session=\([0-9a-f]*\).*/\1/')
[ -n "$sid2" ] && [ "$sid2" != "$sid" ] && ok "signing in again renews the session id" ||
	not_ok "session renewal"
http "$T/old" GET /cases
expect_code 303 "the old session id no longer works"

# CSRF on a state-changing form
id=$("$KHIPU" case list --as demo-prosecutor --format csv | sed -n 2p | cut -d, -f1)
before=$(count_rows events)
http "$T/p" POST "/cases/$id/events" -d 'stage=trial&date=2024-05-02'
expect_code 403 "an event without csrf is 403"
c2=$(csrf_of "$T/p2" /cases)
http "$T/p" POST "/cases/$id/events" -d "stage=trial&date=2024-05-02&csrf=$c2"
expect_code 403 "a csrf token of another session is 403"
[ "$(count_rows events)" = "$before" ] && ok "and nothing was written" || not_ok "nothing written"
c=$(csrf_of "$T/p" "/cases/$id")
http "$T/p" POST "/cases/$id/events" -d "stage=trial&date=2024-05-02&csrf=$c"
expect_code 303 "with its own csrf token the event is recorded"
[ "$(count_rows events)" = "$((before + 1))" ] && ok "one event more" || not_ok "one event more"

# sign-out
c=$(csrf_of "$T/p" /cases)
cp "$T/p" "$T/before-logout"
http "$T/p" POST /logout -d "csrf=$c"
expect_code 303 "sign-out answers 303"
http "$T/before-logout" GET /cases
expect_code 303 "after sign-out the old cookie opens nothing"

# lock-out after repeated wrong passwords
for i in 1 2 3 4 5; do login demo-police "$T/x" "wrong-password-$i"; done
login demo-police "$T/x"
expect_code 403 "after 5 wrong passwords even the right one is refused"
sqlite3 "$KHIPU_DB" "SELECT locked FROM users WHERE name = 'demo-police'" | grep -q 1 &&
	ok "the account is locked" || not_ok "the account is locked"
run audit show --as demo-auditor --format json
grep -q '"auth.lockout"' "$T/out" && ok "the lock-out is audited" || not_ok "lock-out audited"
login demo-admin "$T/adm"
c=$(csrf_of "$T/adm" /admin/users)
http "$T/adm" POST /admin/users/demo-police/lock -d "locked=0&csrf=$c"
expect_code 303 "an administrator unlocks it on the web"
login demo-police "$T/x"
expect_code 303 "then the user signs in"

# many sign-ins at once: the hashing is bounded, not refused
pids=""
for i in 1 2 3 4 5 6; do
	( login demo-prosecutor "$T/c$i" >/dev/null; echo "$code" >"$T/c$i.code" ) &
	pids="$pids $!"
done
wait $pids
n=$(cat "$T"/c[1-6].code | grep -c 303)
[ "$n" = 6 ] && ok "six concurrent sign-ins all succeed" || not_ok "concurrent sign-ins ($n of 6)"
# the second factor (TOTP)
run user totp demo-liaison
[ "$rc" = 0 ] && ok "user totp enrols" || not_ok "user totp enrols ($rc)"
secret=$(sed -n 1p "$T/out")
grep -q "^otpauth://totp/Khipu:demo-liaison?secret=$secret" "$T/out" && ok "and prints an otpauth address" ||
	not_ok "otpauth address"
totp() {   # RFC 6238 code of the secret now (what an authenticator app shows)
	python3 -c 'import base64,hmac,struct,sys,time
k = base64.b32decode(sys.argv[1] + "=" * (-len(sys.argv[1]) % 8))
h = hmac.new(k, struct.pack(">Q", int(time.time()) // 30), "sha1").digest()
o = h[-1] & 15
print("%06d" % ((struct.unpack(">I", h[o:o + 4])[0] & 0x7fffffff) % 1000000))' "$1"
}
login demo-liaison "$T/l"
expect_code 403 "an enrolled user without a code is refused"
grep -q 'name="totp"' "$T/body" && ok "the sign-in form asks for the code" || not_ok "totp field"
rm -f "$T/l"
c=$(csrf_of "$T/l" /login)
http "$T/l" POST /login --data-urlencode "username=demo-liaison" --data-urlencode "password=$DEMO_PW" \
	--data-urlencode "csrf=$c" --data-urlencode "totp=$(totp "$secret")"
expect_code 303 "with the right code the user signs in"
c=$(csrf_of "$T/l2" /login)
http "$T/l2" POST /login --data-urlencode "username=demo-liaison" --data-urlencode "password=$DEMO_PW" \
	--data-urlencode "csrf=$c" --data-urlencode "totp=000000"
[ "$code" = 403 ] && ok "a wrong code is refused" || not_ok "wrong code ($code)"
stop_server
done_testing
