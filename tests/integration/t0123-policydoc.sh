#!/bin/sh
# t0123 — the "who may do what" table of docs/user-guide.md is the policy
# table of src/core/policy.c: same roles, same actions, same scopes (office
# / all / none), cell by cell. And a refusal names the same roles the table does.
. "$KHIPU_LIB"
TOP="$(dirname "$KHIPU_LIB")/../.."

python3 - "$TOP/src/core/policy.c" "$TOP/docs/user-guide.md" >"$T/results" <<'PY'
import re, sys
src = open(sys.argv[1], encoding="utf-8").read()
doc = open(sys.argv[2], encoding="utf-8").read()
res = []
def check(ok, what): res.append(("ok - " if ok else "not ok - ") + what)

names = dict(re.findall(r"\[(POL_[A-Z_]+)\]\s*=\s*\"([a-z_.]+)\"", src.split("pol_action_names")[1].split("};")[0]))
roles = {"ROLE_ADMIN": "admin", "ROLE_PROSECUTOR": "prosecutor", "ROLE_POLICE": "police",
         "ROLE_ANALYST": "analyst", "ROLE_AUDITOR": "auditor", "ROLE_LIAISON": "liaison"}
body = src.split("pol_table[ROLE__MAX][POL__MAX] = {")[1].split("\n};")[0]
code = {}   # (role, action name) -> office|all
for role, cells in re.findall(r"\[(ROLE_[A-Z]+)\]\s*=\s*\{(.*?)\}", body, re.S):
    for act, scope in re.findall(r"\[(POL_[A-Z_]+)\]\s*=\s*POL_SCOPE_([A-Z]+)", cells):
        code[(roles[role], names[act])] = {"OFFICE": "office", "NATIONAL": "all", "OWN": "own"}[scope]
check(len(names) >= 17 and len(code) > 20, f"read the policy table ({len(names)} actions, {len(code)} cells)")

m = re.search(r"^\| action \(audit name\) \|.*?\n\|[-| ]+\|\n((?:\|.*\|\n)+)", doc, re.M)
check(m is not None, "the user guide has the role x action table")
header = [c.strip() for c in re.search(r"^\| action \(audit name\) \|(.*)\|$", doc, re.M).group(1).split("|")]
cols = header[1:]   # after "command"
check(cols == list(roles.values()), f"the table's columns are the six roles ({cols})")
doc_cells, seen = {}, set()
for line in m.group(1).splitlines():
    cells = [c.strip() for c in line.strip().strip("|").split("|")]
    act = re.search(r"\(`([a-z_.]+)`\)", cells[0]).group(1)
    seen.add(act)
    for r, v in zip(cols, cells[2:]):
        if v:
            doc_cells[(r, act)] = v
check(seen == set(names.values()), "every action of the policy is a row, and no other" +
      ("" if seen == set(names.values()) else f" (differ: {sorted(seen ^ set(names.values()))})"))
diff = sorted(set(code.items()) ^ set(doc_cells.items()))
check(not diff, "every cell agrees with src/core/policy.c" + (f" (differ: {diff[:4]})" if diff else ""))
print("\n".join(res))
PY
[ -s "$T/results" ] || not_ok "the checker ran"
while IFS= read -r line; do
	case $line in
	"ok - "*) ok "${line#ok - }" ;;
	*) not_ok "${line#not ok - }" ;;
	esac
done <"$T/results"

# the binary agrees: an analyst's refusals name the roles of the table
fresh_demo 3
run case show 1 --as demo-analyst --reveal
expect_err "may not 'identity.reveal_other'; roles that may: prosecutor, police, liaison" \
	"a refusal names the roles the table gives"
run backup --out "$T/b.db" --as demo-analyst
expect_err "may not 'backup'; roles that may: admin" "backup: only admin"
done_testing
