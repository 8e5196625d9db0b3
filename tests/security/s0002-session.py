#!/usr/bin/env python3
"""s0002 — sessions and CSRF, as an attacker would try them.

Session fixation: a session cookie planted before sign-in (chosen by the
attacker, or a real one of another user) is never adopted; signing in
issues a new secret; signing in again and signing out end the old one;
the cookie is HttpOnly and SameSite=Strict; the API ignores cookies.

CSRF: every state-changing form of the route table (every POST route that is
not the JSON API, src/web/routes.c) is refused with 403 without a token, with
a wrong one, with another user's, with the signed-out session's own and with
the sign-in form's pre-session token; nothing is written (the audit trail and
the tables keep their row counts); and the same request with the right token
is not refused, so the check can fail. The sign-in form's double-submit
cookie is checked the same way."""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from routespec import SPEC  # noqa: E402
from seclib import ROLES, Checks, Client, Register, policy_table, route_table  # noqa: E402

t = Checks()
reg = Register(sys.argv[1], cases=20)
names, policy = policy_table()
reg.run("user", "add", "sec-spare", "--role", "analyst", "--as", "demo-admin", stdin="spare-password-1\n")
url = reg.serve()
port = reg.port

# ---- session fixation ----
planted = "a" * 64
v = Client(port)
v.cookies["khipu_session"] = planted
r = v.get("/cases")
t.ok(r.status == 303, "a planted session cookie opens nothing", f"{r.status}")
r = v.login("demo-prosecutor")
t.ok(r.status == 303, "the victim signs in with the planted cookie in her jar")
sid = v.cookies.get("khipu_session")
t.ok(sid and sid != planted, "signing in issues a new session secret, not the planted one")
a = Client(port)
a.cookies["khipu_session"] = planted
t.ok(a.get("/cases").status == 303, "the attacker's planted value is still not signed in")
t.ok(v.get("/cases").status == 200, "the victim's new session works")
# a real session of the attacker planted in the victim's browser
att = Client(port)
att.login("demo-police")
att_sid = att.cookies["khipu_session"]
v2 = Client(port)
v2.cookies["khipu_session"] = att_sid
v2.login("demo-prosecutor", keep=True)
t.ok(v2.cookies["khipu_session"] != att_sid, "signing in over another user's session issues a new secret")
t.ok(att.get("/cases").status == 303, "and ends the session that was planted")
r = v2.get("/")
t.ok(r.status in (200, 303) and "demo-police" not in r.text(), "the victim is herself, not the attacker")
# sign-in again replaces the session; sign-out deletes it server-side
old = Client(port)
old.cookies["khipu_session"] = sid
t.ok(old.get("/cases").status == 200, "(the first session works before the new sign-in)")
v.login("demo-prosecutor", keep=True)
t.ok(v.cookies["khipu_session"] != sid, "a second sign-in issues another secret")
t.ok(old.get("/cases").status == 303, "signing in again ends the previous session of that browser")
sid2 = v.cookies["khipu_session"]
r = v.post("/logout")
t.ok(r.status == 303, "sign out")
replay = Client(port)
replay.cookies["khipu_session"] = sid2
t.ok(replay.get("/cases").status == 303, "a signed-out session does not come back when replayed")
# cookie attributes
c = Client(port)
r = c.login("demo-analyst")
setc = [v for k, v in r.headers if k.lower() == "set-cookie" and v.startswith("khipu_session=")]
t.ok(setc and "HttpOnly" in setc[0] and "SameSite=Strict" in setc[0],
     "the session cookie is HttpOnly and SameSite=Strict", f"{setc}")
t.ok(setc and "Path=/" in setc[0], "for the whole site", f"{setc}")
# the API takes bearer tokens, never the cookie (so it needs no CSRF token)
r = c.request("POST", "/api/v1/cases", json_body="{}")
t.ok(r.status == 401, "the API refuses a session cookie (401)", f"{r.status}")
r = c.get("/api/v1/cases")
t.ok(r.status == 401, "even for reading", f"{r.status}")

# ---- CSRF on every state-changing form ----
routes = route_table()
posts = [(p, f) for p, methods, f in routes if "POST" in methods and "API" not in f]
t.ok(len(posts) >= 12, f"{len(posts)} state-changing forms in the route table")
users = {r_: reg.sql(f"SELECT coalesce(office_id, 0) FROM users WHERE name = 'demo-{r_}'")[0][0] for r_ in ROLES}
home = int(users["prosecutor"])
own = reg.one(f"SELECT id FROM cases WHERE office_id = {home} ORDER BY id LIMIT 1")
own_date = reg.one(f"SELECT complaint_date FROM cases WHERE id = {own}")
person = reg.one(f"SELECT person_id FROM participations WHERE case_id = {own} LIMIT 1")
TABLES = ["audit", "cases", "events", "users", "offices", "sessions", "attachments", "persons"]
present = {x[0] for x in reg.sql("SELECT name FROM sqlite_master WHERE type = 'table'")}
TABLES = [x for x in TABLES if x in present]


def counts():
    return {x: reg.one(f"SELECT count(*) FROM {x}") for x in TABLES}


def actor_for(spec):
    """A role the policy allows for the route (office-scoped: the demo office)."""
    acts = spec["actions"]
    if not isinstance(acts, list):
        return "prosecutor"
    for role in ["prosecutor", "police", "admin", "auditor", "analyst", "liaison"]:
        if any(policy.get((role, a)) for a in acts):
            return role
    return None


_browsers, _stale = {}, {}


def browser(role):
    """One signed-in browser per role (each sign-in hashes a password)."""
    if role not in _browsers:
        _browsers[role] = Client(port)
        _browsers[role].login(f"demo-{role}")
    return _browsers[role]


def stale(role):
    """The CSRF token of a session of role that has signed out."""
    if role not in _stale:
        c = Client(port)
        c.login(f"demo-{role}")
        _stale[role] = c.csrf()
        c.post("/logout")
    return _stale[role]


seq = [0]
other = Client(port)
other.login("demo-liaison")
other_tok = other.csrf()
for pattern, flags in posts:
    if pattern in ("/login", "/logout"):
        continue
    spec = SPEC.get(("POST", pattern))
    if spec is None:
        t.ok(False, f"POST {pattern} has a probe in routespec.py")
        continue
    role = actor_for(spec)
    b = browser(role)
    seq[0] += 1
    path = spec.get("path", pattern).replace("{id}", str(own)).replace("{n}", spec.get("n", "1"))
    path = path.replace("{name}", "sec-spare")
    data = {k: v.replace("{seq}", str(seq[0])).replace("{date}", own_date) for k, v in
            spec.get("data", {}).items()}
    stale_tok = stale(role)
    pre_tok = Client(port).csrf("/login")
    before = counts()
    for what, tok in [("no token", None), ("a wrong token", "0" * 64), ("an empty token", ""),
                      ("another user's token", other_tok), ("a signed-out session's token", stale_tok),
                      ("the sign-in form's token", pre_tok), ("a token with a changed letter", None)]:
        d = dict(data)
        if what == "a token with a changed letter":
            good = b.csrf()
            tok = ("1" if good[0] != "1" else "2") + good[1:]
        if tok is not None:
            d["csrf"] = tok
        r = b.request("POST", path, data=d)
        t.ok(r.status == 403, f"{role}: POST {pattern} with {what} is 403", f"{r.status}")
    t.ok(counts() == before, f"POST {pattern}: nothing written by the refused requests", f"{before} -> {counts()}")
    # the same request as a cross-site form would send it: from another origin, no token
    r = b.request("POST", path, data=data, headers={"Origin": "http://evil.example", "Referer": "http://evil.example/"})
    t.ok(r.status == 403, f"{role}: POST {pattern} from another site without the token is 403")
    # and with the right token the handler runs (the check can fail)
    r = b.post(path, data)
    t.ok(r.status in spec["ok"], f"{role}: POST {pattern} with the right token runs ({r.status})",
         f"wanted {sorted(spec['ok'])}: {r.text()[:200]!r}")
# the sign-in form: double-submit cookie
s = Client(port)
tok = s.csrf("/login")
r = s.request("POST", "/login", data={"username": "demo-analyst", "password": "khipu-demo-2024"})
t.ok(r.status == 403 and "khipu_session" not in s.cookies, "sign-in without the token is 403")
r = s.request("POST", "/login", data={"username": "demo-analyst", "password": "khipu-demo-2024", "csrf": "0" * 64})
t.ok(r.status == 403 and "khipu_session" not in s.cookies, "sign-in with a wrong token is 403")
s2 = Client(port)
r = s2.request("POST", "/login", data={"username": "demo-analyst", "password": "khipu-demo-2024", "csrf": tok})
t.ok(r.status == 403 and "khipu_session" not in s2.cookies,
     "sign-in with another browser's token and no cookie is 403 (login CSRF)")
r = s.request("POST", "/login", data={"username": "demo-analyst", "password": "khipu-demo-2024", "csrf": tok})
t.ok(r.status == 303 and "khipu_session" in s.cookies, "sign-in with its own token works")
# logout without a token does not end the session (a cross-site sign-out)
r = s.request("POST", "/logout", data={})
t.ok(r.status == 403 and s.get("/cases").status == 200, "sign-out without the token is 403 and the session lives")
t.ok(reg.stop() == 0, "the server stops cleanly")
t.done()
