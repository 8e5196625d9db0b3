#!/bin/sh
# t0309 — editing a registered case in the browser's form (issue 9, web
# editing): the form is filled from the case as the user sees it (identities
# masked), sent back unchanged it changes nothing, a change is a revision,
# a removed row is marked removed, what the form does not show is kept, a
# stale form is refused writing nothing, errors stand beside their fields in
# the user's words, and only those who may change the case get the form.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 10
ID=$("$KHIPU" case add --as demo-prosecutor --json "$(dirname "$KHIPU_LIB")/data/case-mdd.json")
# a witness and a second phone: things the form does not show, to be kept
"$KHIPU" case show "$ID" --as demo-prosecutor --reveal --format json > "$T/doc.json"
python3 - "$T/doc.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["persons"].append({"role": "witness", "name": "Marcelina Quispe Apaza", "sex": "female"})
d["persons"][0].setdefault("identifiers", []).append({"kind": "email", "value": "rosalinda@example.org"})
d["summary"] = "Rosalinda Ccahuana Ttito fue captada en Sicuani."
json.dump(d, open(sys.argv[1], "w"))
PY
"$KHIPU" case update "$ID" --as demo-prosecutor --json "$T/doc.json" >/dev/null
V0=$(db_sql "SELECT version FROM cases WHERE id = $ID")

start_server
login demo-prosecutor "$T/p" >/dev/null

# the form of the page as a browser would send it, with changes:
#   form.py PAGE OUT [name=value | -name | -prefix*]...
cat > "$T/form.py" <<'PY'
import sys, urllib.parse
from html.parser import HTMLParser
class F(HTMLParser):
    def __init__(self):
        super().__init__(); self.f = []; self.sel = None; self.ta = None
    def handle_starttag(self, t, a):
        a = dict(a)
        if t == "input" and a.get("name") and a.get("type") != "submit":
            self.f.append([a["name"], a.get("value", "")])
        elif t == "select":
            self.sel = a.get("name")
        elif t == "option" and self.sel and "selected" in a:
            self.f.append([self.sel, a.get("value", "")])
        elif t == "textarea":
            self.ta = [a["name"], ""]; self.f.append(self.ta)
    def handle_endtag(self, t):
        if t == "select": self.sel = None
        if t == "textarea": self.ta = None
    def handle_data(self, d):
        if self.ta is not None: self.ta[1] += d
p = F(); p.feed(open(sys.argv[1]).read())
fields = p.f
for ch in sys.argv[3:]:
    if ch.startswith("-"):
        pre = ch[1:]
        fields = [f for f in fields if not (f[0] == pre or (pre.endswith("*") and f[0].startswith(pre[:-1])))]
    else:
        k, v = ch.split("=", 1)
        fields = [f for f in fields if f[0] != k] + [[k, v]]
open(sys.argv[2], "w").write(urllib.parse.urlencode([tuple(f) for f in fields] + [("save", "1")]))
PY
edit_page() { http "$T/p" GET "/cases/$ID/edit"; cp "$T/body" "$T/page"; }
post_form() { python3 "$T/form.py" "$T/page" "$T/post" "$@"; http "$T/p" POST "/cases/$ID/edit" --data-binary "@$T/post"; }

edit_page
expect_code 200 "the prosecutor opens the edit form"
grep -q 'name="v1_id" value="[0-9]' "$T/page" && ok "each row carries its child's id" || not_ok "row ids"
grep -q "name=\"version\" value=\"$V0\"" "$T/page" && ok "the form carries the case's version" ||
	not_ok "version in the form"
grep -q "Rosalinda\|Ccahuana\|71234567" "$T/page" && not_ok "identities are masked in the form" ||
	ok "identities are masked in the form"
grep -q 'value="2024-0153-FEPMTP-MDD"' "$T/page" && ok "the case's own fields are filled in" ||
	not_ok "case fields filled"
grep -q "Marcelina" "$T/page" && not_ok "the witness is not in the form" || ok "the witness is not in the form"

post_form
expect_code 303 "the form sent back unchanged"
grep -qi "location: .*unchanged=1" "$T/hdr" && ok "says nothing was changed" || not_ok "unchanged notice"
[ "$(db_sql "SELECT version FROM cases WHERE id = $ID")" = "$V0" ] &&
	ok "and writes no revision (masked values kept)" || not_ok "an unchanged form wrote a revision"

# a victim's birth year corrected, an event added, the suspect removed
ne=$(grep -o 'name="ne" value="[0-9]*"' "$T/page" | grep -o '[0-9]*')
n=$((ne + 1))
post_form "v2_birth_year=2005" "ne=$n" "e${n}_stage=formalised_investigation" "e${n}_date=02/05/2024" \
	"-s1_*" "ns=0" "reason=corrección del año de nacimiento"
expect_code 303 "the changed form is saved"
grep -qi "location: .*saved=1" "$T/hdr" && ok "with a notice that it is saved" || not_ok "saved notice"
http "$T/p" GET "/cases/$ID?saved=1"
grep -q 'class="notice saved"' "$T/body" && ok "the case page shows the notice" || not_ok "notice on page"
V1=$(db_sql "SELECT version FROM cases WHERE id = $ID")
[ "$V1" = $((V0 + 1)) ] && ok "one revision" || not_ok "one revision ($V0 -> $V1)"
"$KHIPU" case show "$ID" --as demo-prosecutor --reveal --format json > "$T/after.json"
python3 - "$T/after.json" <<'PY' && ok "the changes are in the case, and nothing the form hides was lost" || not_ok "case after the edit"
import json, sys
d = json.load(open(sys.argv[1]))
roles = sorted(p["role"] for p in d["persons"])
assert roles == ["victim", "victim", "witness"], roles
v = [p for p in d["persons"] if p["role"] == "victim"]
assert v[1]["birth_year"] == 2005, v[1]
assert v[0]["name"] == "Rosalinda Ccahuana Ttito", v[0]["name"]
kinds = sorted(i["kind"] for i in v[0]["identifiers"])
assert kinds == ["email", "phone"], kinds
assert any(e["stage"] == "formalised_investigation" and e["date"] == "2024-05-02" for e in d["events"])
assert d["summary"] == "Rosalinda Ccahuana Ttito fue captada en Sicuani.", d["summary"]
assert len(d["requests"]) == 1 and len(d["assets"]) == 1
PY
[ "$(db_sql "SELECT count(*) FROM participations WHERE case_id = $ID AND role = 'suspect' AND removed_in = $V1")" = 1 ] &&
	ok "the removed suspect is marked removed, not deleted" || not_ok "suspect marked removed"
"$KHIPU" case history "$ID" --as demo-prosecutor > "$T/hist"
grep -q "corrección del año" "$T/hist" && ok "the history has the reason" || not_ok "reason in history"

# a stale form: the page read before the save above
post_form "v1_sex=male"
expect_code 412 "a form made from an older version is refused"
grep -q "Someone else saved\|Alguien más guardó" "$T/body" && ok "saying someone else saved first" ||
	not_ok "stale message"
grep -q 'name="v1_sex"' "$T/body" && ok "the form comes back with what was typed" || not_ok "form kept"
[ "$(db_sql "SELECT version FROM cases WHERE id = $ID")" = "$V1" ] && ok "and nothing is written" ||
	not_ok "stale wrote"

# errors beside their fields, in the user's words, all at once
edit_page
post_form "e1_date=01/01/2020" "v1_birth_year=3000"
expect_code 422 "a form with two mistakes is refused"
grep -q 'id="e1_date-err"' "$T/body" && grep -q 'id="v1_birth_year-err"' "$T/body" &&
	ok "each error stands beside its field" || not_ok "errors beside fields"
grep -q 'events\[\|persons\[\|birth_year:' "$T/body" && not_ok "no JSON path in the messages" ||
	ok "no JSON path in the messages"
[ "$(db_sql "SELECT version FROM cases WHERE id = $ID")" = "$V1" ] && ok "nothing written" || not_ok "error wrote"

# a masked text changed: its masks would replace the names, so it is refused
edit_page
grep -q 'R\*\+ C\*\+ T\*\+ fue captada\|fue captada en Sicuani' "$T/page" && ok "the summary is shown masked" ||
	not_ok "summary masked"
post_form "summary=Otra cosa que R*** fue captada."
expect_code 422 "a masked summary changed is refused"
grep -q 'id="summary-err"' "$T/body" && ok "beside the summary" || not_ok "summary error"
c=$(csrf_of "$T/p" "/cases/$ID")
http "$T/p" POST "/cases/$ID/reveal" -d "csrf=$c"
edit_page
grep -q "Rosalinda Ccahuana Ttito fue captada" "$T/page" && ok "revealed, the form shows the text" ||
	not_ok "revealed form"
post_form "summary=Rosalinda Ccahuana Ttito fue captada en Sicuani y rescatada."
expect_code 303 "and then the text can be changed"
"$KHIPU" case show "$ID" --as demo-prosecutor --reveal --format json | grep -q "y rescatada" &&
	ok "the new text is stored" || not_ok "new text stored"

# who may edit
login demo-analyst "$T/an" >/dev/null
http "$T/an" GET "/cases/$ID/edit"
expect_code 403 "an analyst gets no edit form"
c=$(csrf_of "$T/an" "/cases")
http "$T/an" POST "/cases/$ID/edit" -d "csrf=$c&version=$V1&number=x&save=1"
expect_code 403 "nor may post one"
OTHER=$(db_sql "SELECT c.id FROM cases c JOIN offices o ON o.id = c.office_id WHERE o.code <> 'FEPMTP-MDD' LIMIT 1")
http "$T/p" GET "/cases/$OTHER/edit"
[ "$code" = 403 ] || [ "$code" = 404 ] && ok "another office's case cannot be edited ($code)" ||
	not_ok "other office's case: HTTP $code"
login demo-police "$T/po" >/dev/null
http "$T/po" GET "/cases/$ID/edit"
expect_code 200 "the police (case.update in their office) get the form"
cp "$T/body" "$T/page"
grep -q 'name="q1_' "$T/page" && not_ok "the police form has no request section" ||
	ok "the police form has no request section"
python3 "$T/form.py" "$T/page" "$T/post" "v1_sex=male"
http "$T/po" POST "/cases/$ID/edit" --data-binary "@$T/post"
expect_code 303 "the police save a change"
grep -qi "location: .*saved=1" "$T/hdr" && ok "it is saved" || not_ok "police change saved"
"$KHIPU" case show "$ID" --as demo-prosecutor --format json | python3 -c '
import json, sys; d = json.load(sys.stdin); assert len(d["requests"]) == 1' &&
	ok "and the requests they may not change are kept" || not_ok "requests kept"
stop_server
done_testing
