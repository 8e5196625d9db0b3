#!/bin/sh
# t0301 — signing in and out, sessions, CSRF, the delay after failed
# sign-ins (by address and by account), sessions ended by a new password or
# a lock, the second factor.
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

# failed sign-ins: a growing delay by address and by account, never a lock
login_at() {   # login_at ADDR USER JAR [PASSWORD]: sign in from a loopback address
	rm -f "$3"
	c=$(csrf_of "$3" /login)
	http "$3" POST /login --interface "$1" --data-urlencode "username=$2" \
		--data-urlencode "password=${4:-$DEMO_PW}" --data-urlencode "csrf=$c"
}
alert() { grep -o '<p class="error" role="alert">[^<]*' "$T/body" | sed 's/.*>//'; }
login_at 127.0.0.5 nobody-at-all "$T/n" wrong-password-0
m_unknown=$(alert)
login_at 127.0.0.5 demo-police "$T/n" wrong-password-0
[ "$code" = 403 ] && [ -n "$m_unknown" ] && [ "$(alert)" = "$m_unknown" ] &&
	ok "a wrong password and an unknown name get the same answer" ||
	not_ok "the same answer for an unknown name ('$m_unknown' / '$(alert)')"
login_at 127.0.0.3 demo-police "$T/own"
expect_code 303 "the owner signs in from her usual address"
# a guesser elsewhere: fail until the wait is at least 4 s (failures during a
# wait are refused without a hash and do not count)
n=0; ra=0
while [ "$n" -lt 40 ] && [ "${ra:-0}" -lt 4 ]; do
	login_at 127.0.0.2 demo-police "$T/x" "wrong-password-$n"
	ra=$(tr -d '\r' <"$T/hdr" | sed -n 's/^Retry-After: //Ip')
	[ "$code" = 429 ] && sleep 0.3
	n=$((n + 1))
done
[ "${ra:-0}" -ge 4 ] && ok "failures make the next attempt wait, longer each time (Retry-After $ra)" ||
	not_ok "a growing wait (Retry-After '${ra:-}' after $n attempts)"
login_at 127.0.0.2 demo-police "$T/x"
expect_code 429 "while it waits even the right password is refused from there"
grep -qi '^Retry-After: [1-9]' "$T/hdr" && ok "with Retry-After" || not_ok "Retry-After"
m_wait=$(alert)
login_at 127.0.0.4 demo-police "$T/x"
expect_code 429 "the account waits from a new address too"
login_at 127.0.0.3 demo-police "$T/own"
expect_code 303 "but its owner still signs in from her usual address"
sqlite3 "$KHIPU_DB" "SELECT locked FROM users WHERE name = 'demo-police'" | grep -q 0 &&
	ok "nothing is locked" || not_ok "nothing is locked"
run audit show --as demo-auditor --format json
grep -q '"auth.lockout"' "$T/out" && not_ok "no lock-out" || ok "no lock-out"
grep -q '"auth.failed"' "$T/out" && ok "the failures are audited" || not_ok "failures audited"
n=0
while [ "$n" -lt 40 ] && [ "$code" != 429 ]; do
	login_at 127.0.0.6 nobody-at-all-2 "$T/x" "wrong-password-$n"; n=$((n + 1))
done
[ "$code" = 429 ] && [ "$(alert | sed 's/[0-9]//g')" = "$(echo "$m_wait" | sed 's/[0-9]//g')" ] &&
	ok "an unknown name waits the same way, with the same words" ||
	not_ok "an unknown name waits the same way ($code, '$(alert)')"

# a lock, an unlock and a new password end the user's sessions and tokens
login demo-admin "$T/adm"
tok=$("$KHIPU" token create --as demo-police)
http "$T/own" GET /cases
expect_code 200 "the owner's session works"
c=$(csrf_of "$T/adm" /admin/users)
http "$T/adm" POST /admin/users/demo-police/lock -d "locked=1&confirm=1&csrf=$c"
expect_code 303 "an administrator locks the account"
login_at 127.0.0.3 demo-police "$T/x" wrong-password-x
[ "$(alert)" = "$m_unknown" ] && ok "a locked account answers a wrong password like an unknown name" ||
	not_ok "a locked account is not told apart ('$(alert)')"
login_at 127.0.0.3 demo-police "$T/x"
expect_code 403 "the right password of a locked account is refused"
grep -q "locked\|bloqueada" "$T/body" && ok "and only then says it is locked" || not_ok "says locked"
c=$(csrf_of "$T/adm" /admin/users)
http "$T/adm" POST /admin/users/demo-police/lock -d "locked=0&csrf=$c"
expect_code 303 "an administrator unlocks it on the web"
http "$T/own" GET /cases
expect_code 303 "a session from before the lock does not come back"
code=$($CURL -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "$URL/api/v1/cases")
[ "$code" = 401 ] && ok "nor a token from before the lock" || not_ok "token after unlock ($code)"
login_at 127.0.0.3 demo-police "$T/own"
expect_code 303 "then the user signs in"
tok=$("$KHIPU" token create --as demo-police)
printf 'a-new-long-password-1\na-new-long-password-1\n' | "$KHIPU" user passwd demo-police --as demo-admin >/dev/null 2>&1 &&
	ok "user passwd" || not_ok "user passwd"
http "$T/own" GET /cases
expect_code 303 "a new password ends the user's web sessions"
code=$($CURL -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $tok" "$URL/api/v1/cases")
[ "$code" = 401 ] && ok "and tokens" || not_ok "token after a new password ($code)"
login_at 127.0.0.3 demo-police "$T/own" a-new-long-password-1
expect_code 303 "the new password signs in"

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
[ "$(alert)" = "$m_unknown" ] && ok "in the words of a wrong password: the code does not confirm it" ||
	not_ok "a wrong code is told apart ('$(alert)')"
stop_server
done_testing
