#!/usr/bin/env python3
"""s0001 — the authorisation matrix: every route of the route table
(src/web/routes.c) x every method x every role (and no session) x a case of
the user's own office, a case shared with it and a case of another office.

The expected answer is computed from the policy table (src/core/policy.c),
not written down: the only hand-written part is SPEC (routespec.py), which says which
policy action(s) guard each route and what request probes it. A route of the
table without a SPEC row (a new route) fails the test, so no route escapes
the matrix. Allowed: one of the route's success or validation statuses
(the probe data may be invalid on purpose: the check is that the handler
ran); refused: 403 (404 where the route must not tell whether an object
exists), and a refused answer shows no identity."""
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from routespec import SPEC  # noqa: E402
from seclib import ROLES, Checks, Client, Register, policy_table, route_table  # noqa: E402

t = Checks()
reg = Register(sys.argv[1], cases=int(os.environ.get("KHIPU_SEC_CASES", "40")))
names, policy = policy_table()
routes = route_table()
t.ok(len(routes) >= 30, f"read the route table ({len(routes)} routes)")
t.ok(len(policy) >= 20, f"read the policy table ({len(policy)} cells)")

# every route and method of the table has its row, and no row is stale
table = {(m, p): flags for p, methods, flags in routes for m in
         (["GET"] if "GET" in methods else []) + (["POST"] if "POST" in methods else []) +
         (["PUT"] if "PUT" in methods else [])}
missing = sorted(set(table) - set(SPEC))
stale = sorted(set(SPEC) - set(table))
t.ok(not missing, "every route of src/web/routes.c is in the matrix", f"missing: {missing}")
t.ok(not stale, "every route of the matrix is in src/web/routes.c", f"stale: {stale}")
for key, spec in SPEC.items():
    for a in spec["actions"] if isinstance(spec["actions"], list) else []:
        t.ok(a in names.values(), f"{key[0]} {key[1]}: '{a}' is an action of the policy")

# the users, their offices, and the cases and persons probed
users = {r: reg.sql(f"SELECT u.id, coalesce(u.office_id, 0), coalesce(o.code, '') FROM users u "
                    f"LEFT JOIN offices o ON o.id = u.office_id WHERE u.name = 'demo-{r}'")[0]
         for r in ROLES}
home = int(users["prosecutor"][1])
home_code = users["prosecutor"][2]
other_code = reg.one(f"SELECT code FROM offices WHERE id <> {home} AND id IN (SELECT office_id FROM cases) "
                     "ORDER BY id LIMIT 1")
cases = {
    "own": reg.one(f"SELECT id FROM cases WHERE office_id = {home} ORDER BY id LIMIT 1"),
    "shared": reg.one(f"SELECT c.id FROM cases c JOIN case_shares s ON s.case_id = c.id "
                      f"WHERE s.office_id = {home} AND c.office_id <> {home} ORDER BY c.id LIMIT 1"),
    "other": reg.one(f"SELECT id FROM cases WHERE office_id <> {home} AND id NOT IN "
                     f"(SELECT case_id FROM case_shares WHERE office_id = {home}) ORDER BY id LIMIT 1"),
}
if cases["shared"] is None:   # the demo shares none: share one (as its office would)
    sid = reg.one(f"SELECT id FROM cases WHERE office_id <> {home} AND id <> {cases['other']} ORDER BY id LIMIT 1")
    reg.sql(f"INSERT INTO case_shares (case_id, office_id) VALUES ({sid}, {home})")
    cases["shared"] = sid
case_office = {k: int(reg.one(f"SELECT office_id FROM cases WHERE id = {v}")) for k, v in cases.items()}
case_date = {k: reg.one(f"SELECT complaint_date FROM cases WHERE id = {v}") for k, v in cases.items()}
persons = {
    "own": reg.one(f"SELECT p.person_id FROM participations p JOIN cases c ON c.id = p.case_id "
                   f"WHERE c.office_id = {home} LIMIT 1"),
    "other": reg.one(f"SELECT person_id FROM participations WHERE person_id NOT IN (SELECT p.person_id FROM "
                     f"participations p JOIN cases c ON c.id = p.case_id WHERE c.office_id = {home} OR c.id IN "
                     f"(SELECT case_id FROM case_shares WHERE office_id = {home})) LIMIT 1"),
}
t.ok(all(cases.values()) and all(persons.values()) and other_code,
     f"cases own/shared/other {cases}, persons in and out of the office {persons}")
reg.run("user", "add", "sec-spare", "--role", "analyst", "--as", "demo-admin", stdin="spare-password-1\n")

url = reg.serve()
port = reg.port
browsers = {r: Client(port) for r in ROLES}
for r, b in browsers.items():
    t.ok(b.login(f"demo-{r}").status == 303, f"demo-{r} signs in")
tokens = {r: Client(port, token=reg.run("token", "create", "--as", f"demo-{r}").stdout.strip()) for r in ROLES}
anon = Client(port)
DOC = json.load(open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "integration",
                                  "data", "case-mdd.json"), encoding="utf-8"))
DOC.pop("requests")   # international requests need request.manage besides case.create


def allowed(role, actions, case):
    """The policy's answer for role; case is None or (owning office, offices shared with)."""
    uoff = int(users[role][1])
    for a in actions:
        scope = policy.get((role, a))
        if scope is None:
            continue
        if scope == "national" or case is None:
            return True
        owner, shared = case
        if scope == "office" and uoff != 0 and (owner == uoff or uoff in shared):
            return True
        if scope == "own" and uoff != 0 and owner == uoff:
            return True
    return False


def case_of(which):
    return (case_office[which], {home} if which == "shared" else set())


seq = [0]


def fill(v, which):
    seq[0] += 1
    s = v.replace("{seq}", str(seq[0]))
    if which in case_date:
        s = s.replace("{date}", case_date[which])
    return s


def probe(client, method, pattern, spec, which, api):
    path = spec.get("path", pattern)
    if spec.get("on") == "case" and "{id}" in path:
        path = path.replace("{id}", str(cases[which]))
    if spec.get("on") == "person":
        path = path.replace("{id}", str(persons[which]))
    path = path.replace("{n}", spec.get("n", "1")) + spec.get("query", "")
    data = {k: fill(v, which) for k, v in spec.get("data", {}).items()} if "data" in spec else None
    body = spec.get("json", spec.get("raw"))
    if body == "newcase":   # a valid document naming the case's office
        doc = dict(DOC, number=f"SEC-{seq[0] + 1}-{which}", office=home_code if which == "own" else other_code)
        seq[0] += 1
        body = json.dumps(doc)
    if method == "GET":
        return client.get(path, headers=spec.get("headers"))
    if api:
        if data is not None:
            return client.request(method, path, data=data, headers=spec.get("headers"))
        return client.request(method, path, json_body=body or "", headers=spec.get("headers"))
    return client.post(path, data, headers=spec.get("headers"))


n = 0
for (method, pattern), spec in SPEC.items():
    if "skip" in spec or (method, pattern) not in table:
        continue
    api = pattern.startswith("/api/")
    on = spec.get("on")
    variants = ["own", "shared", "other"] if on == "case" else ["own", "other"] if on == "person" else [None]
    if pattern == "/api/v1/cases" and method == "POST":
        variants = ["own", "other"]
    for which in variants:
        for role in ROLES + ["anonymous"]:
            client = anon if role == "anonymous" else (tokens[role] if api else browsers[role])
            r = probe(client, method, pattern, spec, which, api)
            n += 1
            label = f"{role}: {method} {pattern}" + (f" ({which})" if which else "")
            acts = spec["actions"]
            if role == "anonymous":
                want = spec["ok"] if acts == "public" else ({401} if api else ({303} if method == "GET" else {403}))
            elif acts in ("public", "signed"):
                want = spec["ok"]
            elif on == "person":
                ok = allowed(role, acts, None) and (which == "own" and int(users[role][1]) == home or
                                                    policy.get((role, "person.search")) == "national")
                want = spec["ok"] if ok else ({spec.get("deny_other", 403)} if allowed(role, acts, None) else {403})
            else:
                off = case_of(which) if on == "case" else None
                want = spec["ok"] if allowed(role, acts, off) else {403}
            t.ok(r.status in want, f"{label} -> {r.status}", f"wanted {sorted(want)}: {r.text()[:300]!r}")
            if r.status in (401, 403, 404) and role != "anonymous":
                body = r.text()
                leak = 'class="revealed"' in body or '"name":' in body
                if leak:
                    t.ok(False, f"{label}: the refusal shows no person")
t.ok(n > 300, f"{n} requests in the matrix")
t.ok(reg.stop() == 0, "the server stops cleanly")
t.done()
