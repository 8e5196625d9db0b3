#!/bin/sh
# t0604 — statistics of international requests (issue 13): `khipu stats
# --measure requests|request_days` by every request dimension, with filters
# and a year range, equal to a computation written here from the
# definitions of docs/statistics.md ("International requests") over the raw
# requests table (no Khipu code), before and after an amendment that
# removes a request; the /cooperation page shows the figures of the
# requests its user manages; bad queries refused naming the option.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 60
L="--as demo-liaison"
A="--as demo-analyst"
CASES=$("$KHIPU" case list --as demo-prosecutor --format csv | sed -n '2,4s/,.*//p')
set -- $CASES
C1=$1 C2=$2 C3=$3
add() { "$KHIPU" mla add "$@" $L >/dev/null || not_ok "mla add $*"; }
# answered after 10, 20, 31, 40 days, an incoming one after 5, others open
# or without dates; two to Spain after 20 and 31 days (an even group)
add "$C1" --direction outgoing --country BO --type mla --sent 2023-01-10 --answered 2023-01-20 --status answered
add "$C1" --direction outgoing --country BO --type mla --sent 2023-02-01 --answered 2023-02-21 --status answered
add "$C2" --direction outgoing --country BO --type extradition --sent 2024-03-01 --answered 2024-04-01 --status answered --channel interpol
add "$C2" --direction outgoing --country BO --type mla --sent 2024-05-01 --answered 2024-06-10 --status partially_answered
add "$C3" --direction incoming --country EC --type mla --received 2024-07-01 --answered 2024-07-06 --status answered
add "$C3" --direction incoming --country EC --type mla --received 2024-08-01 --due 2024-09-01
add "$C3" --direction outgoing --country CO --type asset_recovery
add "$C2" --direction outgoing --country CL --type mla --sent 2022-11-30 --channel central_authority
add "$C1" --direction outgoing --country ES --type mla --sent 2024-01-01 --answered 2024-01-21 --status answered
add "$C2" --direction outgoing --country ES --type mla --sent 2024-02-01 --answered 2024-03-03 --status answered

# ---- the figures against their definition ----
raw() {
	db_sql "SELECT direction, country, type, status, coalesce(channel, ''), coalesce(sent, ''),
		coalesce(received, ''), coalesce(answered, '') FROM requests WHERE removed_in IS NULL" >"$T/raw"
}
# want MEASURE BY [FROM TO [DIM=VALUE]]: the figure computed from the raw rows
want() {
	python3 - "$T/raw" "$@" <<'PY'
import csv, datetime, sys
rows = list(csv.reader(open(sys.argv[1])))
measure, by = sys.argv[2], sys.argv[3].split(",")
lo = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[4] else None
hi = int(sys.argv[5]) if len(sys.argv) > 5 and sys.argv[5] else None
where = sys.argv[6].split("=") if len(sys.argv) > 6 else None
groups = {}
for direction, country, typ, status, channel, sent, received, answered in rows:
    start = received if direction == "incoming" else sent
    year = start[:4] if start else ""
    vals = {"direction": direction, "country": country, "request_type": typ,
            "request_status": status, "channel": channel, "year": year}
    if (lo or hi) and (not year or (lo and int(year) < lo) or (hi and int(year) > hi)):
        continue
    if where and vals[where[0]] != where[1]:
        continue
    key = tuple(vals[d] for d in by)
    if measure == "requests":
        groups.setdefault(key, []).append(1)
    elif start and answered:
        d = (datetime.date.fromisoformat(answered) - datetime.date.fromisoformat(start)).days
        if d >= 0:
            groups.setdefault(key, []).append(d)
def median(v):
    v = sorted(v)
    n = len(v)
    return v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) // 2
for key, v in groups.items():
    print(",".join(list(key) + [str(len(v) if measure == "requests" else median(v))]))
PY
}
got() {
	m=$1 by=$2; shift 2
	"$KHIPU" stats $A --measure "$m" --by "$by" "$@" --format csv | tr -d '\r' | tail -n +2
}
check() {   # check LABEL MEASURE BY [FROM TO [WHERE]]
	label=$1; shift
	want "$@" | LC_ALL=C sort >"$T/want"
	m=$1 by=$2
	set -- "$@" "" "" ""
	set -- ${3:+--from "$3"} ${4:+--to "$4"} ${5:+--where "$5"}
	got "$m" "$by" "$@" | LC_ALL=C sort >"$T/got"
	[ -s "$T/want" ] && diff "$T/want" "$T/got" >"$T/diff" && ok "$label" ||
		{ not_ok "$label"; sed 's/^/    # /' "$T/diff" | head -20; }
}
run_checks() {
	raw
	for d in country direction request_type request_status channel year; do
		check "requests by $d: $1" requests "$d"
		check "median days to answer by $d: $1" request_days "$d"
	done
	check "requests by country and status: $1" requests country,request_status
	check "median days by direction and country: $1" request_days direction,country
	check "requests of 2023-2024 by country: $1" requests country 2023 2024
	check "median days of 2024 by type: $1" request_days request_type 2024 2024
	check "requests to Bolivia by year: $1" requests year "" "" country=BO
	check "median days of outgoing requests by country: $1" request_days country "" "" direction=outgoing
}
run_checks "the register"
run stats $A --measure request_days --by country --where country=ES --format json
python3 -c "import json,sys; d=json.load(open(sys.argv[1])); assert [(r['country'], r['value']) for r in d['rows']] == [('ES', 25)], d" "$T/out" && ok "Spain, 20 and 31 days: an even group's median is their mean rounded down, 25" || not_ok "median of an even group"
# the total of request_days is the median of every request counted, not a sum
raw
want request_days direction >/dev/null
TOT=$(python3 - "$T/raw" <<'PY'
import csv, datetime, sys
v = []
for direction, country, typ, status, channel, sent, received, answered in csv.reader(open(sys.argv[1])):
    start = received if direction == "incoming" else sent
    if start and answered:
        d = (datetime.date.fromisoformat(answered) - datetime.date.fromisoformat(start)).days
        if d >= 0:
            v.append(d)
v.sort(); n = len(v)
print(v[n // 2] if n % 2 else (v[n // 2 - 1] + v[n // 2]) // 2)
PY
)
run stats $A --measure request_days --by direction --format json
python3 -c "import json,sys; assert json.load(open(sys.argv[1]))['total'] == int(sys.argv[2])" "$T/out" "$TOT" &&
	ok "the total of request_days is the median over all ($TOT days)" || not_ok "request_days total"

# ---- an amendment removes a request: the figures follow ----
run case show "$C3" --as demo-prosecutor --format json
python3 - "$T/out" "$T/upd.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["requests"] = [r for r in d["requests"] if r["country"] != "EC" or r["answered"] is None]
json.dump(d, open(sys.argv[2], "w"))
PY
expect 0 "a case update drops the answered request from Ecuador" -- \
	case update "$C3" --as demo-prosecutor --json "$T/upd.json" --reason "registrado por error"
[ "$(db_sql "SELECT count(*) FROM requests WHERE removed_in IS NOT NULL")" -ge 1 ] &&
	ok "the request is marked removed, not deleted" || not_ok "request removed"
run_checks "after the amendment"

# ---- refusals ----
expect 2 "a person's dimension does not apply to requests" -- stats $A --measure requests --by sex
expect_err "\-\-by" "names --by"
expect 2 "an unknown country in --where is refused" -- stats $A --measure requests --by year --where country=XX
expect_err "\-\-where" "names --where"
expect 2 "an unknown request status is refused" -- stats $A --measure request_days --by country --where request_status=lost
expect 2 "a request dimension does not apply to victims" -- stats $A --by country
expect 4 "the police may not read statistics" -- stats --as demo-police --measure requests --by country

# ---- the liaison's page ----
start_server
login demo-liaison
http "$T/jar-demo-liaison" GET /cooperation
expect_code 200 "the liaison opens /cooperation"
raw
want requests country,direction >"$T/cnt"
want request_days country,direction >"$T/med"
python3 - "$T/body" "$T/cnt" "$T/med" <<'PY' && ok "the page's figures by country and direction are the definition's" || not_ok "figures on /cooperation"
import csv, html, re, sys
b = open(sys.argv[1], encoding="utf-8").read()
t = b[b.index('id="request-figures"'):]
t = t[:t.index("</table>")]
rows = re.findall(r"<tr><th scope=\"row\">(.*?)</th><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", t)
cnt = sorted(int(r[2]) for r in csv.reader(open(sys.argv[2])))
med = sorted(int(r[2]) for r in csv.reader(open(sys.argv[3])))
assert sorted(int(r[2]) for r in rows) == cnt, (rows, cnt)
assert sorted(int(r[3]) for r in rows if r[3] != "—") == med, (rows, med)
assert any("Bolivia" in r[0] for r in rows), rows
PY
stop_server
done_testing
