#!/bin/sh
# t0313 — picking a registered person in the new-case and edit forms (issue
# 9, the web side of persons[].person_id): "Find" in a victim's or a
# suspect's row offers the persons found by name, document or phone that
# the user may add to a case (read and reveal in one of their cases: the
# app layer's rule), never one of another office's case; the one chosen
# joins the new case as the same person (one person, two participations, the
# join audited); her name may not come along; an id of a person out of
# reach posted by hand is refused in words, nothing written; editing a case
# adds a registered person the same way.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 30
PO=$(db_sql "SELECT office_id FROM users WHERE name = 'demo-prosecutor'")
OFF=$(db_sql "SELECT code FROM offices WHERE id <> $PO AND code LIKE 'FEPMTP-%' ORDER BY id LIMIT 1")
echo "pw-far-away-2024" | "$KHIPU" user add far --role prosecutor --office "$OFF" --as demo-admin >/dev/null ||
	not_ok "a prosecutor of $OFF"
mk() {   # mk NUMBER OFFICE NAME DOC USER -> case id
	cat > "$T/c.json" <<JSON
{"number": "$1", "office": "$2", "complaint_date": "2024-02-01", "complaint_source": "police_report",
 "place": {"country": "PE", "ubigeo": "170101"}, "offences": ["cp_129a"],
 "persons": [{"role": "victim", "name": "$3", "sex": "female", "birth_year": 2004,
   "doc_type": "dni", "doc_number": "$4"}]}
JSON
	"$KHIPU" case add --as "$5" --json "$T/c.json"
}
OWN=$(mk 2024-0313-OWN FEPMTP-MDD "Yeny Huarcaya Quispe" 40404040 demo-prosecutor) && ok "a case of the prosecutor's office" ||
	not_ok "own case"
FAR=$(mk 2024-0313-FAR "$OFF" "Yeny Huarcaya Quispe" 50505050 far) && ok "a namesake in a case of $OFF" ||
	not_ok "other office's case"
P_OWN=$(db_sql "SELECT person_id FROM participations WHERE case_id = $OWN")
P_FAR=$(db_sql "SELECT person_id FROM participations WHERE case_id = $FAR")
[ -n "$P_OWN" ] && [ -n "$P_FAR" ] && [ "$P_OWN" != "$P_FAR" ] && ok "two persons of the same name" ||
	not_ok "persons ($P_OWN, $P_FAR)"
persons0=$(count_rows persons)

start_server
P="$T/jar-p"
login demo-prosecutor "$P" >/dev/null
CS=$(csrf_of "$P" /cases/new)
form() {   # the smallest new case, with the extra fields given
	http "$P" POST "/cases/new?lang=en" --data-urlencode "csrf=$CS" -d number=2024-0313-NEW \
		-d office=FEPMTP-MDD -d complaint_date=2024-05-02 -d complaint_source=police_report \
		-d place_country=PE -d place_ubigeo=17 -d offences=cp_129a -d nv=1 -d ns=1 -d ne=0 \
		-d na=0 -d ni=0 -d nq=0 "$@"
}
form --data-urlencode "v1_find=Yeny Huarcaya" -d find=v1
expect_code 200 "Find in a victim's row answers with the same form"
grep -q "<option value=\"$P_OWN\">" "$T/body" && ok "the person of her office's case is offered" ||
	not_ok "own person offered"
grep -q "<option value=\"$P_FAR\"" "$T/body" && not_ok "a person of another office's case is offered" ||
	ok "the namesake of another office is not offered"
grep -q 'id="v1_person"[^>]*autofocus' "$T/body" && ok "the list is focused" || not_ok "list focused"
grep -q '2024-0313-OWN' "$T/body" && ok "the option names her case" || not_ok "case named"
grep -q "value=\"Yeny Huarcaya\"" "$T/body" && ok "what was typed is kept" || not_ok "kept"
form --data-urlencode "v1_find=40404040" -d find=v1
grep -q "<option value=\"$P_OWN\">" "$T/body" && ok "found by document too" || not_ok "by document"
form --data-urlencode "v1_find=Huarcaya" -d find=v1
grep -q 'Nobody found that you may add' "$T/body" && grep -q 'two or more words' "$T/body" &&
	ok "one word that finds nobody says why" || not_ok "one-word hint"

# ---- chosen: the same person joins the new case ----
form -d "v1_person=$P_OWN" -d v1_exploitation=sexual_exploitation -d register=1
expect_code 303 "the case is registered with the registered person"
NEW=$(db_sql "SELECT id FROM cases WHERE number = '2024-0313-NEW'")
[ "$(db_sql "SELECT person_id FROM participations WHERE case_id = $NEW AND role = 'victim'")" = "$P_OWN" ] &&
	ok "her participation names the same person" || not_ok "same person"
[ "$(count_rows persons)" = "$persons0" ] && ok "no new person was made" || not_ok "persons $(count_rows persons)"
[ "$(db_sql "SELECT count(*) FROM audit WHERE action = 'person.join' AND object = 'person:$P_OWN'")" = 1 ] &&
	ok "the join is in the audit trail" || not_ok "join audited"

# ---- refused: a name along with her, a person out of reach ----
CS=$(csrf_of "$P" /cases/new)
form -d number=2024-0313-BAD -d "v1_person=$P_OWN" --data-urlencode "v1_name=Otra Persona" -d register=1
expect_code 422 "a registered person and a typed name together are refused"
grep -q 'leave the name and document blank' "$T/body" && ok "beside the name, in words" || not_ok "said"
form -d number=2024-0313-BAD -d "v1_person=$P_FAR" -d register=1
expect_code 422 "a person of another office's case is refused"
grep -q 'may not be added to a case of yours' "$T/body" && ok "said in the form's words" || not_ok "far said"
grep -q "khipu person search\|person_id" "$T/body" && not_ok "no command line in the refusal" ||
	ok "no command line in the refusal"
[ -z "$(db_sql "SELECT id FROM cases WHERE number = '2024-0313-BAD'")" ] && ok "nothing registered" ||
	not_ok "registered"
[ "$(db_sql "SELECT count(*) FROM audit WHERE action = 'access.denied' AND object = 'person:$P_FAR'")" -ge 1 ] &&
	ok "the attempt is in the audit trail" || not_ok "attempt audited"

# ---- editing: a suspect added as a registered person ----
SUS=$(db_sql "SELECT p.person_id FROM participations p JOIN cases c ON c.id = p.case_id WHERE c.office_id = $PO AND p.role = 'suspect' AND c.id <> $NEW AND p.removed_in IS NULL ORDER BY p.id LIMIT 1")
http "$P" GET "/cases/$NEW/edit?lang=en"
expect_code 200 "the edit form"
grep -q 'name="v1_find"' "$T/body" && not_ok "a registered row offers a picker" ||
	ok "a row already in the case offers no picker"
# the form as the browser would send it back (every field as shown), with
# the new suspect row's choice
python3 - "$T/body" "$SUS" > "$T/edit.args" <<'PY'
import sys
from html.parser import HTMLParser
class F(HTMLParser):
    def __init__(self):
        super().__init__(); self.out = []; self.sel = None; self.ta = None
    def handle_starttag(self, tag, a):
        a = dict(a)
        if tag == 'input' and a.get('name') and a.get('type') not in ('submit', 'checkbox'):
            self.out.append((a['name'], a.get('value') or ''))
        if tag == 'select':
            self.sel = a.get('name')
        if tag == 'option' and self.sel and 'selected' in a:
            self.out.append((self.sel, a.get('value') or ''))
        if tag == 'textarea':
            self.ta = a.get('name'); self.out.append((self.ta, ''))
    def handle_endtag(self, tag):
        if tag == 'select': self.sel = None
        if tag == 'textarea': self.ta = None
    def handle_data(self, d):
        if self.ta: self.out[-1] = (self.ta, self.out[-1][1] + d)
f = F(); f.feed(open(sys.argv[1]).read())
fields = [(k, v) for k, v in f.out if k not in ('ns',) and not k.startswith('s1_')]
fields += [('ns', '1'), ('s1_person', sys.argv[2]), ('save', '1')]
for k, v in fields:
    print(f"{k}={v}")
PY
set --
while IFS= read -r kv; do set -- "$@" --data-urlencode "$kv"; done < "$T/edit.args"
http "$P" POST "/cases/$NEW/edit?lang=en" "$@"
expect_code 303 "a suspect added by choosing a registered person"
[ "$(db_sql "SELECT count(*) FROM participations WHERE case_id = $NEW AND role = 'suspect' AND person_id = $SUS AND removed_in IS NULL")" = 1 ] &&
	ok "she is the case's suspect, the same person" || not_ok "suspect joined"
[ "$(db_sql "SELECT count(*) FROM participations WHERE case_id = $NEW AND role = 'victim' AND removed_in IS NULL")" = 1 ] &&
	ok "the victim is kept" || not_ok "victim kept"

[ "$(count_rows persons)" = "$persons0" ] && ok "still no new person" || not_ok "persons grew"
stop_server
[ "$srv_rc" = 0 ] && ok "the server stopped cleanly" || not_ok "server exit $srv_rc"
done_testing
