#!/usr/bin/env python3
"""s0003 — no identity in clear where none may be: every page any role can
reach by following links (GET, masked), every JSON API answer short of a
reveal, error messages (API, pages and CLI) about documents full of
identities, every link, redirect and form address, the server's log, and
the audit trail (`khipu audit show` and its page), after reveals, searches
by name, document and phone, and refused requests have been made.

The identities are the register's own: every name (whole, and each pair of
adjacent words), alias, document number, address, phone (as written and as
bare digits) and identifier value of every person of every case, read by
revealing each case as a user who may (a prosecutor of each office)."""
import json
import os
import re
import sys
import unicodedata
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seclib import ROLES, Checks, Client, Register  # noqa: E402

t = Checks()
reg = Register(sys.argv[1], cases=int(os.environ.get("KHIPU_SEC_CASES", "20")))
DATA = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration", "data", "case-mdd.json")
DOC = json.load(open(DATA, encoding="utf-8"))


def fold(s):
    s = unicodedata.normalize("NFKD", s.casefold())
    return "".join(c for c in s if not unicodedata.combining(c))


# ---- the identities of the register ----
reg.run("case", "add", "--as", "demo-prosecutor", "--json", DATA)
offices = [r[0] for r in reg.sql("SELECT DISTINCT o.code FROM cases c JOIN offices o ON o.id = c.office_id")]
for i, code in enumerate(offices):
    reg.run("user", "add", f"sec-p{i}", "--role", "prosecutor", "--office", code, "--as", "demo-admin",
            stdin="sec-password-123\n")
office_user = {code: f"sec-p{i}" for i, code in enumerate(offices)}
values = set()


def collect(person):
    for k in ("name", "alias", "doc_number", "address"):
        v = person.get(k)
        if isinstance(v, str) and len(v) >= 4:
            values.add(v)
            if k in ("name", "alias"):
                w = [x for x in re.split(r"\s+", v) if len(x) >= 3]
                values.update(f"{a} {b}" for a, b in zip(w, w[1:]))
    for ident in person.get("identifiers") or []:
        v = ident.get("value")
        if isinstance(v, str) and len(v) >= 5:
            values.add(v)
            digits = re.sub(r"\D", "", v)
            if ident.get("kind") == "phone" and len(digits) >= 7:
                values.update({digits, digits[-9:]})   # as dialled, and without +51


ncases = 0
for cid, code in reg.sql("SELECT c.id, o.code FROM cases c JOIN offices o ON o.id = c.office_id"):
    doc = json.loads(reg.run("case", "show", cid, "--as", office_user[code], "--reveal", "--format", "json").stdout)
    ncases += 1
    for p in doc.get("persons", []):
        collect(p)
    for ident in doc.get("identifiers") or []:
        if isinstance(ident.get("value"), str) and len(ident["value"]) >= 5:
            values.add(ident["value"])
NEEDLES = sorted({fold(v) for v in values}, key=len, reverse=True)
t.ok(ncases >= 20 and len(NEEDLES) > 100, f"{len(NEEDLES)} identity values of {ncases} cases, read by revealing")
t.ok(fold("Rosalinda Ccahuana Ttito") in NEEDLES and "987654321" in NEEDLES and fold("El Chato") in NEEDLES,
     "they include the added case's victim, her phone and the suspect's alias")


def leaks(text):
    f = fold(text)
    return [n for n in NEEDLES if n in f]


def check(where, text, quiet=False):
    found = leaks(text)
    if found or not quiet:
        t.ok(not found, f"no identity in clear: {where}", f"found {found[:3]}")
    return not found


# ---- activity: reveals, searches, refusals, errors ----
url = reg.serve()
port = reg.port
pros = Client(port)
pros.login("demo-prosecutor")
own = reg.one("SELECT c.id FROM cases c JOIN users u ON u.office_id = c.office_id "
              "WHERE u.name = 'demo-prosecutor' ORDER BY c.id DESC LIMIT 1")
other = reg.one("SELECT c.id FROM cases c JOIN users u ON u.name = 'demo-prosecutor' "
                "WHERE c.office_id <> u.office_id ORDER BY c.id LIMIT 1")
r = pros.post(f"/cases/{own}/reveal")
if r.status == 303:   # the reveal redirects to the case page, now shown revealed to this browser
    r = pros.get(urlsplit(r.header("Location")).path)
t.ok(r.status == 200 and leaks(r.text()), "a reveal shows identities, and this check finds them (it can fail)")
pros.post(f"/cases/{own}/hide")   # hidden again before the crawl below
for by, q in [("name", "Rosalinda Ccahuana Ttito"), ("doc", "71234567"), ("phone", "987654321")]:
    r = pros.post("/persons", {"by": by, "q": q})
    t.ok(r.status == 200, f"(a person search by {by})")
    check(f"the search page by {by} shows the hits masked", r.text().replace(q, ""))
pol = Client(port)
pol.login("demo-police")
pol.post(f"/cases/{other}/reveal")   # refused, audited
tok = {r: reg.run("token", "create", "--as", f"demo-{r}").stdout.strip() for r in ROLES}
api = {r: Client(port, token=tok[r]) for r in ROLES}
r = api["prosecutor"].get("/api/v1/persons?name=Rosalinda%20Ccahuana%20Ttito")
t.ok(r.status == 200, "(an API search by name)")
check("the API search answer", r.text())

# errors about documents full of identities: the message names the field, not the person
bad = json.loads(json.dumps(DOC))
bad["number"] = "SEC-ERR-1"
bad["persons"][0]["birth_date"] = "2006-13-45"
r = api["prosecutor"].request("POST", "/api/v1/cases", json_body=json.dumps(bad))
t.ok(r.status in (400, 422), f"(a bad document is refused: {r.status})")
check("the API's error about a bad document", r.text())
bad["persons"][0]["birth_date"] = "2006-04-11"
bad["office"] = "NO-SUCH-OFFICE"
r = api["prosecutor"].request("POST", "/api/v1/cases", json_body=json.dumps(bad))
check("the API's error about an unknown office", r.text())
bad["office"] = DOC["office"]
bad["persons"][2]["suspect"]["outcome"] = "no-such-outcome"
r = api["prosecutor"].request("POST", "/api/v1/cases", json_body=json.dumps(bad))
check("the API's error about a bad code in a suspect", r.text())
r = api["police"].request("POST", "/api/v1/cases", json_body=json.dumps(dict(bad, office="FEPMTP-CUS")))
check("the API's refusal of a document for another office", r.text())
foreign = reg.one(f"SELECT person_id FROM participations WHERE case_id = {other} LIMIT 1")
join = dict(json.loads(json.dumps(DOC)), number="SEC-JOIN-1",
            persons=[{"person_id": int(foreign), "role": "victim"}])
r = api["prosecutor"].request("POST", "/api/v1/cases", json_body=json.dumps(join))
t.ok(r.status in (403, 404, 422), f"(joining another office's person is refused: {r.status})")
check("the refusal of a person of another office", r.text())
cur = api["prosecutor"].get(f"/api/v1/cases/{own}")
r = api["prosecutor"].request("PUT", f"/api/v1/cases/{own}", json_body=cur.body, headers={"If-Match": '"999"'})
check(f"the answer to a stale update ({r.status})", r.text())
bad_cli = os.path.join(reg.dir, "bad.json")
bad["persons"][2]["suspect"]["outcome"] = "pending"
bad["persons"][1]["birth_year"] = 1700
json.dump(bad, open(bad_cli, "w"))
p = reg.run("case", "add", "--as", "demo-prosecutor", "--json", bad_cli, check=False)
t.ok(p.returncode != 0, "(the CLI refuses the bad document)")
check("the CLI's error about a bad document", p.stdout + p.stderr)
p = reg.run("case", "add", "--as", "demo-analyst", "--json", DATA, check=False)
check("the CLI's refusal of an analyst's case", p.stdout + p.stderr)
p = reg.run("person", "search", "--as", "demo-analyst", "--name", "x y", check=False)
check("the CLI's refusal of an analyst's search", p.stdout + p.stderr)
p = reg.run("case", "show", own, "--as", "demo-prosecutor", check=False)
check("the CLI's case show without --reveal", p.stdout + p.stderr)
p = reg.run("case", "history", own, "--as", "demo-prosecutor", check=False)
check("the CLI's case history without --reveal", p.stdout + p.stderr)
r = pros.post("/cases/new", {"number": "SEC-FORM-1", "summary": "x", "v1_name": ""})
t.ok(r.status == 422, "(an invalid new-case form comes back)")


# ---- every page each role reaches by following links ----
class Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links = []

    def handle_starttag(self, tag, attrs):
        for k, v in attrs:
            if k in ("href", "action", "src") and v:
                self.links.append(v)


def crawl(client, role, limit=int(os.environ.get("KHIPU_SEC_CRAWL", "80"))):
    seen, queue, n, bad = set(), ["/"], 0, 0
    while queue and n < limit:
        path = queue.pop(0)
        if path in seen or path.startswith("/logout"):
            continue
        seen.add(path)
        r = client.get(path)
        n += 1
        if not check(f"{role}: GET {path} ({r.status})", r.text(), quiet=True):
            bad += 1
        loc = r.header("Location")
        if loc:
            check(f"{role}: the redirect of {path}", loc, quiet=True)
            queue.append(urlsplit(urljoin(url + path, loc)).path)
        if "html" not in (r.header("Content-Type") or ""):
            continue
        p = Links()
        p.feed(r.text())
        for link in p.links:
            u = urlsplit(urljoin(url + path, link))
            if u.netloc and u.netloc != f"127.0.0.1:{port}":
                continue
            full = u.path + ("?" + u.query if u.query else "")
            if not check(f"{role}: a link on {path}", full, quiet=True):
                bad += 1
            if full not in seen:
                queue.append(full)
    return n, bad


for role in ROLES:
    b = Client(port)
    b.login(f"demo-{role}")
    n, bad = crawl(b, role)
    t.ok(bad == 0 and n >= 3, f"{role}: {n} pages reached by links, none shows an identity in clear")

# ---- every JSON answer short of a reveal ----
ids = [r[0] for r in reg.sql("SELECT id FROM cases")]
for role in ROLES:
    a = api[role]
    bad = n = 0
    for path in ["/api/v1/cases?limit=200", "/api/v1/codebook", "/api/v1/openapi.json"] + \
            [f"/api/v1/cases/{i}{s}" for i in ids for s in ("", "/history", "/attachments")]:
        r = a.get(path)
        n += 1
        bad += not check(f"{role}: GET {path}", r.text(), quiet=True)
    t.ok(bad == 0, f"{role}: {n} API answers (masked), none with an identity in clear")

# ---- the audit trail and the log ----
p = reg.run("audit", "show", "--as", "demo-auditor", "--format", "json", "--limit", "100000", check=False)
if p.returncode != 0:
    p = reg.run("audit", "show", "--as", "demo-auditor", "--format", "json")
entries = json.loads(p.stdout)
entries = entries.get("entries", entries) if isinstance(entries, dict) else entries
t.ok(len(entries) > 50, f"({len(entries)} audit entries)")
acts = {e.get("action") for e in entries if isinstance(e, dict)}
t.ok({"identity.reveal_victim", "person.search"} <= acts, "(reveals and searches are in the trail)", f"{acts}")
check("the audit trail (khipu audit show)", p.stdout)
check("the audit table itself", "\n".join("\t".join(x) for x in reg.sql("SELECT * FROM audit")))
rc = reg.stop()
log = open(reg.log, encoding="utf-8", errors="replace").read()
t.ok(len(log.splitlines()) > 100, f"({len(log.splitlines())} lines of server log)")
check("the server's log", log)
t.ok(not re.search(r"\?[a-z_]+=", log), "the log has no query string")
t.ok(rc == 0, "the server stops cleanly")
t.done()
