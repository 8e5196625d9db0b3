#!/bin/sh
# fresh-signin.sh URL USER PASSWORD — sign in to a running Khipu over HTTP as a
# person would (the sign-in form and its csrf field), open the case list and
# the first case in it. Prints what it did; exit 0 only when the case page
# opened signed in. Used by scripts/fresh-machine.sh after `make run`.
set -eu
url=${1:?usage: fresh-signin.sh URL USER PASSWORD}
user=${2:?usage: fresh-signin.sh URL USER PASSWORD}
pw=${3:?usage: fresh-signin.sh URL USER PASSWORD}
dir=$(mktemp -d "${TMPDIR:-/tmp}/khipu-signin.XXXXXX")
trap 'rm -rf "$dir"' EXIT
jar="$dir/jar"
fail() { echo "fresh-signin: $*" >&2; exit 1; }
curl="curl -sS --max-time 60 -b $jar -c $jar"

csrf=$($curl "$url/login?lang=en" | grep -o 'name="csrf" value="[^"]*"' | head -1 |
	sed 's/.*value="//;s/"$//')
[ -n "$csrf" ] || fail "the sign-in page at $url/login has no form"
code=$($curl -o "$dir/body" -D "$dir/hdr" -w '%{http_code}' -X POST "$url/login" \
	--data-urlencode "username=$user" --data-urlencode "password=$pw" \
	--data-urlencode "csrf=$csrf")
where=$(sed -n 's/^[Ll]ocation: *\([^[:space:]]*\).*/\1/p' "$dir/hdr")
case "$code" in 30[0-9]) ;; *) fail "signing in as $user answered HTTP $code, not a redirect" ;; esac
case "$where" in */login*) fail "signing in as $user was refused (sent back to $where)" ;; esac
echo "signed in as $user (HTTP $code to $where)"

code=$($curl -o "$dir/list" -w '%{http_code}' "$url/cases?lang=en")
[ "$code" = 200 ] || fail "the case list answered HTTP $code"
id=$(grep -o 'href="/cases/[0-9][0-9]*"' "$dir/list" | head -1 | sed 's/[^0-9]//g')
[ -n "$id" ] || fail "the case list shows no case"
code=$($curl -o "$dir/case" -w '%{http_code}' "$url/cases/$id?lang=en")
[ "$code" = 200 ] || fail "the case page /cases/$id answered HTTP $code"
grep -q 'Sign out' "$dir/case" || fail "the case page /cases/$id is not signed in"
bytes=$(wc -c <"$dir/case")
echo "opened /cases/$id: HTTP 200, $bytes bytes, signed in"
