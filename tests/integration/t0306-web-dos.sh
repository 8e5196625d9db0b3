#!/bin/sh
# t0306 — denial of service: a whole request has a time limit (a client
# trickling one header line a second is cut), one address holds a bounded
# number of connections, and a flood of wrong passwords from many addresses
# gets 503 with Retry-After while a signed-in page stays fast (password
# hashing runs on its own threads with a bounded queue, never on every
# worker). Loopback addresses 127.0.0.x stand for different clients.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 10
PO=$(sqlite3 "$KHIPU_DB" "SELECT office_id FROM users WHERE name = 'demo-prosecutor'")
OWN=$(sqlite3 "$KHIPU_DB" "SELECT id FROM cases WHERE office_id = $PO ORDER BY id LIMIT 1")
# client PART PORT [SID]: the attacks, in Python; "ok"/"not ok" lines
client() {
	python3 - "$@" >"$T/dos.out" 2>"$T/dos.err" <<'PY'
import http.client, socket, statistics, sys, threading, time
part, port = sys.argv[1], int(sys.argv[2])

def say(ok, what):
    print(("ok - " if ok else "not ok - ") + what, flush=True)

if part == "slow":
  exec(open(sys.argv[3]).read())
else:
  exec(open(sys.argv[5]).read())
PY
	cat "$T/dos.out"
	PASS=$((PASS + $(grep -c '^ok' "$T/dos.out")))
	FAIL=$((FAIL + $(grep -c '^not ok' "$T/dos.out")))
	[ -s "$T/dos.err" ] && { not_ok "the client ran without errors"; sed 's/^/    # /' "$T/dos.err" | tail -5; }
}
cat >"$T/slow.py" <<'PY'
# 1. trickle: one header line a second never lets the idle timeout fire;
#    the whole-request limit (3 s here) must cut it
def trickle(src, out):
    s = socket.create_connection(("127.0.0.1", port), source_address=(src, 0))
    t0 = time.monotonic()
    try:
        s.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
        s.settimeout(1)
        for i in range(12):
            s.sendall(b"X-Slow-%d: y\r\n" % i)
            try:
                if s.recv(100) == b"":
                    break
            except socket.timeout:
                pass
    except OSError:
        pass
    out.append(time.monotonic() - t0)
    s.close()

cut = []
ths = [threading.Thread(target=trickle, args=("127.0.0.2", cut)) for _ in range(3)]
for t in ths: t.start()
for t in ths: t.join()
say(len(cut) == 3 and max(cut) < 8, "trickling clients are cut at the request time limit (after %s s)"
    % ", ".join("%.1f" % c for c in sorted(cut)))
say(min(cut) >= 2, "and not before it")

# 2. one address holds at most 4 connections; others are still served
socks = []
for i in range(8):
    s = socket.create_connection(("127.0.0.1", port), source_address=("127.0.0.3", 0))
    socks.append(s)
time.sleep(0.5)
closed = 0
for s in socks:
    s.setblocking(False)
    try:
        closed += s.recv(10) == b""
    except BlockingIOError:
        pass
    except OSError:
        closed += 1
say(closed == 4, "of 8 connections from one address 4 are refused (%d)" % closed)
c = http.client.HTTPConnection("127.0.0.1", port, timeout=10, source_address=("127.0.0.4", 0))
c.request("GET", "/healthz")
say(c.getresponse().status == 200, "while that address is full, another is served")
for s in socks: s.close()

PY
cat >"$T/flood.py" <<'PY'
sid, case = sys.argv[3], sys.argv[4]
# 3. a flood of wrong passwords from many addresses (each below the wait
#    of its address and name) and a signed-in case page meanwhile
stop = threading.Event()
codes = {}
retry = []
lock = threading.Lock()
def flood(k):
    n = 0
    while not stop.is_set():
        src = "127.0.1.%d" % (1 + (k * 37 + n) % 250)
        tok = "%064x" % (k * 1000003 + n)
        body = "username=flood-%d-%d&password=wrong-password&csrf=%s" % (k, n, tok)
        try:
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=30, source_address=(src, 0))
            c.request("POST", "/login", body, {"Content-Type": "application/x-www-form-urlencoded",
                                               "Cookie": "khipu_csrf=" + tok})
            r = c.getresponse(); r.read()
            with lock:
                codes[r.status] = codes.get(r.status, 0) + 1
                if r.status == 503 and r.getheader("Retry-After"):
                    retry.append(r.getheader("Retry-After"))
            c.close()
        except OSError:
            with lock:
                codes["error"] = codes.get("error", 0) + 1
        n += 1

def page():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60, source_address=("127.0.0.5", 0))
    t0 = time.monotonic()
    c.request("GET", "/cases/" + case, headers={"Cookie": "khipu_session=" + sid})
    r = c.getresponse(); r.read(); c.close()
    return r.status, time.monotonic() - t0

quiet = [page()[1] for _ in range(5)]
fl = [threading.Thread(target=flood, args=(k,)) for k in range(12)]
for t in fl: t.start()
time.sleep(1.5)
during, statuses = [], set()
for _ in range(15):
    st, dt = page()
    statuses.add(st)
    during.append(dt)
    time.sleep(0.2)
stop.set()
for t in fl: t.join()
print("# flood answers: %s" % codes)
print("# case page: %.1f ms quiet, during the flood median %.1f ms, max %.1f ms"
      % (1e3 * statistics.median(quiet), 1e3 * statistics.median(during), 1e3 * max(during)))
say(statuses == {200}, "the signed-in case page answers during the flood (%s)" % statuses)
say(codes.get(503, 0) > 0, "the flood gets 503 when the hashing queue is full (%d)" % codes.get(503, 0))
say(len(retry) == codes.get(503, 0) and all(x.isdigit() for x in retry), "every 503 says Retry-After")
say(codes.get(403, 0) > 0, "some of the flood is hashed and refused (%d)" % codes.get(403, 0))
# before the hashing pool, every worker hashed and this page took 2-7 s
say(statistics.median(during) < 1.0,
    "the case page stays fast: median %.0f ms, max %.0f ms (was 2-7 s)"
    % (1e3 * statistics.median(during), 1e3 * max(during)))
PY

# a server with short limits for the slow clients
start_server --request-timeout 3 --max-per-address 4
grep -q 'a whole request within 3 s; at most 4 connections per address' "$T/serve.log" &&
	ok "the server says its limits" || not_ok "the server says its limits"
client slow "$PORT" "$T/slow.py"
stop_server
# the default limits for the flood
start_server
login demo-prosecutor "$T/p" >/dev/null
SID=$(sed -n 's/.*khipu_session[[:space:]]*\([0-9a-f]*\)$/\1/p' "$T/p")
[ ${#SID} = 64 ] && ok "a signed-in prosecutor" || not_ok "signed in (${#SID})"
client flood "$PORT" "$SID" "$OWN" "$T/flood.py"
login demo-prosecutor "$T/p2"
expect_code 303 "after the flood a sign-in works"
grep -q 'web: - - \|AddressSanitizer' "$T/serve.log" && not_ok "the server log is clean" || ok "the server log is clean"
stop_server
[ "$srv_rc" = 0 ] && ok "the server stops cleanly" || not_ok "the server stops cleanly ($srv_rc)"
expect 2 "a bad --request-timeout is refused" -- serve --request-timeout 0
expect 2 "a bad --max-per-address is refused" -- serve --max-per-address lots
done_testing
