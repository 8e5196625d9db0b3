#!/bin/sh
# t0534 — khipu link encode --as USER (issue 12, item 4): the register's
# persons that the user may read and reveal, encoded into keyed Bloom
# filters (ids P<person id>, no value in clear); an agency's CSV encoded
# with the register's schema and the same secret matches the victim with
# another spelling; --role keeps victims or suspects only; a liaison (no
# victim reveal) encodes no victim; analysts refused; bad options refused;
# audited without a value.
. "$KHIPU_LIB"
DOC="$(dirname "$KHIPU_LIB")/data/case-mdd.json"
fresh_demo 5
printf 'a secret both registers agreed on, 2026\n' >"$T/secret"
expect 0 "a case" -- case add --as demo-prosecutor --json "$DOC"
V=$(db_sql "SELECT p.person_id FROM participations p JOIN cases c ON c.id = p.case_id
	WHERE c.number = '2024-0153-FEPMTP-MDD' AND p.role = 'victim' ORDER BY p.id LIMIT 1")
S=$(db_sql "SELECT p.person_id FROM participations p JOIN cases c ON c.id = p.case_id
	WHERE c.number = '2024-0153-FEPMTP-MDD' AND p.role = 'suspect' ORDER BY p.id LIMIT 1")

expect 0 "encode the register" -- link encode --as demo-prosecutor --secret-file "$T/secret" --out "$T/reg.clk"
head -1 "$T/reg.clk" | jq -e '.format == "khipu-clk" and .schema == "bits=1024;text:10;date:10;id:8;id:8"' >/dev/null &&
	ok "a khipu-clk file with the register's schema" || not_ok "header: $(head -1 "$T/reg.clk")"
grep -q "^P$V," "$T/reg.clk" && grep -q "^P$S," "$T/reg.clk" && ok "the victim and the suspect as P<id>" ||
	not_ok "ids missing"
grep -qi "rosalinda\|ccahuana\|zapana\|71234567\|2006-04-11" "$T/reg.clk" && not_ok "a value in clear" ||
	ok "no value in clear"
expect_err "persons encoded" "a summary on standard error"

# an agency's extract: the same victim spelt otherwise, and a stranger
cat >"$T/agency.csv" <<CSV
nro,nombre,nacimiento,sexo,nac
A-1,Rosalinda Cahuana Tito,2006-04-11,female,PE
A-2,Marisol Quispe Mamani,1990-01-02,female,BO
CSV
expect 0 "the agency encodes its CSV with the register's schema" -- link encode --csv "$T/agency.csv" --id nro \
	--fields nombre,nacimiento:date,sexo:id,nac:id --secret-file "$T/secret" --out "$T/agency.clk"
expect 0 "match" -- link match "$T/reg.clk" "$T/agency.clk" --threshold 0.8 --out "$T/m.csv"
grep -q "^P$V,A-1," "$T/m.csv" && ok "the victim matches the agency's record" || not_ok "no match: $(cat "$T/m.csv")"
grep -q ",A-2," "$T/m.csv" && not_ok "the stranger matched" || ok "the stranger does not"

expect 0 "victims only" -- link encode --as demo-prosecutor --role victim --secret-file "$T/secret" --out "$T/v.clk"
grep -q "^P$V," "$T/v.clk" && ! grep -q "^P$S," "$T/v.clk" && ok "--role victim: no suspect" || not_ok "role filter"
expect 0 "as the liaison" -- link encode --as demo-liaison --secret-file "$T/secret" --out "$T/l.clk"
grep -q "^P$V," "$T/l.clk" && not_ok "a victim encoded for a role that may not reveal victims" ||
	ok "the liaison encodes no victim"
expect 4 "an analyst" -- link encode --as demo-analyst --secret-file "$T/secret" --out "$T/x.clk"
[ -e "$T/x.clk" ] && not_ok "a file written on refusal" || ok "nothing written"
expect 2 "an unknown role" -- link encode --as demo-prosecutor --role witness --secret-file "$T/secret" --out "$T/x.clk"
expect 2 "--as with --csv" -- link encode --as demo-prosecutor --csv "$T/agency.csv" --secret-file "$T/secret" --out "$T/x.clk"
expect 2 "--role without --as" -- link encode --role victim --csv "$T/agency.csv" --id nro --fields nombre \
	--secret-file "$T/secret" --out "$T/x.clk"
expect 2 "no --out" -- link encode --as demo-prosecutor --secret-file "$T/secret"
printf 'short\n' >"$T/short"
expect 2 "a short secret" -- link encode --as demo-prosecutor --secret-file "$T/short" --out "$T/x.clk"

expect 0 "audit show" -- audit show --as demo-auditor --format json
jq -e '[.[] | select(.action == "person.search" and (.detail // "" | test("link.encode")))] | length == 3' "$T/out" \
	>/dev/null && ok "each encoding audited" || not_ok "encodings not audited"
grep -qi "rosalinda\|ccahuana\|2006-04-11" "$T/out" && not_ok "a value in the audit trail" || ok "no value audited"
done_testing
