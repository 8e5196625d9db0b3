# web.sh — helpers for the web integration tests (sourced after lib.sh).
#   start_server [ARGS...]   khipu serve on a free port; sets PORT, URL, SRV_PID
#   stop_server              SIGTERM, wait; sets srv_rc
#   login USER [JAR]         signs USER in with the demo password into JAR
#   csrf_of JAR PATH         the csrf field of the page at PATH
#   http JAR METHOD PATH [curl args...]   status in $code, body in $T/body,
#                            headers in $T/hdr
#   expect_code WANT WHAT    checks $code
CURL="curl -s --max-time 30"

start_server() {
	: >"$T/serve.log"
	"$KHIPU" serve --listen 127.0.0.1:0 --threads 2 "$@" 2>"$T/serve.log" &
	SRV_PID=$!
	PORT=""
	for _ in $(seq 1 200); do
		PORT=$(sed -n 's/^khipu: serving on https*:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$T/serve.log")
		[ -n "$PORT" ] && break
		kill -0 "$SRV_PID" 2>/dev/null || break
		sleep 0.1
	done
	if [ -z "$PORT" ]; then
		echo "# the server did not start:"; sed 's/^/#   /' "$T/serve.log"
		not_ok "server starts"
		done_testing
		exit 1
	fi
	URL="http://127.0.0.1:$PORT"
}

stop_server() {
	kill -TERM "$SRV_PID" 2>/dev/null
	wait "$SRV_PID"
	srv_rc=$?
}

http() {
	jar=$1; method=$2; path=$3; shift 3
	code=$($CURL -k -o "$T/body" -D "$T/hdr" -w '%{http_code}' -b "$jar" -c "$jar" \
		-X "$method" "$@" "$URL$path")
}

expect_code() {
	if [ "$code" = "$1" ]; then ok "$2"; else
		not_ok "$2 (HTTP $code, wanted $1)"; head -c 600 "$T/body" | sed 's/^/    # /'; echo
	fi
}

csrf_of() {
	$CURL -k -b "$1" -c "$1" "$URL$2" | grep -o 'name="csrf" value="[^"]*"' | head -1 |
		sed 's/.*value="//;s/"$//'
}

login() {
	jar=${2:-$T/jar-$1}
	rm -f "$jar"
	c=$(csrf_of "$jar" /login)
	http "$jar" POST /login --data-urlencode "username=$1" \
		--data-urlencode "password=${3:-$DEMO_PW}" --data-urlencode "csrf=$c"
}
