#!/bin/sh
# bench/web.sh — the web application under load: a signed-in case page
# (masked identities) served by `khipu serve`, next to nginx serving the same
# bytes as a static file, both measured with wrk in the same run (keep-alive,
# 32 connections), plus the server's memory at the start and the end; then
# every page of every role timed alone (the server's time to the first byte,
# median of KHIPU_BENCH_WEB_RUNS, target under 50 ms) beside the server's
# floor (/healthz) and nginx serving the same bytes.
# Installs wrk and nginx (Debian) when missing and run as root.
# Usage: bench/web.sh path/to/khipu   (release build: `make bench` builds one)
#   KHIPU_BENCH_WEB_CASES (2000)  KHIPU_BENCH_WEB_SECONDS (30)
#   KHIPU_BENCH_WEB_THREADS (server threads; default one per CPU)
#   KHIPU_BENCH_WEB_RUNS (9: timings of each page, the median reported)
set -eu
khipu=${1:?usage: bench/web.sh path/to/khipu}
khipu="$(cd "$(dirname "$khipu")" && pwd)/$(basename "$khipu")"
root=$(cd "$(dirname "$0")/.." && pwd)
cases=${KHIPU_BENCH_WEB_CASES:-2000}
secs=${KHIPU_BENCH_WEB_SECONDS:-30}
threads=${KHIPU_BENCH_WEB_THREADS:-$(nproc)}
conns=32

missing=""
command -v wrk >/dev/null 2>&1 || missing="$missing wrk"
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing="$missing nginx-light"
command -v curl >/dev/null 2>&1 || missing="$missing curl"
if [ -n "$missing" ]; then
	if [ "$(id -u)" != 0 ]; then
		echo "bench/web.sh: needs$missing; install them (apt-get) or run as root" >&2
		exit 1
	fi
	echo "installing:$missing"
	DEBIAN_FRONTEND=noninteractive apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

results="$root/bench/results"
. "$root/bench/table.sh"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results/web-$stamp.txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khipu-webbench.XXXXXX")
srv=""
ngx=""
cleanup() {
	[ -n "$srv" ] && kill -TERM "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
	[ -n "$ngx" ] && kill -QUIT "$ngx" 2>/dev/null && wait "$ngx" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
mkdir -p "$results" "$tmp/www" "$tmp/nginx"
chmod 755 "$tmp" "$tmp/www"   # nginx's workers drop root and must read the file
export KHIPU_DB="$tmp/web.db"
unset KHIPU_KEY_FILE
pw=khipu-demo-2024

"$khipu" init >/dev/null
"$khipu" demo --cases "$cases" --seed 1 --password "$pw" >/dev/null
"$khipu" serve --listen 127.0.0.1:0 --threads "$threads" 2>"$tmp/serve.log" &
srv=$!
port=""
for _ in $(seq 1 100); do
	port=$(sed -n 's/^khipu: serving on http:\/\/127.0.0.1:\([0-9]*\)\/.*/\1/p' "$tmp/serve.log")
	[ -n "$port" ] && break
	sleep 0.1
done
[ -n "$port" ] || { cat "$tmp/serve.log" >&2; exit 1; }
url="http://127.0.0.1:$port"

# sign in as the demo prosecutor; a case of that office
jar="$tmp/jar"
csrf=$(curl -s -c "$jar" -b "$jar" "$url/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=demo-prosecutor" \
	--data-urlencode "password=$pw" --data-urlencode "csrf=$csrf" "$url/login"
sid=$(awk '$6 == "khipu_session" { print $7 }' "$jar")
id=$("$khipu" case list --as demo-prosecutor --format csv --limit 1 | sed -n 2p | cut -d, -f1)
code=$(curl -s -o "$tmp/www/case.html" -w '%{http_code}' -H "Cookie: khipu_session=$sid" "$url/cases/$id")
[ "$code" = 200 ] || { echo "bench/web.sh: the case page answered $code" >&2; exit 1; }
bytes=$(wc -c <"$tmp/www/case.html")
chmod 644 "$tmp/www/case.html"

# nginx with the same bytes, as a static file, on a free port
nport=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$tmp/nginx/nginx.conf" <<CONF
daemon off;
worker_processes $threads;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$nport;
		root $tmp/www;
		location / { default_type text/html; }
	}
}
CONF
"$NGINX" -c "$tmp/nginx/nginx.conf" -p "$tmp/nginx" &
ngx=$!
sleep 0.5

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$srv/status"; }
bench() {   # bench NAME URL [wrk args]
	name=$1; u=$2; shift 2
	wrk -t2 -c"$conns" -d"${secs}s" --latency "$@" "$u" >"$tmp/$name.wrk" 2>&1
}
# the same page again and again (served from the page cache after the
# first view), then every case the prosecutor may see, in turn (more than a
# worker's cache holds: mostly rendered afresh)
"$khipu" case list --as demo-prosecutor --format csv --limit 500 | sed 1d | cut -d, -f1 >"$tmp/ids"
{
	printf 'ids = {'; tr '\n' ',' <"$tmp/ids"; printf '}\n'
	printf 'n = 0\nrequest = function()\n  n = n + 1\n'
	printf '  return wrk.format("GET", "/cases/" .. ids[(n %% #ids) + 1])\nend\n'
} >"$tmp/many.lua"
rss0=$(rss)
# the server's resident memory every 5 s while it is under load
( while kill -0 "$srv" 2>/dev/null; do rss >>"$tmp/rss"; sleep 5; done ) &
sampler=$!
bench khipu "$url/cases/$id" -H "Cookie: khipu_session=$sid"
bench many "$url" -H "Cookie: khipu_session=$sid" -s "$tmp/many.lua"
rss1=$(rss)
kill "$sampler" 2>/dev/null || true
bench nginx "http://127.0.0.1:$nport/case.html"
rps() { awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$1"; }
lat() { awk -v p="$2" '$1 == p { print $2 }' "$1"; }
errs() { awk '/Non-2xx|Socket errors/ { print }' "$1" | tr '\n' ' '; }
k=$(rps "$tmp/khipu.wrk")
n=$(rps "$tmp/nginx.wrk")
{
	echo "khipu web bench $stamp: $(nproc) cores, $(uname -m), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "register of $cases demo cases; signed-in case page ($bytes bytes, identities masked);"
	echo "wrk -t2 -c$conns -d${secs}s keep-alive, on the same machine as the servers; khipu $threads threads, nginx $threads workers"
	echo
	printf '%-28s %10s %9s %9s %9s\n' "server" "req/s" "p50" "p90" "p99"
	printf '%-28s %10s %9s %9s %9s\n' "khipu serve (case page)" "$k" "$(lat "$tmp/khipu.wrk" 50%)" \
		"$(lat "$tmp/khipu.wrk" 90%)" "$(lat "$tmp/khipu.wrk" 99%)"
	printf '%-28s %10s %9s %9s %9s\n' "khipu serve ($(wc -l <"$tmp/ids") cases in turn)" "$(rps "$tmp/many.wrk")" \
		"$(lat "$tmp/many.wrk" 50%)" "$(lat "$tmp/many.wrk" 90%)" "$(lat "$tmp/many.wrk" 99%)"
	printf '%-28s %10s %9s %9s %9s\n' "nginx (same bytes, static)" "$n" "$(lat "$tmp/nginx.wrk" 50%)" \
		"$(lat "$tmp/nginx.wrk" 90%)" "$(lat "$tmp/nginx.wrk" 99%)"
	awk -v k="$k" -v n="$n" 'BEGIN { if (k > 0) printf "nginx / khipu: %.1f (target: at most 3)\n", n / k }'
	echo "khipu resident memory: ${rss0} kB before, ${rss1} kB after the khipu runs"
	awk 'NR == 1 { f = $1 } { n++; v[n] = $1 } END { h = int(n / 2) + 1; mx = 0;
		for (i = h; i <= n; i++) if (v[i] > mx) mx = v[i];
		printf "  sampled every 5 s: first %d kB, at half-time %d kB, highest in the second half %d kB, last %d kB (%d samples)\n", f, v[h], mx, v[n], n }' "$tmp/rss"
	e=$(errs "$tmp/khipu.wrk"); [ -n "$e" ] && echo "khipu errors: $e"
	e=$(errs "$tmp/many.wrk"); [ -n "$e" ] && echo "khipu (cases in turn) errors: $e"
	e=$(errs "$tmp/nginx.wrk"); [ -n "$e" ] && echo "nginx errors: $e"
	true
} | tee "$out"
# ---- each page alone: time to the first byte, median of $runs ----
runs=${KHIPU_BENCH_WEB_RUNS:-9}
signin() {   # signin USER: its session id
	j="$tmp/jar-$1"
	c=$(curl -s -c "$j" -b "$j" "$url/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
	curl -s -o /dev/null -c "$j" -b "$j" --data-urlencode "username=$1" \
		--data-urlencode "password=$pw" --data-urlencode "csrf=$c" "$url/login"
	awk '$6 == "khipu_session" { print $7 }' "$j"
}
median_ms() {   # median_ms URL [curl args]: ms to the first byte; "HTTP n" when not 200
	u=$1; shift
	for _ in $(seq 1 "$runs"); do
		curl -s --max-time 120 -o /dev/null -w '%{http_code} %{time_starttransfer}\n' "$@" "$u" || true
	done | sort -k2 -g | awk '$1 != 200 { bad = $1 } { v[NR] = $2 * 1000 } END {
		if (bad) { printf "HTTP %s", bad; exit }
		printf "%.1f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
ngx_ms() {   # ngx_ms FILE: nginx serving FILE's bytes, the same way
	cp "$1" "$tmp/www/page.html"
	chmod 644 "$tmp/www/page.html"
	median_ms "http://127.0.0.1:$nport/page.html"
}
edit=$(grep -o "/cases/$id/edit" "$tmp/www/case.html" | head -1)
{
	echo
	echo "each page alone, ms to the first byte (median of $runs; target under 50 ms), $cases cases:"
	printf '%-44s %10s %10s\n' "page (role)" "khipu" "nginx"
	printf '%-44s %10s %10s\n' "/healthz (the server's floor)" "$(median_ms "$url/healthz")" "-"
	for row in "demo-prosecutor /" "demo-prosecutor /cases" "demo-prosecutor /cases?per=100&sort=number" \
	    "demo-prosecutor /cases/$id" "demo-prosecutor ${edit:-/cases/$id/edit}" "demo-prosecutor /cases/new" \
	    "demo-prosecutor /persons" "demo-prosecutor /cooperation" "demo-prosecutor /stats" \
	    "demo-analyst /cases" "demo-analyst /cases?stage=complaint&page=3" "demo-analyst /stats" \
	    "demo-analyst /stats?office=FEPMTP-LIN" "demo-auditor /audit" "demo-admin /admin/users" \
	    "demo-admin /admin/offices" "demo-prosecutor /cases.csv" "demo-analyst /cases.csv" \
	    "demo-analyst /stats.xlsx"; do
		user=${row%% *}
		path=${row#* }
		s=$(signin "$user")
		# the first look (a page's caches filled); a failure is reported, not fatal
		curl -s --max-time 120 -o "$tmp/page.out" -H "Cookie: khipu_session=$s" "$url$path" || true
		printf '%-44s %10s %10s\n' "$path (${user#demo-})" \
			"$(median_ms "$url$path" -H "Cookie: khipu_session=$s")" "$(ngx_ms "$tmp/page.out")"
	done
} | tee -a "$out"

bench_row web "khipu serve: signed-in case page ($bytes bytes), wrk -c$conns" "$k" req/s \
	"nginx serving the same bytes as a static file" "$n"
bench_row web "khipu serve: $(wc -l <"$tmp/ids") case pages in turn, wrk -c$conns" "$(rps "$tmp/many.wrk")" req/s \
	"nginx serving the same bytes as a static file" "$n"
