"""routespec.py — which policy action(s) guard each route of src/web/routes.c
and the request that probes it: the one hand-written part of the
authorisation matrix (s0001), also used by the CSRF test (s0002) and the
scanners (scan.sh). A route missing here fails s0001."""

# (method, pattern) -> how the route is guarded and probed.
#   actions: policy actions, any of which allows ("public": no session;
#            "signed": any signed-in user)
#   on:      "case" (the {id} is a case: own/shared/other office),
#            "person" ({id} is a person: in an own-office case or not)
#   data/json/raw/query: the probe (json "newcase": a valid document); "{date}" is the case's complaint date,
#            "{seq}" a counter, "{office}" the case's office code
#   ok:      statuses that show the handler ran for an allowed user
#   deny:    the status of a refusal (403 unless said)
SPEC = {
    ("GET", "/"): dict(actions="signed", ok={200, 303}),
    ("GET", "/login"): dict(actions="public", ok={200, 303}),
    ("POST", "/login"): dict(actions="public", skip="signs in: tested by t0301 and s0002"),
    ("POST", "/logout"): dict(actions="signed", skip="ends the session: tested by s0002"),
    ("GET", "/healthz"): dict(actions="public", ok={200}),
    ("GET", "/metrics"): dict(actions="public", ok={404}),   # no --metrics-token-file: absent
    ("GET", "/assets/{name}"): dict(actions="public", ok={200}, path="/assets/khipu.css"),
    ("GET", "/cases"): dict(actions=["case.list"], ok={200}),
    ("GET", "/cases.csv"): dict(actions=["case.list"], ok={200}),
    ("GET", "/cases/new"): dict(actions=["case.create"], ok={200}),
    ("POST", "/cases/new"): dict(actions=["case.create"], ok={422}, data={"number": "x"}),
    ("GET", "/cases/{id}"): dict(actions=["case.read"], on="case", ok={200}),
    ("POST", "/cases/{id}/reveal"): dict(actions=["identity.reveal_victim", "identity.reveal_other"],
                                         on="case", ok={200, 303}),
    ("GET", "/cases/{id}/edit"): dict(actions=["case.update"], on="case", ok={200}),
    ("POST", "/cases/{id}/edit"): dict(actions=["case.update"], on="case", ok={303, 409, 412, 422},
                                       data={"version": "1"}),
    # hides what this browser revealed (a state of the session, nothing stored)
    ("POST", "/cases/{id}/hide"): dict(actions="signed", on="case", ok={303}),
    # complete forms, so the policy decides (a form short of a field is 422 first)
    ("POST", "/cases/{id}/protect"): dict(actions=["case.update"], on="case", ok={303, 422},
                                          data={"victim": "1", "measure": "shelter", "date": "{date}"}),
    ("POST", "/cases/{id}/asset-step"): dict(actions=["case.update"], on="case", ok={303, 422},
                                             data={"asset": "1", "step": "seized", "date": "{date}"}),
    ("POST", "/cases/{id}/outcome"): dict(actions=["case.update"], on="case", ok={303, 422},
                                          data={"suspect": "1", "outcome": "charge", "date": "{date}"}),
    ("POST", "/cases/{id}/events"): dict(actions=["case.update"], on="case", ok={303, 422},
                                         data={"stage": "complaint", "date": "{date}"}),
    ("POST", "/cases/{id}/assign"): dict(actions=["case.assign"], on="case", ok={422},
                                         data={"to": "demo-police"}),
    ("POST", "/cases/{id}/transfer"): dict(actions=["case.transfer"], on="case", ok={422},
                                           data={"office": "NO-SUCH", "reason": "x"}),
    ("POST", "/cases/{id}/attachments"): dict(actions=["case.update"], on="case", ok={422},
                                              data={"title": "x"}),
    ("POST", "/cases/{id}/attachments/{n}"): dict(actions=["attachment.read"], on="case", ok={404},
                                                  n="1"),
    ("GET", "/persons"): dict(actions=["person.search"], ok={200}),
    ("POST", "/persons"): dict(actions=["person.search"], ok={200}, data={"by": "doc", "q": "71234567"}),
    ("GET", "/persons/{id}"): dict(actions=["person.search"], on="person", ok={200}, deny_other=404),
    # the dedup review queue; a pair of the same id is refused in words (422) once the role may
    ("GET", "/dedup"): dict(actions=["person.search"], ok={200}),
    ("POST", "/dedup/merge"): dict(actions=["person.search"], ok={422}, data={"a": "1", "b": "1"}),
    ("POST", "/dedup/unmerge"): dict(actions=["person.search"], ok={422}, data={"a": "1", "b": "1"}),
    ("POST", "/dedup/reject"): dict(actions=["person.search"], ok={422}, data={"a": "1", "b": "1"}),
    # a case's network: the app layer answers 404 for a case out of reach
    ("GET", "/network"): dict(actions=["person.search"], ok={200, 404}, query="?case=1"),
    # the header's search box: cases by number and/or persons, as the role may
    ("POST", "/search"): dict(actions=["case.list", "person.search"], ok={200, 303},
                              data={"q": "2024"}),
    ("GET", "/admin/users"): dict(actions=["user.manage"], ok={200}),
    ("POST", "/admin/users"): dict(actions=["user.manage"], ok={303},
                                   data={"name": "sec-u{seq}", "role": "analyst",
                                         "password": "long-enough-pw-1"}),
    ("POST", "/admin/users/{name}/lock"): dict(actions=["user.manage"], ok={303},
                                               path="/admin/users/sec-spare/lock",
                                               data={"locked": "1", "confirm": "1"}),
    ("POST", "/admin/role"): dict(actions=["user.manage"], ok={303},
                                  data={"name": "sec-spare", "role": "analyst"}),
    ("POST", "/admin/password"): dict(actions=["user.manage"], ok={303},
                                      data={"name": "sec-spare", "password": "long-enough-pw-{seq}x"}),
    ("GET", "/admin/offices"): dict(actions=["office.manage"], ok={200}),
    ("POST", "/admin/offices"): dict(actions=["office.manage"], ok={303},
                                     data={"code": "SEC-{seq}", "oname": "Office",
                                           "kind": "specialised_prosecutor"}),
    ("GET", "/audit"): dict(actions=["audit.read"], ok={200}),
    ("GET", "/cooperation"): dict(actions=["request.manage"], ok={200}),
    # international requests: a complete form, so the policy decides; {id} of
    # /requests is a request (no such one: 404 once the role may manage requests)
    ("GET", "/cases/{id}/requests/new"): dict(actions=["request.manage"], on="case", ok={200}),
    ("POST", "/cases/{id}/requests/new"): dict(actions=["request.manage"], on="case", ok={303, 422},
                                               data={"direction": "outgoing", "country": "BO",
                                                     "type": "mla"}),
    ("GET", "/requests/{id}"): dict(actions=["request.manage"], ok={404}, path="/requests/0"),
    ("POST", "/requests/{id}"): dict(actions=["request.manage"], ok={404}, path="/requests/0",
                                     data={"status": "closed"}),
    ("GET", "/audit.csv"): dict(actions=["audit.read"], ok={200}),
    ("POST", "/audit/verify"): dict(actions=["audit.read"], ok={200}),
    ("GET", "/stats"): dict(actions=["stats.read"], ok={200}),
    ("GET", "/stats.csv"): dict(actions=["stats.read"], ok={200}, query="?table=funnel"),
    # the workbook: the dashboard's reader must also be one who may export
    ("GET", "/stats.xlsx"): dict(actions=["data.export"], ok={200}),
    # the JSON API: bearer tokens; no token is 401
    ("GET", "/api/v1/cases"): dict(actions=["case.list"], ok={200}),
    ("POST", "/api/v1/cases"): dict(actions=["case.create"], on="case", ok={201}, json="newcase"),
    ("GET", "/api/v1/cases/{id}"): dict(actions=["case.read"], on="case", ok={200}),
    ("PUT", "/api/v1/cases/{id}"): dict(actions=["case.update"], on="case", ok={200, 409, 412, 422},
                                        json="{}", headers={"If-Match": '"1"'}),
    ("GET", "/api/v1/cases/{id}/history"): dict(actions=["case.read"], on="case", ok={200}),
    ("POST", "/api/v1/cases/{id}/assign"): dict(actions=["case.assign"], on="case", ok={422},
                                                json='{"to": "demo-police"}'),
    ("POST", "/api/v1/cases/{id}/transfer"): dict(actions=["case.transfer"], on="case", ok={422},
                                                  json='{"office": "NO-SUCH", "reason": "x"}'),
    ("GET", "/api/v1/cases/{id}/attachments"): dict(actions=["case.read"], on="case", ok={200}),
    ("POST", "/api/v1/cases/{id}/attachments"): dict(actions=["case.update"], on="case", ok={201},
                                                     raw=b"a plain text note\n", query="?name=n.txt&title=x",
                                                     headers={"Content-Type": "application/octet-stream"}),
    ("GET", "/api/v1/cases/{id}/attachments/{n}"): dict(actions=["attachment.read"], on="case",
                                                        ok={200, 404}, n="1"),
    ("GET", "/api/v1/persons"): dict(actions=["person.search"], ok={200}, query="?doc=71234567"),
    ("GET", "/api/v1/requests"): dict(actions=["request.manage"], ok={200}),
    ("POST", "/api/v1/requests"): dict(actions=["request.manage"], ok={404},
                                       json='{"case": 999999999, "direction": "outgoing", '
                                            '"country": "BO", "type": "mla"}'),
    ("GET", "/api/v1/requests/{id}"): dict(actions=["request.manage"], ok={404},
                                           path="/api/v1/requests/0"),
    ("GET", "/api/v1/codebook"): dict(actions="signed", ok={200}),
    ("GET", "/api/v1/openapi.json"): dict(actions="public", ok={200}),
}

