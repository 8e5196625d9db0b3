#!/bin/sh
# t0601 — case exchange between two registers on one machine (issue 13,
# item 2): each makes its identity, trusts the other's key, packs a case for
# it and opens the other's package, in both directions; the received case
# is a new case of the liaison's office with the sender's data (victims
# without identity, suspects with theirs) and its provenance; a replayed, a
# truncated, an altered (one byte anywhere), a misaddressed, a forged, an
# unknown peer's and a removed peer's package are refused with their
# reason, audited, and import nothing.
. "$KHIPU_LIB"

fresh_demo 5
L="--as demo-liaison"
A="--db $KHIPU_DB --key-file $KEY"
# the second (and third) register: SQLite files beside the first
B="--db $T/b.db --key-file $T/b.db.key"
C="--db $T/c.db --key-file $T/c.db.key"
for R in "$B" "$C"; do
	"$KHIPU" $R init >/dev/null && "$KHIPU" $R demo --cases 4 --seed 9 --password "$DEMO_PW" >/dev/null ||
		not_ok "a second register"
done
count() { "$KHIPU" $1 case list --as demo-liaison --format csv | tail -n +2 | wc -l; }
aud() { "$KHIPU" $1 audit show --as demo-auditor --format json; }

expect 0 "register A makes its identity" -- $A exchange keygen $L
KA=$(sed -n 's/^key: *//p' "$T/out"); FA=$(sed -n 's/^fingerprint: *//p' "$T/out")
[ -n "$KA" ] && [ -n "$FA" ] && ok "keygen prints the key and its fingerprint" || not_ok "keygen output"
expect 0 "register B makes its identity" -- $B exchange keygen $L
KB=$(sed -n 's/^key: *//p' "$T/out")
expect 0 "register C makes its identity" -- $C exchange keygen $L
KC=$(sed -n 's/^key: *//p' "$T/out")
expect 5 "a second keygen is refused (peers trust the first)" -- $A exchange keygen $L
run $A exchange key
expect_out "$FA" "exchange key prints the same fingerprint"
db_sql "SELECT count(*) FROM sealed WHERE tbl = 'exchange'" | grep -qx 1 &&
	ok "the identity is sealed in the register" || not_ok "identity sealed"
if [ -z "$PGDB" ]; then
	! grep -q "$(printf '%s' "$KA" | cut -c6-30)" "$KHIPU_DB" && ok "the secret is not in the database in clear" ||
		not_ok "key text in the database file"
fi
expect 4 "a prosecutor may not manage peers" -- $A exchange peer add bo "$KB" --as demo-prosecutor
expect 2 "a malformed key is refused" -- $A exchange peer add bo khx1:abc $L
expect_err "KEY" "the refusal names KEY"
expect 2 "a bad peer name is refused" -- $A exchange peer add "b o" "$KB" $L
expect 2 "its own key is refused as a peer" -- $A exchange peer add me "$KA" $L
expect 0 "A trusts B" -- $A exchange peer add bolivia "$KB" $L
expect_out "check it with them by phone" "peer add shows the fingerprint to check"
expect 5 "the same name twice is refused" -- $A exchange peer add bolivia "$KC" $L
expect 0 "B trusts A" -- $B exchange peer add peru "$KA" $L
expect 0 "C trusts A" -- $C exchange peer add peru "$KA" $L
expect 0 "C trusts B" -- $C exchange peer add bolivia "$KB" $L
run $A exchange peer list $L --format json
python3 -c "import json,sys; p=json.load(open(sys.argv[1])); assert [x['name'] for x in p]==['bolivia'] and p[0]['removed'] is None, p" "$T/out" &&
	ok "peer list" || not_ok "peer list"

# ---- A -> B ----
CASE=$("$KHIPU" $A case list --as demo-prosecutor --format csv | sed -n '2s/,.*//p')
expect 4 "the police may not pack a case" -- $A exchange pack --as demo-police --case "$CASE" --to bolivia --out "$T/x.khx"
expect 3 "an unknown peer is refused" -- $A exchange pack $L --case "$CASE" --to chile --out "$T/x.khx"
expect 2 "an unknown --include is refused" -- $A exchange pack $L --case "$CASE" --to bolivia --include victims,gossip --out "$T/x.khx"
expect 0 "A packs a case for B" -- $A exchange pack $L --case "$CASE" --to bolivia --out "$T/ab.khx"
[ "$(stat -c %a "$T/ab.khx")" = 600 ] && ok "the package is written 0600" || not_ok "package mode"
run $A case show "$CASE" --as demo-prosecutor --reveal --format json
cp "$T/out" "$T/orig.json"
clear=0
for s in $(python3 -c "import json,sys; c=json.load(open(sys.argv[1])); print(' '.join(p['name'].split()[0] for p in c['persons'] if p['name']))" "$T/orig.json"); do
	grep -q "$s" "$T/ab.khx" && clear=1
done
[ "$clear" = 0 ] && ok "no name is in the package in clear" || not_ok "a name is in the package in clear"
NB=$(count "$B")
expect 0 "B opens A's package" -- $B exchange open "$T/ab.khx" $L
expect_out "signature and integrity verified" "open says what it verified"
expect_out "imported as case" "open says which case it made"
RX=$(sed -n "s/^imported as case \([0-9]*\) .*/\1/p" "$T/out")
[ "$(count "$B")" = $((NB + 1)) ] && ok "one case imported" || not_ok "case count after open"
run $B case show "$RX" --as demo-liaison --reveal --format json
python3 - "$T/orig.json" "$T/out" <<'PY' && ok "the received case holds the sender's data; victims without identity" || not_ok "received case contents"
import json, sys
o, r = json.load(open(sys.argv[1])), json.load(open(sys.argv[2]))
assert r["number"].startswith("RX-peru-" + o["number"]), r["number"]
assert r["office"] == "UCJIE" and r["complaint_source"] == "abroad", (r["office"], r["complaint_source"])
assert r["complaint_date"] == o["complaint_date"] and r["offences"] == o["offences"]
assert [p["role"] for p in r["persons"]] == [p["role"] for p in o["persons"] if p["role"] in ("victim", "suspect")]
for po, pr in zip([p for p in o["persons"] if p["role"] in ("victim", "suspect")], r["persons"]):
    assert po["sex"] == pr["sex"] and po["nationality"] == pr["nationality"]
    if po["role"] == "suspect":
        assert pr["name"] == po["name"] and pr["doc_number"] == po["doc_number"], (pr["name"], po["name"])
        assert pr["suspect"]["network_roles"] == po["suspect"]["network_roles"]
    else:
        assert pr["name"] is None and pr["doc_number"] is None and pr["birth_date"] is None, pr
        assert pr["victim"]["exploitation"] == po["victim"]["exploitation"]
assert [(e["stage"], e["date"]) for e in r["events"]] == [(e["stage"], e["date"]) for e in o["events"]]
assert len(r["assets"]) == len(o["assets"]) and len(r["requests"]) == len(o["requests"])
PY
aud "$B" > "$T/aud.json"
python3 - "$T/aud.json" "$RX" <<'PY' && ok "the opening is audited with the peer, fingerprint and package" || not_ok "open audited"
import json, sys
e = [x for x in json.load(open(sys.argv[1])) if x["action"] == "exchange.receive" and x["object"] == "case:" + sys.argv[2]]
d = [json.loads(x["detail"]) if isinstance(x["detail"], str) else x["detail"] for x in e]
assert any(x.get("op") == "open" and x.get("peer") == "peru" and len(x.get("package", "")) == 32 for x in d), d
PY
aud "$A" | grep -q '"exchange.send"' && ok "the packing is audited" || not_ok "pack audited"

# ---- refusals: nothing imported, each audited with its reason ----
NB=$(count "$B")
refuse() {   # STATUS WHAT REASON-PATTERN FILE
	expect "$1" "$2" -- $B exchange open "$4" $L
	expect_err "$3" "$2: says why"
}
refuse 5 "a replayed package is refused" "already opened here" "$T/ab.khx"
head -c 200 "$T/ab.khx" > "$T/trunc.khx"
refuse 2 "a truncated package is refused" "truncated" "$T/trunc.khx"
head -c 40 "$T/ab.khx" > "$T/trunc2.khx"
refuse 2 "a package cut inside its header is refused" "truncated" "$T/trunc2.khx"
size=$(stat -c %s "$T/ab.khx")
for at in 100 $((size / 2)) $((size - 1)); do
	python3 -c "import sys; d=bytearray(open(sys.argv[1],'rb').read()); d[int(sys.argv[3])]^=1; open(sys.argv[2],'wb').write(d)" \
		"$T/ab.khx" "$T/t$at.khx" "$at"
	refuse 2 "a package altered by one byte (at $at) is refused" "altered" "$T/t$at.khx"
done
python3 -c "import sys; d=bytearray(open(sys.argv[1],'rb').read()); d[60]^=1; open(sys.argv[2],'wb').write(d)" "$T/ab.khx" "$T/tsender.khx"
refuse 4 "a package whose sender was altered is refused" "no trusted peer" "$T/tsender.khx"
python3 -c "import sys; d=bytearray(open(sys.argv[1],'rb').read()); d[20]^=1; open(sys.argv[2],'wb').write(d)" "$T/ab.khx" "$T/tto.khx"
refuse 2 "a package whose recipient was altered is refused" "another installation" "$T/tto.khx"
printf 'hello' > "$T/junk.khx"
refuse 2 "a file that is no package is refused" "not a Khipu exchange package" "$T/junk.khx"
"$KHIPU" $A exchange pack $L --case "$CASE" --to bolivia --out "$T/ab2.khx" >/dev/null 2>&1
expect 2 "a package for B opened by C is refused" -- $C exchange open "$T/ab2.khx" $L
expect_err "another installation" "the misaddressed package: says why"
# a package C signs for B, then made to look like A's: the signature gives it away
"$KHIPU" $C case list --as demo-liaison >/dev/null
CC=$("$KHIPU" $C case list --as demo-prosecutor --format csv | sed -n '2s/,.*//p')
"$KHIPU" $C exchange pack $L --case "$CC" --to bolivia --out "$T/cb.khx" >/dev/null 2>&1 || not_ok "C packs for B"
refuse 4 "a package from an installation B does not trust is refused" "no trusted peer" "$T/cb.khx"
python3 - "$T/cb.khx" "$T/forged.khx" "$KA" <<'PY'
import base64, sys
d = bytearray(open(sys.argv[1], "rb").read())
k = sys.argv[3][5:]; pub = base64.urlsafe_b64decode(k + "=" * (-len(k) % 4))
d[40:72] = pub[:32]             # the sender's key in the header: A's
open(sys.argv[2], "wb").write(d)
PY
refuse 2 "a package signed by the wrong key is refused" "signature does not verify" "$T/forged.khx"
[ "$(count "$B")" = "$NB" ] && ok "no refused package imported anything" || not_ok "a refused package imported a case"
aud "$B" > "$T/aud.json"
python3 - "$T/aud.json" <<'PY' && ok "each refusal is audited with its reason" || not_ok "refusals audited"
import json, sys
d = [json.loads(x["detail"]) if isinstance(x["detail"], str) else x["detail"] for x in json.load(open(sys.argv[1]))
     if x["action"] == "exchange.receive"]
why = {x.get("refused") for x in d}
for w in ("replay", "truncated", "integrity", "unknown_peer", "other_recipient", "not_package", "signature"):
    assert w in why, (w, why)
PY

# ---- B -> A: the other direction ----
CB=$("$KHIPU" $B case list --as demo-prosecutor --format csv | sed -n '2s/,.*//p')
expect 0 "B packs one of its cases for A (suspects and events only)" -- \
	$B exchange pack $L --case "$CB" --to peru --include suspects,events --out "$T/ba.khx"
NA=$(count "$A")
expect 0 "A opens B's package" -- $A exchange open "$T/ba.khx" $L
RA=$(sed -n "s/^imported as case \([0-9]*\) .*/\1/p" "$T/out")
run $A case show "$RA" --as demo-liaison --format json
python3 -c "
import json,sys; c=json.load(open(sys.argv[1]))
assert c['number'].startswith('RX-bolivia-'), c['number']
assert c['persons'] and all(p['role']=='suspect' for p in c['persons']), [p['role'] for p in c['persons']]
assert c['assets']==[] and c['events'], (len(c['assets']), len(c['events']))" "$T/out" &&
	ok "A received B's case with only what --include named" || not_ok "B -> A contents"
[ "$(count "$A")" = $((NA + 1)) ] && ok "one case imported in A" || not_ok "A count"

# ---- a removed peer ----
"$KHIPU" $A exchange pack $L --case "$CASE" --to bolivia --out "$T/ab3.khx" >/dev/null 2>&1
expect 0 "B removes A" -- $B exchange peer remove peru $L
refuse 4 "a package from a removed peer is refused" "removed" "$T/ab3.khx"
run $B exchange peer list $L --format json
python3 -c "import json,sys; p=json.load(open(sys.argv[1])); assert p[0]['removed'] is not None, p" "$T/out" &&
	ok "the removed peer stays listed, marked removed" || not_ok "removed peer listed"
expect 3 "removing it again: not found" -- $B exchange peer remove peru $L
expect 0 "the audit trail of B is intact" -- $B audit verify
expect 0 "the audit trail of A is intact" -- $A audit verify
done_testing
