#!/bin/sh
# bench/load.sh — `make load`: the signed-in site under wrk for minutes, one
# scenario after another, then all of them at once: sign-in (the right
# password: Argon2id on the hashing threads), case pages (every case of the
# prosecutor's office in turn), case lists (filters, pages), person search
# (POST /persons, by name and by document), the statistics dashboard (as
# the analyst, with filters), and the JSON API (list, case, history). Passes
# when no request failed (socket errors, timeouts, non-2xx/3xx answers) and
# the server's resident memory, sampled every second, stayed flat (the
# highest sample of the second half of the run at most 10% + 8 MB above the
# sample at half-time, when every cache has been filled); prints latency
# percentiles (p50, p90, p99) and requests per second for each scenario.
# Results go to bench/results/load-<time>.txt. Not part of `make check`.
# Usage: sh bench/load.sh path/to/khipu   (a release build: make build)
#   KHIPU_LOAD_SECONDS (60)  each scenario, and the mixed run
#   KHIPU_LOAD_CASES (2000)  the demo register's cases
#   KHIPU_LOAD_CONNECTIONS (16)  wrk connections of the read scenarios
set -u
khipu=${1:?usage: bench/load.sh path/to/khipu}
khipu="$(cd "$(dirname "$khipu")" && pwd)/$(basename "$khipu")"
root=$(cd "$(dirname "$0")/.." && pwd)
secs=${KHIPU_LOAD_SECONDS:-60}
cases=${KHIPU_LOAD_CASES:-2000}
conns=${KHIPU_LOAD_CONNECTIONS:-16}
threads=$(nproc)
command -v wrk >/dev/null 2>&1 || { echo "bench/load.sh: needs wrk: sh scripts/deps.sh bench (as root)" >&2; exit 1; }
results="$root/bench/results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results/load-$stamp.txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khipu-load.XXXXXX")
srv="" sampler=""
cleanup() {
	[ -n "$sampler" ] && kill "$sampler" 2>/dev/null
	[ -n "$srv" ] && kill -TERM "$srv" 2>/dev/null && wait "$srv" 2>/dev/null
	[ -n "${KHIPU_LOAD_KEEP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
mkdir -p "$results"
export KHIPU_DB="$tmp/load.db" KHIPU_LANG=en
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

# signed-in sessions (cookie and the session's CSRF token) and an API token
signin() {   # signin USER -> "SESSION CSRF"
	jar="$tmp/jar-$1"
	c=$(curl -s -c "$jar" -b "$jar" "$url/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
	curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "username=$1" \
		--data-urlencode "password=$pw" --data-urlencode "csrf=$c" "$url/login"
	sid=$(awk '$6 == "khipu_session" { print $7 }' "$jar")
	tok=$(curl -s -b "$jar" "$url/no-such-page" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -n 1)
	echo "$sid $tok"
}
set -- $(signin demo-prosecutor); psid=$1 pcsrf=$2
set -- $(signin demo-analyst); asid=$1
token=$("$khipu" token create --as demo-prosecutor)
# the sign-in form's double-submit pair, reused by every sign-in request
prejar="$tmp/jar-pre"
precsrf=$(curl -s -c "$prejar" "$url/login" | sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p')
pre=$(awk '$6 == "khipu_csrf" { print $6 "=" $7 }' "$prejar")
"$khipu" case list --as demo-prosecutor --format csv --limit 500 | sed 1d | cut -d, -f1 >"$tmp/ids"
# names and documents to search: revealed from the prosecutor's cases (synthetic)
for id in $(head -n 20 "$tmp/ids"); do
	"$khipu" case show "$id" --as demo-prosecutor --reveal --format json
done | python3 -c '
import json, sys
dec = json.JSONDecoder(); s = sys.stdin.read(); i = 0; names = []; docs = []
while i < len(s):
    while i < len(s) and s[i].isspace(): i += 1
    if i >= len(s): break
    d, i = dec.raw_decode(s, i)
    for p in d.get("persons", []):
        if p.get("name"): names.append(p["name"])
        if p.get("doc_number"): docs.append(p["doc_number"])
print("names = {" + ",".join(json.dumps(n, ensure_ascii=False) for n in names) + "}")
print("docs = {" + ",".join(json.dumps(x, ensure_ascii=False) for x in docs) + "}")
' >"$tmp/people.lua"
ids_lua=$(printf 'ids = {'; tr '\n' ',' <"$tmp/ids"; printf '}')

# one Lua file per scenario: each request of wrk comes from request()
cat >"$tmp/common.lua" <<LUA
$ids_lua
n = 0
function esc(s) return (s:gsub("[^%w%-%.]", function(c) return string.format("%%%02X", string.byte(c)) end)) end
LUA
cat "$tmp/common.lua" >"$tmp/signin.lua"
cat >>"$tmp/signin.lua" <<LUA
request = function()
  return wrk.format("POST", "/login", { ["Cookie"] = "$pre", ["Content-Type"] = "application/x-www-form-urlencoded" },
    "username=demo-police&password=$pw&csrf=$precsrf")
end
LUA
cat "$tmp/common.lua" >"$tmp/cases.lua"
cat >>"$tmp/cases.lua" <<LUA
request = function()
  n = n + 1
  return wrk.format("GET", "/cases/" .. ids[(n % #ids) + 1], { ["Cookie"] = "khipu_session=$psid" })
end
LUA
cat "$tmp/common.lua" >"$tmp/lists.lua"
cat >>"$tmp/lists.lua" <<LUA
paths = { "/cases", "/cases?stage=trial", "/cases?year=2021", "/cases?page=2", "/cases?assigned_to=me",
  "/cases?region=17&year=2020", "/cases?page=5" }
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], { ["Cookie"] = "khipu_session=$psid" })
end
LUA
cat "$tmp/common.lua" "$tmp/people.lua" >"$tmp/search.lua"
cat >>"$tmp/search.lua" <<LUA
request = function()
  n = n + 1
  local body
  if n % 2 == 0 then body = "by=name&q=" .. esc(names[(n % #names) + 1])
  else body = "by=doc&q=" .. esc(docs[(n % #docs) + 1]) end
  return wrk.format("POST", "/persons", { ["Cookie"] = "khipu_session=$psid",
    ["Content-Type"] = "application/x-www-form-urlencoded" }, body .. "&csrf=$pcsrf")
end
LUA
cat "$tmp/common.lua" >"$tmp/stats.lua"
cat >>"$tmp/stats.lua" <<LUA
paths = { "/stats", "/stats?from=2019&to=2022", "/stats?region=15", "/stats.csv?table=funnel" }
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n % #paths) + 1], { ["Cookie"] = "khipu_session=$asid" })
end
LUA
cat "$tmp/common.lua" >"$tmp/api.lua"
cat >>"$tmp/api.lua" <<LUA
request = function()
  n = n + 1
  local id = ids[(n % #ids) + 1]
  local p = ({ "/api/v1/cases?limit=50", "/api/v1/cases/" .. id, "/api/v1/cases/" .. id .. "/history" })[(n % 3) + 1]
  return wrk.format("GET", p, { ["Authorization"] = "Bearer $token" })
end
LUA
# every answer that is not 2xx/3xx is counted (wrk's own count) and the
# first few are kept for the report
for f in signin cases lists search stats api; do
	cat >>"$tmp/$f.lua" <<'LUA'
bad = 0
response = function(status, headers, body)
  if status >= 400 and bad < 3 then bad = bad + 1; io.stderr:write("status " .. status .. ": " .. body:sub(1, 200) .. "\n") end
end
LUA
done

rss() { awk '/^VmRSS/ { print $2 }' "/proc/$srv/status" 2>/dev/null; }
( while kill -0 "$srv" 2>/dev/null; do echo "$(date +%s) $(rss)" >>"$tmp/rss"; sleep 1; done ) &
sampler=$!
run() {   # run NAME CONNECTIONS: one scenario, then the memory at rest
	wrk -t2 -c"$2" -d"${secs}s" --timeout 10s --latency -s "$tmp/$1.lua" "$url" >"$tmp/$1.wrk" 2>"$tmp/$1.err"
	rest "$1"
}
# the resident memory at rest: the lowest of ten samples over 2 s, 4 s after
# a scenario (a sign-in's Argon2id holds 64 MiB while it hashes and queued
# sign-ins finish after wrk stops: the continuous samples jump with them,
# the memory at rest does not)
rest() {
	sleep 4
	m=$(for _ in 1 2 3 4 5 6 7 8 9 10; do rss; sleep 0.2; done | sort -n | head -n 1)
	echo "$1 $m" >>"$tmp/rest"
}
load0=$(cut -d' ' -f1-3 /proc/loadavg)
rest start
run signin 4
run cases "$conns"
run lists "$conns"
run search "$conns"
run stats "$conns"
run api "$conns"
# all together: each scenario with a share of the connections
for f in signin cases lists search stats api; do
	c=$((conns / 4)); [ "$f" = signin ] && c=2; [ "$c" -lt 2 ] && c=2
	wrk -t1 -c"$c" -d"${secs}s" --timeout 10s --latency -s "$tmp/$f.lua" "$url" >"$tmp/mixed-$f.wrk" 2>"$tmp/mixed-$f.err" &
done
wait_wrk() { while pgrep -P $$ -x wrk >/dev/null 2>&1; do sleep 1; done; }
wait_wrk
rest mixed
load1=$(cut -d' ' -f1-3 /proc/loadavg)
alive=1; kill -0 "$srv" 2>/dev/null || alive=0
kill "$sampler" 2>/dev/null; sampler=""

num() { awk -v k="$2" '$1 == k { print $2 }' "$1"; }
errs() {   # socket errors + non-2xx/3xx answers of a wrk output
	awk '/Socket errors/ { gsub(",", ""); e += $4 + $6 + $8 + $10 } /Non-2xx or 3xx/ { e += $5 } END { print e + 0 }' "$1"
}
total_errs=0
{
	echo "khipu load $stamp: $(nproc) cores, $(uname -m), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "register of $cases demo cases; khipu serve --threads $threads; wrk -t2, $conns connections (sign-in: 4), ${secs} s per scenario, then all at once"
	echo "load average (other programs): $load0 at the start, $load1 at the end"
	echo
	printf '%-34s %9s %9s %9s %9s %9s %7s\n' scenario requests req/s p50 p90 p99 errors
	for f in signin cases lists search stats api mixed-signin mixed-cases mixed-lists mixed-search mixed-stats mixed-api; do
		w="$tmp/$f.wrk"
		[ -s "$w" ] || { printf '%-34s (wrk produced nothing: %s)\n' "$f" "$(head -c 200 "$tmp/$f.err")"; total_errs=$((total_errs + 1)); continue; }
		e=$(errs "$w")
		grep -q '\.lua:' "$tmp/$f.err" && e=$((e + 1))
		total_errs=$((total_errs + e))
		printf '%-34s %9s %9s %9s %9s %9s %7s\n' "$f" "$(awk '/requests in/ { print $1 }' "$w")" \
			"$(awk '/^Requests\/sec/ { printf "%.0f", $2 }' "$w")" "$(num "$w" 50%)" "$(num "$w" 90%)" "$(num "$w" 99%)" "$e"
		[ "$e" = 0 ] || sed 's/^/    /' "$tmp/$f.err" | head -n 3
	done
	echo
	awk 'NR == 1 { t0 = $1 } { n++; v[n] = $2; t[n] = $1 - t0; if ($2 > mx) mx = $2 } END {
		printf "resident memory (kB), sampled every second (%d samples over %d s): first %d, highest %d, last %d\n", n, t[n], v[1], mx, v[n] }' "$tmp/rss"
	printf 'at rest after each scenario (kB):'; awk '{ printf " %s %s", $1, $2 }' "$tmp/rest"; echo
	# flat: after the mixed run (every scenario again, all caches long filled)
	# no more than after the single runs that filled them, + 10% + 8 MB
	awk '{ v[$1] = $2; if ($1 != "mixed" && $1 != "start" && $1 != "signin" && $2 > mx) mx = $2 } END {
		limit = mx * 1.10 + 8192;
		printf "flat memory: %s (at rest after the mixed run %d kB; at most %d kB: the highest after the single read scenarios + 10%% + 8 MB)\n", (v["mixed"] <= limit ? "yes" : "NO"), v["mixed"], limit;
		exit (v["mixed"] <= limit ? 0 : 1) }' "$tmp/rest"
	echo "flat:$?"
	echo "server alive after the run: $([ $alive = 1 ] && echo yes || echo NO)"
	echo "errors in all: $total_errs"
} >"$out.tmp"
flat=$(sed -n 's/^flat://p' "$out.tmp")
grep -v '^flat:' "$out.tmp" >"$out"; rm -f "$out.tmp"
cat "$out"
echo "results: $out"
[ "$total_errs" = 0 ] && [ "$flat" = 0 ] && [ "$alive" = 1 ]
