#!/usr/bin/env python3
"""scan.py — `make security`'s scanners: sqlmap against every form and API
parameter, signed in, and wapiti against the whole site, on a server of
this machine's loopback with a demo register. Exit 0 only with zero
findings (a finding judged false is listed in false-positives.txt beside
this file, with its reason, and then reported but not counted).

What is scanned comes from the running site and the route table, not from a
list: every form of every page the prosecutor, the administrator, the
auditor and the analyst reach by links (fields as the page names them:
every field of the new-case form, the admin forms...), every query
parameter of a link, every {id} of a route (as an injection point in the
path), every query parameter and JSON body of the API (the OpenAPI
document: POST /api/v1/cases with a whole case document, PUT
/api/v1/cases/{id} with the case's current document, assign, transfer,
person search), and the sign-in form last (its failures are throttled).

A small proxy between sqlmap and the server keeps the requests meaningful:
it gives a PUT the case's current version in If-Match (each accepted
change moves it on) and the new-case and admin forms a fresh number, user
name or office code whenever sqlmap sends the original one, so a request
that is not an attack is accepted and the injected field reaches the store.

Usage: scan.py path/to/khipu [--out DIR]
  KHIPU_SCAN_LEVEL (1) KHIPU_SCAN_RISK (1) KHIPU_SCAN_THREADS (2): sqlmap's
  KHIPU_SCAN_WAPITI_SECONDS (900): wapiti's whole scan, at most
  KHIPU_SCAN_ONLY: sqlmap, wapiti (default both)
  KHIPU_SCAN_MAX_TARGETS: scan only the first N sqlmap targets (development)"""
import http.client
import http.server
import json
import os
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.parse
from html.parser import HTMLParser

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seclib import Checks, Client, Register, route_table  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
t = Checks()
khipu = sys.argv[1]
out = sys.argv[sys.argv.index("--out") + 1] if "--out" in sys.argv else None
level = os.environ.get("KHIPU_SCAN_LEVEL", "1")
risk = os.environ.get("KHIPU_SCAN_RISK", "1")
threads = os.environ.get("KHIPU_SCAN_THREADS", "2")
only = os.environ.get("KHIPU_SCAN_ONLY", "sqlmap,wapiti").split(",")
max_targets = int(os.environ.get("KHIPU_SCAN_MAX_TARGETS", "0"))
reg = Register(khipu, cases=20)
out = out or os.path.join(reg.dir, "scan")
os.makedirs(out, exist_ok=True)
false_pos = []   # (tool, regex) judged false, with the reason in the file
fp_file = os.path.join(HERE, "false-positives.txt")
if os.path.exists(fp_file):
    for line in open(fp_file, encoding="utf-8"):
        line = line.strip()
        if line and not line.startswith("#"):
            tool, rx, *_ = line.split("\t")
            false_pos.append((tool, re.compile(rx)))
reg.run("user", "add", "sec-spare", "--role", "analyst", "--as", "demo-admin", stdin="spare-password-1\n")
routes = route_table()
patterns = [(re.compile("^" + re.sub(r"\{[a-z]+\}", "[^/]+", p) + "$"), p) for p, _, _ in routes]


def pattern_of(path):
    for rx, p in patterns:
        if rx.match(path):
            return p
    return None


def is_false(tool, text):
    return any(tl == tool and rx.search(text) for tl, rx in false_pos)


# ---- the forms and links of the site, as each role sees it ----
class Page(HTMLParser):
    def __init__(self):
        super().__init__()
        self.forms, self.links, self.form, self.select = [], [], None, None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        elif tag == "form":
            self.form = dict(action=a.get("action") or "", method=(a.get("method") or "get").upper(),
                             enctype=a.get("enctype") or "", fields=[])
            self.forms.append(self.form)
        elif self.form is None:
            return
        elif tag == "input" and a.get("name"):
            typ = (a.get("type") or "text").lower()
            if typ in ("checkbox", "radio") and "checked" not in a and \
                    any(f[0] == a["name"] for f in self.form["fields"]):
                return
            self.form["fields"].append([a["name"], a.get("value") or "", typ])
        elif tag == "textarea" and a.get("name"):
            self.form["fields"].append([a["name"], "", "textarea"])
        elif tag == "select" and a.get("name"):
            self.select = [a["name"], None, "select"]
            self.form["fields"].append(self.select)
        elif tag == "option" and self.select is not None:
            v = a.get("value") or ""
            if self.select[1] in (None, "") or "selected" in a:
                self.select[1] = v

    def handle_endtag(self, tag):
        if tag == "form":
            self.form = None
        elif tag == "select":
            self.select = None


SAMPLE = {"date": "2024-03-02", "number": "1", "email": "x@example.org", "password": "long-enough-pw-1"}


def sample_value(name, value, typ):
    if value:
        return value
    if typ in SAMPLE:
        return SAMPLE[typ]
    if "date" in name or name in ("sent", "due"):
        return "2024-03-02"
    if name.endswith("_year") or name in ("year", "age", "from", "to"):
        return "2020"
    if name in ("username",):
        return "demo-analyst"
    return "x"


url = reg.serve()
port = reg.port
base = f"127.0.0.1:{port}"
clients = {}
targets = {}      # key -> dict(method, path, fields, body, kind, role)


def add_target(key, **kw):
    if key not in targets:
        targets[key] = kw


for role in ["prosecutor", "admin", "auditor", "analyst", "police", "liaison"]:
    c = Client(port)
    c.login(f"demo-{role}")
    clients[role] = c
    seen, queue = set(), ["/"]
    while queue and len(seen) < 60:
        path = queue.pop(0)
        pat = pattern_of(urllib.parse.urlsplit(path).path)
        key = (pat, tuple(sorted(urllib.parse.parse_qs(urllib.parse.urlsplit(path).query))))
        if path in seen or key in seen or path.startswith("/logout") or pat is None:
            continue
        seen.update({path, key})
        r = c.get(path)
        if r.status in (301, 302, 303) and r.header("Location"):
            queue.append(urllib.parse.urlsplit(r.header("Location")).path)
            continue
        if "html" not in (r.header("Content-Type") or ""):
            continue
        p = Page()
        p.feed(r.text())
        for link in p.links:
            u = urllib.parse.urlsplit(urllib.parse.urljoin(url + path, link))
            if u.netloc != base:
                continue
            queue.append(u.path + ("?" + u.query if u.query else ""))
            lp = pattern_of(u.path)
            if u.query and lp:
                q = urllib.parse.parse_qsl(u.query, keep_blank_values=True)
                add_target(("GET", lp, tuple(sorted(k for k, _ in q))), method="GET", path=u.path,
                           fields=[[k, v or "x"] for k, v in q], role=role, kind="query")
            if lp and "{" in lp:   # an id in the path: an injection point of its own
                add_target(("PATH", lp), method="GET", path=u.path, fields=[], role=role, kind="path")
        for f in p.forms:
            act = urllib.parse.urlsplit(urllib.parse.urljoin(url + path, f["action"] or path))
            fp = pattern_of(act.path)
            if fp in (None, "/logout", "/login"):
                continue
            fields = [[n, sample_value(n, v, ty)] for n, v, ty in f["fields"] if ty != "file"]
            files = [n for n, v, ty in f["fields"] if ty == "file"]
            add_target((f["method"], fp, tuple(sorted(n for n, _ in fields))), method=f["method"],
                       path=act.path, fields=fields, files=files, role=role, kind="form",
                       multipart="multipart" in f["enctype"])
t.ok(len(targets) >= 15, f"{len(targets)} forms, query strings and path ids found by following links")
form_keys = {k[1] for k in targets if k[0] == "POST"}
for must in ["/cases/new", "/admin/users", "/admin/offices", "/cases/{id}/events", "/persons"]:
    t.ok(must in form_keys, f"the form of {must} is among them")
newcase = [v for k, v in targets.items() if k[1] == "/cases/new" and k[0] == "POST"]
t.ok(newcase and len(newcase[0]["fields"]) >= 30,
     f"the new-case form with all its fields ({len(newcase[0]['fields']) if newcase else 0})")

# ---- the API, from its OpenAPI document ----
tok = reg.run("token", "create", "--as", "demo-prosecutor").stdout.strip()
api = Client(port, token=tok)
oa = json.loads(api.get("/api/v1/openapi.json").body)
own = reg.one("SELECT c.id FROM cases c JOIN users u ON u.office_id = c.office_id "
              "WHERE u.name = 'demo-prosecutor' ORDER BY c.id DESC LIMIT 1")
DOC = json.load(open(os.path.join(HERE, "..", "integration", "data", "case-mdd.json"), encoding="utf-8"))
SAMPLES = {"id": own, "n": "1", "limit": "10", "offset": "0", "year": "2024", "region": "17",
           "stage": "complaint", "exploitation": "sexual_exploitation", "office": "FEPMTP-MDD",
           "assigned_to": "me", "number": "DEMO-2023-000001", "name": "Rosalinda Ccahuana Ttito",
           "doc": "71234567", "phone": "987654321", "reveal": "0", "reason": "scan", "title": "x"}
prefix = "/api/v1"
napi = 0
for p, ops in oa["paths"].items():
    for m, o in ops.items():
        m = m.upper()
        params = [x for x in o.get("parameters", []) if x.get("in") in ("query", "path")]
        path = prefix + p
        for x in params:
            if x["in"] == "path":
                path = path.replace("{" + x["name"] + "}", str(SAMPLES.get(x["name"], "1")))
        query = [[x["name"], SAMPLES.get(x["name"], "x")] for x in params if x["in"] == "query"]
        ctypes = list((o.get("requestBody") or {}).get("content", {}))
        body = None
        if "application/json" in ctypes:
            if p == "/cases" and m == "POST":
                body = json.dumps(dict(DOC, number="SCAN-API-1"))
            elif p == "/cases/{id}" and m == "PUT":
                body = api.get(path).text()
            elif p.endswith("/assign"):
                body = json.dumps({"to": "demo-prosecutor"})
            elif p.endswith("/transfer"):
                body = json.dumps({"office": "NO-SUCH", "reason": "scan"})
        elif ctypes:   # attachments: the octet-stream form (title and name in the query)
            body = "a plain text note\n"
        napi += 1
        add_target(("API", m, p), method=m, path=path, fields=query, body=body, role="prosecutor", kind="api",
                   ctype="application/json" if "application/json" in ctypes else
                   ("application/octet-stream" if ctypes else None))
        if "{" in p:
            add_target(("APIPATH", m, p), method=m, path=path, fields=query, body=body, role="prosecutor",
                       kind="apipath", ctype="application/json" if "application/json" in ctypes else
                       ("application/octet-stream" if ctypes else None))
t.ok(napi >= 12, f"{napi} API operations from /api/v1/openapi.json")
# the sign-in form, last: every failure is throttled
add_target(("LOGIN",), method="POST", path="/login", fields=[["username", "demo-analyst"], ["password", "x"]],
           role=None, kind="login")


# ---- the proxy that keeps versions and unique keys fresh ----
UNIQUE = {"/cases/new": "number", "/admin/users": "name", "/admin/offices": "code"}
counter = [0]
lock = threading.Lock()


def fresh(v):
    with lock:
        counter[0] += 1
        return f"{v}-{counter[0]}"


class Proxy(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *a):
        pass

    def relay(self):
        with lock:
            relayed[0] += 1
        u = urllib.parse.urlsplit(self.path)
        path = u.path + ("?" + u.query if u.query else "")
        n = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(n) if n else b""
        headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "proxy-connection",
                                                                                "content-length", "connection")}
        pat = pattern_of(u.path)
        ctype = self.headers.get("Content-Type") or ""
        if self.command == "POST" and pat in UNIQUE and ctype.startswith("application/x-www-form-urlencoded"):
            q = urllib.parse.parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
            q = [(k, fresh(v) if k == UNIQUE[pat] and v in ORIGINAL.get(pat, ()) else v) for k, v in q]
            body = urllib.parse.urlencode(q).encode()
        if self.command == "POST" and pat == "/api/v1/cases" and b"SCAN-API-1\"" in body:
            body = body.replace(b"SCAN-API-1\"", fresh("SCAN-API").encode() + b"\"")
        if self.command == "PUT" and pat == "/api/v1/cases/{id}":
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            c.request("GET", u.path, headers={"Authorization": self.headers.get("Authorization", "")})
            r = c.getresponse()
            r.read()
            if r.getheader("ETag"):
                headers["If-Match"] = r.getheader("ETag")
            c.close()
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        c.request(self.command, path, body=body or None, headers=headers)
        r = c.getresponse()
        data = r.read()
        self.send_response(r.status)
        for k, v in r.getheaders():
            if k.lower() not in ("content-length", "connection", "transfer-encoding"):
                self.send_header(k, v)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        c.close()

    do_GET = do_POST = do_PUT = relay


ORIGINAL = {}
relayed = [0]
proxy = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Proxy)
threading.Thread(target=proxy.serve_forever, daemon=True).start()
proxy_url = f"http://127.0.0.1:{proxy.server_address[1]}"


# ---- sqlmap ----
def request_file(name, tg):
    """A raw HTTP request for sqlmap -r; returns (file, parameters to test)."""
    role = tg["role"]
    hdr = [f"Host: {base}", "User-Agent: sqlmap (khipu make security)"]
    csrf = ""
    if tg["kind"] in ("api", "apipath"):
        hdr.append(f"Authorization: Bearer {tok}")
    elif role:
        c = clients[role]
        hdr.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in c.cookies.items()))
        csrf = c.csrf()
    fields = [list(f) for f in tg["fields"]]
    pat = pattern_of(tg["path"])
    if pat in UNIQUE:
        for f in fields:
            if f[0] == UNIQUE[pat]:
                f[1] = f"SCAN{len(targets)}"
                ORIGINAL.setdefault(pat, set()).add(f[1])
    if csrf and tg["method"] == "POST":
        fields = [f for f in fields if f[0] != "csrf"] + [["csrf", csrf]]
    if tg["kind"] == "login":   # the sign-in form's own double-submit token
        pre = Client(port)
        tokn = pre.csrf("/login")
        hdr.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in pre.cookies.items()))
        fields.append(["csrf", tokn])
    params = [f[0] for f in fields if f[0] != "csrf"]
    path = tg["path"]
    body = None
    if tg["kind"] in ("path", "apipath"):
        path = re.sub(r"/(\d+)(?=/|$)", r"/\1*", path, count=1) if re.search(r"/\d+(/|$)", path) else path + "*"
        params = []
    if tg["method"] == "GET" or tg["kind"] in ("api", "apipath"):
        if fields:
            path += "?" + urllib.parse.urlencode([tuple(f) for f in fields])
        if tg.get("body") is not None:
            body = tg["body"]
            hdr.append(f"Content-Type: {tg['ctype']}")
            if tg["ctype"] == "application/json" and tg["kind"] == "api":
                params = []   # every value of the JSON body (sqlmap finds them)
    elif tg.get("multipart"):
        b = "----khipuscan"
        parts = [f'--{b}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n{v}\r\n' for k, v in fields]
        for fn in tg.get("files", []):
            parts.append(f'--{b}\r\nContent-Disposition: form-data; name="{fn}"; filename="n.txt"\r\n'
                         f'Content-Type: text/plain\r\n\r\na plain text note\r\n')
        body = "".join(parts) + f"--{b}--\r\n"
        hdr.append(f"Content-Type: multipart/form-data; boundary={b}")
    else:
        body = urllib.parse.urlencode([tuple(f) for f in fields])
        hdr.append("Content-Type: application/x-www-form-urlencoded")
    if tg["kind"] == "apipath" and tg["method"] == "PUT":
        hdr.append('If-Match: "1"')
    text = f"{tg['method']} {path} HTTP/1.1\r\n" + "\r\n".join(hdr) + "\r\n\r\n" + (body or "")
    fn = os.path.join(out, "requests", name + ".txt")
    os.makedirs(os.path.dirname(fn), exist_ok=True)
    open(fn, "w", encoding="utf-8").write(text)
    return fn, params


FINDING = re.compile(r"identified the following injection point|is vulnerable|might be injectable|"
                     r"might be vulnerable to (cross-site scripting|file inclusion)|"
                     r"appears to be '.*' injectable", re.I)
if "sqlmap" in only:
    sqlmap = shutil.which("sqlmap")
    t.ok(sqlmap is not None, "sqlmap is installed (scripts/deps.sh security)")
    items = sorted(targets.items(), key=lambda kv: kv[1]["kind"] == "login")
    if max_targets:
        items = items[:max_targets] + [kv for kv in items if kv[1]["kind"] == "login"][:0]
    t0 = time.time()
    for i, (key, tg) in enumerate(items):
        name = f"{i:03d}-" + re.sub(r"[^A-Za-z0-9]+", "_", " ".join(map(str, key))).strip("_")[:80]
        fn, params = request_file(name, tg)
        cmd = [sqlmap, "-r", fn, "--batch", f"--level={level}", f"--risk={risk}", f"--threads={threads}",
               "--flush-session", "--disable-coloring", f"--output-dir={os.path.join(out, 'sqlmap')}",
               f"--proxy={proxy_url}", "--timeout=60", "--retries=1", "--skip=csrf",
               "--answers=follow=N,redirect=N,URL encode=Y,process=Y,custom injection=Y,other=N"]
        if params:
            cmd.append("-p" + ",".join(params))
        if tg["kind"] == "login":
            cmd.append("--ignore-code=429")
        t1 = time.time()
        # a terminal as standard input: sqlmap reads targets from a pipe or /dev/null
        master, slave = os.openpty()
        p = subprocess.run(cmd, stdin=slave, capture_output=True, text=True, errors="replace")
        os.close(slave)
        os.close(master)
        log = re.sub(r"\x1b[\[\(\)][0-9;?]*[a-zA-Z]?", "", p.stdout + p.stderr)
        open(os.path.join(out, "requests", name + ".log"), "w").write(log)
        found = [ln for ln in log.splitlines() if FINDING.search(ln)]
        real = [ln for ln in found if not is_false("sqlmap", f"{' '.join(map(str, key))}\t{ln}")]
        what = f"sqlmap {tg['method']} {pattern_of(tg['path']) or tg['path']} ({tg['kind']}, " \
               f"{len(params) if params else 'every value' if tg['kind'] == 'api' else 'path id'}" \
               f"{'' if tg['kind'] in ('api', 'path', 'apipath') else ' parameters'}, {time.time() - t1:.0f} s)"
        crit = "CRITICAL" in log and "all tested parameters do not appear to be injectable" not in log
        t.ok(not real and p.returncode == 0, what + ": no finding",
             "; ".join(real[:3]) or (log.strip().splitlines()[-1] if log.strip() else f"exit {p.returncode}"))
        for ln in found:
            if ln not in real:
                print(f"    # judged false (false-positives.txt): {ln.strip()}")
        if crit and not real:
            print("    # note: " + [ln for ln in log.splitlines() if "CRITICAL" in ln][0].strip())
    print(f"# sqlmap: {len(items)} targets, {relayed[0]} requests in {time.time() - t0:.0f} s")
t.ok(reg.proc.poll() is None, "the server survived sqlmap")


# ---- wapiti, over TLS as a real deployment serves ----
def wapiti_scan():
    wapiti = shutil.which("wapiti")
    t.ok(wapiti is not None, "wapiti is installed (scripts/deps.sh security)")
    if wapiti is None:
        return
    cert, key = os.path.join(reg.dir, "cert.pem"), os.path.join(reg.dir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj",
                    "/CN=127.0.0.1", "-keyout", key, "-out", cert], check=True, capture_output=True)
    reg.stop()
    reg.serve("--tls-cert", cert, "--tls-key", key)
    tport = reg.port
    import ssl
    ctx = ssl._create_unverified_context()

    def signin(user):
        c = http.client.HTTPSConnection("127.0.0.1", tport, context=ctx)
        c.request("GET", "/login")
        r = c.getresponse()
        body = r.read().decode()
        pre = [v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie"]
        tk = re.search(r'name="csrf" value="([^"]*)"', body).group(1)
        c.request("POST", "/login", body=urllib.parse.urlencode(
            {"username": user, "password": "khipu-demo-2024", "csrf": tk}),
            headers={"Content-Type": "application/x-www-form-urlencoded", "Cookie": "; ".join(pre)})
        r = c.getresponse()
        r.read()
        return [v.split(";")[0] for k, v in r.getheaders() if k.lower() == "set-cookie"
                and v.startswith("khipu_session=")][0]

    modules = os.environ.get("KHIPU_SCAN_WAPITI_MODULES", "backup,blindsql,cookieflags,crlf,csp,csrf,exec,file,"
                             "htaccess,http_headers,methods,permanentxss,redirect,shellshock,sql,xss")
    secs = os.environ.get("KHIPU_SCAN_WAPITI_SECONDS", "900")
    for user in ["demo-prosecutor", "demo-admin"]:
        cookie = signin(user)
        rep = os.path.join(out, f"wapiti-{user}.json")
        cmd = [wapiti, "-u", f"https://127.0.0.1:{tport}/", "--scope", "folder", "-m", modules,
               "-H", f"Cookie: {cookie}", "-x", f"https://127.0.0.1:{tport}/logout",
               "--skip", "csrf", "--flush-session", "--no-bugreport", "-f", "json", "-o", rep,
               "--max-scan-time", secs, "--max-attack-time", str(max(60, int(secs) // 8)),
               "--store-session", os.path.join(out, "wapiti-session"), "--verify-ssl", "0", "-v", "1",
               "-d", "4", "--max-links-per-page", "40", "--max-files-per-dir", "30"]
        t1 = time.time()
        p = subprocess.run(cmd, capture_output=True, text=True, errors="replace")
        open(os.path.join(out, f"wapiti-{user}.log"), "w").write(p.stdout + p.stderr)
        if not t.ok(p.returncode == 0 and os.path.exists(rep), f"wapiti as {user} ran ({time.time() - t1:.0f} s)",
                    (p.stdout + p.stderr)[-500:]):
            continue
        report = json.load(open(rep, encoding="utf-8"))
        crawled = report.get("infos", {}).get("crawled_pages_nbr") or len(report.get("infos", {}).get("crawled_pages", []))
        t.ok(True, f"wapiti as {user}: {crawled} pages crawled")
        for section in ("vulnerabilities", "anomalies"):
            for cat, items in sorted(report.get(section, {}).items()):
                for it in items:
                    desc = f"{cat}: {it.get('method', '')} {it.get('path', '')} {it.get('parameter', '')} " \
                           f"{it.get('info', '')}".replace("\n", " ")
                    if is_false("wapiti", desc):
                        print(f"    # judged false (false-positives.txt): wapiti {section} {desc[:200]}")
                        continue
                    t.ok(False, f"wapiti as {user}: {section[:-1].replace('ie', 'y')} {desc[:300]}")
        nvuln = sum(len(v) for s in ("vulnerabilities", "anomalies") for v in report.get(s, {}).values())
        t.ok(True, f"wapiti as {user}: {nvuln} reports in all ({rep})")
        reg.stop()
        reg.serve("--tls-cert", cert, "--tls-key", key)
        tport = reg.port
    t.ok(reg.proc.poll() is None, "the server survived wapiti")


if "wapiti" in only:
    wapiti_scan()
proxy.shutdown()
t.ok(reg.stop() == 0, "the server stops cleanly")
t.done()
