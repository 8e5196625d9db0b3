#!/bin/sh
# t0122 — docs/json-output.md is true: for every command with --format json,
# the fields printed are exactly the fields the document lists, in the types
# it gives (read from its tables), on a demo register and a full case.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
SPEC="$(dirname "$KHIPU_LIB")/../../docs/json-output.md"

[ -f "$SPEC" ] && ok "docs/json-output.md exists" || { not_ok "docs/json-output.md exists"; done_testing; exit; }
fresh_demo 30
"$KHIPU" case add --as demo-prosecutor --json "$DOC" >/dev/null || not_ok "the sample case registers"
"$KHIPU" person search --as demo-prosecutor --name "Rosalinda" >/dev/null 2>&1

j() { name=$1; shift; "$KHIPU" "$@" --format json >"$T/$name.json" 2>"$T/err" ||
	not_ok "'$*' runs ($(head -1 "$T/err"))"; }
j case-list case list --as demo-analyst
j case-deadlines case deadlines --as demo-analyst
j case-show case show 2024-0153-FEPMTP-MDD --as demo-prosecutor --reveal
j case-show-masked case show 2024-0153-FEPMTP-MDD --as demo-prosecutor
j case-show-none case show 2024-0153-FEPMTP-MDD --as demo-analyst
j person-search person search --as demo-prosecutor --name "rosalinda ccahuana"
j audit-show audit show --as demo-auditor
j office-list office list
j user-list user list
j codebook codebook
j mla-list mla list --as demo-liaison

python3 - "$SPEC" "$T" >"$T/results" <<'PY'
import json, re, sys
spec, d = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
res = []
def check(ok, what):
    res.append(("ok - " if ok else "not ok - ") + what)

def section(title):
    m = re.search(r"^## `khipu " + re.escape(title) + r"[^\n]*\n(.*?)(?=^## |\Z)", spec, re.S | re.M)
    return m.group(1) if m else ""

def table(text, nth=0):
    """rows of the nth markdown table of text: {field: type cell}"""
    tables = re.findall(r"((?:^\|.*\|\n)+)", text, re.M)
    rows = {}
    if nth >= len(tables):
        return rows
    for line in tables[nth].splitlines()[2:]:
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        for name in re.findall(r"`([a-z_]+)`", cells[0]) if re.fullmatch(r"(`[a-z_]+`(, )?)+", cells[0]) else []:
            rows[name] = cells[1]
    return rows

def type_ok(cell, v):
    alts = [a.strip() for a in cell.split("\\|")]
    if v is None:
        return "null" in alts
    a = alts[0]
    if a.startswith("["): return isinstance(v, list)
    if a.startswith("{") or a == "object": return isinstance(v, dict)
    if a == "int": return isinstance(v, int) and not isinstance(v, bool)
    if a == "number": return isinstance(v, (int, float)) and not isinstance(v, bool)
    if a == "bool": return isinstance(v, bool)
    return isinstance(v, str)   # string, date, time, code ...

def check_objects(label, objs, rows):
    check(len(rows) > 0, f"{label}: the document lists fields")
    check(len(objs) > 0, f"{label}: the command printed objects")
    bad_keys, bad_types = set(), set()
    for o in objs:
        if set(o) != set(rows):
            bad_keys |= set(o) ^ set(rows)
        for k, v in o.items():
            if k in rows and not type_ok(rows[k], v):
                bad_types.add(f"{k}={v!r} is not {rows[k]}")
    check(not bad_keys, f"{label}: printed fields are the documented ones" +
          (f" (differ: {sorted(bad_keys)})" if bad_keys else ""))
    check(not bad_types, f"{label}: types as documented" + (f" ({sorted(bad_types)[:3]})" if bad_types else ""))

load = lambda n: json.load(open(f"{d}/{n}.json", encoding="utf-8"))
check_objects("case list", load("case-list"), table(section("case list")))
check_objects("case deadlines", load("case-deadlines"), table(section("case deadlines")))
check_objects("person search", load("person-search"), table(section("person search")))
check_objects("audit show", load("audit-show"), table(section("audit show")))
check_objects("office list", load("office-list"), table(section("office list")))
check_objects("user list", load("user-list"), table(section("user list")))
check_objects("mla list", load("mla-list"), table(section("mla list")))
cb = load("codebook")
check(isinstance(cb, dict) and "stage" in cb and "exploitation" in cb, "codebook: an object of dimensions")
check_objects("codebook", [e for v in cb.values() for e in v], table(section("codebook")))

show = section("case show")
order = re.search(r"Top level, in this order:(.*?)\n\n", show, re.S).group(1)
top = re.findall(r"`([a-z_]+)`", re.sub(r"\(.*?\)", "", order, flags=re.S))
for n in ("case-show", "case-show-masked", "case-show-none"):
    c = load(n)
    check(list(c) == top, f"case show ({n}): top-level fields in the documented order" +
          ("" if list(c) == top else f" (got {list(c)})"))
c = load("case-show")
persons = table(show, 1)
# "victim" and "suspect" are there only for that role
by_role = [(dict((k, t) for k, t in persons.items() if k not in ("victim", "suspect") or k == p["role"]), p)
           for p in c["persons"]]
check(all("victim" in p for p in c["persons"] if p["role"] == "victim") and
      all("suspect" in p for p in c["persons"] if p["role"] == "suspect"), "case show: victim/suspect attributes by role")
for rows, p in by_role:
    check_objects(f"case show: a {p['role']}", [p], rows)
def prose_keys(name):
    m = re.search(r"^`" + name + r"`: \[\{(.*?)\}\]\.", show, re.S | re.M)
    if not m:
        return []
    flat = re.sub(r"\[\{.*?\}\]", "", m.group(1), flags=re.S)   # nested lists of objects
    return re.findall(r"(?<!code )`([a-z_]+)`(?=[:,])", flat)
for part in ("events", "assets", "requests"):
    keys = prose_keys(part)
    got = [set(o) for o in c[part]]
    check(keys and got and all(g == set(keys) for g in got),
          f"case show: {part} fields as documented ({keys} vs {[sorted(g) for g in got][:1]})")
check(all(set(i) == {"id", "kind", "value"} for p in c["persons"] for i in p["identifiers"]),
      "case show: identifiers are {id, kind, value}")
check(load("case-show")["identities"] == "revealed" and load("case-show-masked")["identities"] == "masked"
      and load("case-show-none")["identities"] == "none", "case show: identities revealed/masked/none")
none = load("case-show-none")
check(all(p["name"] is None for p in none["persons"]) and none["summary"] is None,
      "case show for an analyst: identity fields and free text are null")
masked = load("case-show-masked")
check(all(p["name"] is None or "***" in p["name"] for p in masked["persons"]),
      "case show masked: names masked")
check(isinstance(c["shared_with"], list) and all(isinstance(s, str) for s in c["shared_with"]),
      "case show: shared_with lists office codes")
print("\n".join(res))
PY
[ -s "$T/results" ] || not_ok "the checker ran"
while IFS= read -r line; do
	case $line in
	"ok - "*) ok "${line#ok - }" ;;
	*) not_ok "${line#not ok - }" ;;
	esac
done <"$T/results"
done_testing

