"""seclib.py — helpers of the security tests (tests/security): a private
register with the demo users, `khipu serve` on a free loopback port, an HTTP
client with a cookie jar, the route table (src/web/routes.c) and the policy
table (src/core/policy.c) read from the sources, and TAP-style checks that
end with the line "N passed, N failed" (scripts/summarise.py counts it).

Only the Python standard library: the tests run in `make check` on a fresh
Debian 12 with nothing but the project's dependencies."""
import atexit
import http.client
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

TOP = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
DEMO_PW = "khipu-demo-2024"
ROLES = ["admin", "prosecutor", "police", "analyst", "auditor", "liaison"]


class Checks:
    """ok/not ok lines and the closing count."""

    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, cond, what, detail=""):
        if cond:
            self.passed += 1
            print(f"ok - {what}")
        else:
            self.failed += 1
            print(f"not ok - {what}" + (f"\n    # {detail}" if detail else ""))
        sys.stdout.flush()
        return cond

    def done(self):
        print(f"{self.passed} passed, {self.failed} failed")
        sys.exit(1 if self.failed else 0)


class Register:
    """A temporary register (SQLite) with the demo's users and cases."""

    def __init__(self, khipu, cases=30, seed=3):
        self.khipu = os.path.abspath(khipu)
        self.dir = tempfile.mkdtemp(prefix="khipu-sec.")
        if not os.environ.get("KHIPU_SEC_KEEP"):   # KHIPU_SEC_KEEP=1 keeps it (debugging)
            atexit.register(shutil.rmtree, self.dir, True)
        self.db = os.path.join(self.dir, "reg.db")
        self.env = dict(os.environ, KHIPU_DB=self.db, KHIPU_LANG=os.environ.get("KHIPU_LANG", "en"))
        self.env.pop("KHIPU_KEY_FILE", None)
        self.run("init")
        self.run("demo", "--cases", str(cases), "--seed", str(seed), "--password", DEMO_PW)
        self.proc = None

    def run(self, *args, stdin=None, check=True):
        p = subprocess.run([self.khipu, *args], env=self.env, input=stdin, capture_output=True, text=True)
        if check and p.returncode != 0:
            raise RuntimeError(f"khipu {' '.join(args)}: exit {p.returncode}: {p.stderr.strip()}")
        return p

    def sql(self, query):
        """Rows of a query, straight from the database file (sqlite3 CLI)."""
        out = subprocess.run(["sqlite3", "-separator", "\t", self.db, query], capture_output=True,
                             check=True).stdout.decode("utf-8", "replace")
        return [line.split("\t") for line in out.splitlines() if line]

    def one(self, query):
        rows = self.sql(query)
        return rows[0][0] if rows else None

    def serve(self, *args):
        """Start `khipu serve` on a free port; returns the base URL."""
        self.log = os.path.join(self.dir, "serve.log")
        logf = open(self.log, "w")
        self.proc = subprocess.Popen([self.khipu, "serve", "--listen", "127.0.0.1:0", "--threads", "2", *args],
                                     env=self.env, stdout=subprocess.DEVNULL, stderr=logf)
        atexit.register(self.stop)
        for _ in range(300):
            m = re.search(r"serving on (https?)://127\.0\.0\.1:(\d+)/", open(self.log).read())
            if m:
                self.scheme, self.port = m.group(1), int(m.group(2))
                return f"{self.scheme}://127.0.0.1:{self.port}"
            if self.proc.poll() is not None:
                break
            time.sleep(0.1)
        raise RuntimeError("the server did not start: " + open(self.log).read())

    def stop(self):
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(120)   # a sanitizer build on a busy machine is slow to end
            except subprocess.TimeoutExpired:
                self.proc.kill()
        rc = self.proc.returncode if self.proc is not None else None
        self.proc = None
        if rc not in (0, None):   # say why (a sanitizer's report is at the end)
            print(f"    # the server's exit status: {rc}")
            for line in open(self.log, encoding="utf-8", errors="replace").read().splitlines()[-40:]:
                print("    # " + line)
        return rc


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers      # list of (name, value)
        self.body = body            # bytes

    def header(self, name):
        for k, v in self.headers:
            if k.lower() == name.lower():
                return v
        return None

    def text(self):
        return self.body.decode("utf-8", "replace")


class Client:
    """One browser (a cookie jar) or one API client (a bearer token)."""

    def __init__(self, port, token=None):
        self.port = port
        self.cookies = {}
        self.token = token

    def request(self, method, path, data=None, json_body=None, headers=None, cookies=True):
        h = dict(headers or {})
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data, doseq=True).encode()
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        elif json_body is not None:
            body = json_body.encode() if isinstance(json_body, str) else json_body
            h.setdefault("Content-Type", "application/json")
        if cookies and self.cookies:
            h["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        for attempt in range(3):
            c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
            try:
                c.request(method, path, body=body, headers=h)
                r = c.getresponse()
                resp = Response(r.status, r.getheaders(), r.read())
                break
            except (ConnectionError, http.client.RemoteDisconnected):
                if attempt == 2:
                    raise
                time.sleep(0.5)
            finally:
                c.close()
        for k, v in resp.headers:
            if k.lower() == "set-cookie":
                name, _, rest = v.partition("=")
                value = rest.split(";", 1)[0]
                if "Max-Age=0" in v or value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = value
        return resp

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def csrf(self, path="/no-such-page"):
        m = re.search(r'name="csrf" value="([^"]*)"', self.get(path).text())
        return m.group(1) if m else ""

    def post(self, path, data=None, csrf=True, **kw):
        d = dict(data or {})
        if csrf is True:
            d["csrf"] = self.csrf()
        elif csrf:
            d["csrf"] = csrf
        return self.request("POST", path, data=d, **kw)

    def login(self, user, password=DEMO_PW, keep=False):
        """Sign in; keep=True sends the jar's cookies (a session already there)."""
        if not keep:
            self.cookies.clear()
        # signed in already: the form's token is the session's (any page shows it)
        c = self.csrf("/no-such-page" if "khipu_session" in self.cookies else "/login")
        return self.request("POST", "/login", data={"username": user, "password": password, "csrf": c})


def route_table():
    """[(pattern, {methods}, {flags})] from the one route table, src/web/routes.c."""
    src = open(os.path.join(TOP, "src", "web", "routes.c"), encoding="utf-8").read()
    body = src.split("web_routes[] = {", 1)[1].split("\n};", 1)[0]
    routes = []
    for m in re.finditer(r'\{\s*"([^"]+)",\s*([A-Z |]+),\s*([A-Z|0]+),', body):
        methods = {x.strip() for x in m.group(2).split("|")}
        flags = {x.strip() for x in m.group(3).split("|")} - {"0"}
        routes.append((m.group(1), methods, flags))
    return routes


def policy_table():
    """{(role, action name): scope} with scope in office/national/own, from
    src/core/policy.c (deny by default: a missing cell is no scope)."""
    src = open(os.path.join(TOP, "src", "core", "policy.c"), encoding="utf-8").read()
    names = dict(re.findall(r"\[(POL_[A-Z_]+)\]\s*=\s*\"([a-z_.]+)\"",
                            src.split("pol_action_names")[1].split("};")[0]))
    body = src.split("pol_table[ROLE__MAX][POL__MAX] = {")[1].split("\n};")[0]
    table = {}
    for role, cells in re.findall(r"\[ROLE_([A-Z]+)\]\s*=\s*\{(.*?)\}", body, re.S):
        for act, scope in re.findall(r"\[(POL_[A-Z_]+)\]\s*=\s*POL_SCOPE_([A-Z]+)", cells):
            table[(role.lower(), names[act])] = scope.lower()
    return names, table
