#!/bin/sh
# t0607 — every case exported as HTCDS validates against the standard
# itself (issue 13, "Done when"): the field list of HTCDS v2.0 (§1.3) and
# its value lists (§1.4) are read from reference/standards.md beside the
# shared test data (not copied here), and the export of every case of a
# demo register, plus a case that uses many codes, is checked: each key
# with an HTCDS prefix is a field of the standard, not deprecated; each
# picklist value is a value name of its enumeration; citizenship is ISO
# 3166 alpha-2; dates are YYYY-MM-DD, numbers numbers; the victims carry no
# identity field. Skipped (77) when the reference is not on this machine.
. "$KHIPU_LIB"

STD="$KHIPU_SHARED_DATA/../reference/standards.md"
if [ ! -r "$STD" ]; then
	echo "SKIP: $STD is not here"
	exit 77
fi
fresh_demo 40
L="--as demo-liaison"
# a case with many coded values, beside the demo's
cat > "$T/case.json" <<'JSON'
{
  "number": "2024-0607-FEPMTP-MDD", "office": "FEPMTP-MDD",
  "complaint_date": "2024-01-10", "complaint_source": "police_report",
  "place": {"country": "PE", "ubigeo": "170101"}, "offences": ["cp_129a"],
  "persons": [
    {"role": "victim", "name": "Rosa Quispe Mamani", "sex": "female", "nationality": "VE",
     "birth_date": "2007-05-01",
     "victim": {"age_at_recruitment": 16, "exploitation": ["sexual_exploitation", "forced_labour"],
                "control": ["debt_bondage", "withholds_documents"], "recruitment": ["social_media"]}},
    {"role": "suspect", "name": "Juan Pérez Huamán", "sex": "male", "nationality": "BO",
     "doc_type": "dni", "doc_number": "40123456"}
  ]
}
JSON
"$KHIPU" case add --as demo-prosecutor --json "$T/case.json" >/dev/null && ok "a case with many codes" ||
	not_ok "a case with many codes"
n=0 bad=0
for C in $("$KHIPU" case list $L --format csv --limit 1000 | tail -n +2 | cut -d, -f1); do
	n=$((n + 1))
	"$KHIPU" export htcds $L --case "$C" --out "$T/h-$C.json" 2>"$T/err" || { bad=$((bad + 1)); echo "# export of $C: $(cat "$T/err")"; }
done
[ "$n" -ge 41 ] && [ "$bad" = 0 ] && ok "the liaison exports every case ($n) as HTCDS" || not_ok "exports ($bad of $n failed)"

python3 - "$STD" "$T" <<'PY' && ok "every export validates against the HTCDS v2.0 field and value lists of the reference" ||
import glob, json, re, sys
std = open(sys.argv[1], encoding="utf-8").read()
fields13 = std[std.index("### 1.3"):std.index("### 1.4")]
enums14 = std[std.index("### 1.4"):std.index("### 1.5")]

# §1.4: **NAME** (...): value; value → "label"; ... (older versions after)
enums = {}
for m in re.finditer(r"^\*\*([A-Z_]+)\*\*[^:\n]*:(.*)$", enums14, re.M):
    text = re.sub(r'→\s*"[^"]*"|\("[^"]*"\)|\[[^\]]*\]', "", m.group(2))
    text = re.split(r"\.\s|\.$|\(v0|\(labels", text)[0]
    vals = [v.strip() for v in re.split(r"[;,]", text)]
    enums[m.group(1)] = {v for v in vals if re.fullmatch(r"[A-Za-z0-9_]+", v)}
    for extra in re.findall(r"\*\*([A-Z_]+)\*\*:\s*([A-Za-z, ]+)\.", m.group(2)):
        enums[extra[0]] = {v.strip() for v in extra[1].split(",")}
assert len(enums.get("GENDER", ())) == 6 and len(enums.get("EXPLOITATION", ())) == 11, enums
assert len(enums.get("CONTROL", ())) == 16 and len(enums.get("PERP_ROLE", ())) == 15, enums

# §1.3: **Title (`pfx_`)** then a table; a Field cell may name several
fields = {}
for block in re.split(r"^\*\*", fields13, flags=re.M)[1:]:
    pm = re.match(r"[^`\n]*\(`([a-z]+_)`\)", block)
    if not pm:
        continue
    pfx = pm.group(1)
    rows = [r for r in block.split("\n") if r.startswith("|")]
    if not rows:
        continue
    head = [c.strip() for c in rows[0].strip("|").split("|")]
    for r in rows[2:]:
        cells = [c.strip() for c in r.strip("|").split("|")]
        row = dict(zip(head, cells))
        names = re.sub(r"\*[^*]*\*", "", row["Field"])
        for name in [x.strip() for x in names.split("/")]:
            if re.fullmatch(r"[A-Za-z]+", name):
                fields[pfx + name] = row
assert "cas_Status" in fields and "vic_TypeOfExploitation" in fields and "prs_Citizenship" in fields, sorted(fields)

def values_of(row):
    v = row.get("Values / format", row.get("Values", ""))
    m = re.search(r"enum ([A-Z_]+)", v)
    if m:
        return enums[m.group(1)]
    inline = v.split("(")[0].strip()
    if "Picklist" in row.get("Type", "") and re.fullmatch(r"[A-Za-z]+(, [A-Za-z]+)+", inline):
        return {x.strip() for x in inline.split(",")}
    return None

IDENT = {"prs_Salutation", "prs_FirstName", "prs_MiddleName", "prs_SecondName", "prs_Birthdate",
         "prs_IdentityNumber", "prs_Email", "prs_HomePhone", "prs_MobilePhone", "prs_MailingStreet",
         "prs_MailingCity", "prs_MailingPostalCode", "prs_MailingState"}
seen = set()
def check(where, k, v):
    if not re.match(r"^(org|prs|vic|per|cas|cco|hte|spl|con)_", k):
        assert k in ("khipu", "format", "standard", "persons") or k.startswith("khipu_"), f"{where}: stray key {k}"
        return
    assert k in fields, f"{where}: {k} is not a field of HTCDS v2.0"
    row = fields[k]
    assert "DEPRECATED" not in row.values(), f"{where}: {k} is deprecated"
    seen.add(k)
    typ = row.get("Type", "")
    allowed = values_of(row)
    items = v if isinstance(v, list) else [v]
    if "Multiselect" in typ:
        assert isinstance(v, list), f"{where}: {k} is a multiselect: a list"
    for x in items:
        if allowed is not None:
            assert x in allowed, f"{where}: {k}: '{x}' is not a value name of the standard"
        if "ISO 3166" in str(row):
            assert isinstance(x, str) and re.fullmatch(r"[A-Z]{2}", x), f"{where}: {k}: '{x}' not alpha-2"
        if typ == "Date":
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", x), f"{where}: {k}: '{x}' not a date"
        if typ == "Number":
            assert isinstance(x, (int, float)), f"{where}: {k}: '{x}' not a number"

files = glob.glob(sys.argv[2] + "/h-*.json")
assert len(files) >= 41, len(files)
for f in files:
    h = json.load(open(f))
    for k, v in h.items():
        check(f, k, v)
    for i, p in enumerate(h.get("persons", [])):
        for k, v in p.items():
            check(f"{f} persons[{i}]", k, v)
        if "vic_TraffickingStatus" in p or p.get("khipu", {}).get("role") == "victim":
            assert not (IDENT & set(p)), f"{f} persons[{i}]: a victim's identity: {IDENT & set(p)}"
need = {"cas_Status", "prs_Gender", "prs_Citizenship", "vic_TypeOfExploitation"}
assert need <= seen, f"fields never exported: {need - seen}"
print("# HTCDS fields seen:", " ".join(sorted(seen)))
PY
	not_ok "HTCDS exports against the standard"
done_testing
