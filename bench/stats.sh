#!/bin/sh
# bench/stats.sh — statistics at scale: 1,000,000 victims (synthetic CTDC
# records imported through `khipu import ctdc`, plus a demo register), every
# dashboard query and the other frequent groupings (office, stage, distrito
# fiscal, means of control, recruitment; cases by office, region, source,
# year) through `khipu stats` (as it runs, and forced to scan the
# facts) next to the same GROUP BY run by the sqlite3 tool on a plain table
# of the same rows, and the import of the
# 48,773-row CTDC Global Dataset extract next to sqlite3's .import of it.
# Usage: sh bench/stats.sh path/to/khipu   (a release build: make build)
#   KHIPU_BENCH_VICTIMS (1000000)  KHIPU_BENCH_CASES (20000)  KHIPU_BENCH_RUNS (5)
#   KHIPU_BENCH_DB: an existing demo register to measure instead of making
#   one (no demo, no import), e.g. `khipu demo --cases 571500`: 1,000,000
#   victims of the register itself, with their outcomes, protections and assets
set -eu
khipu=${1:?usage: bench/stats.sh path/to/khipu}
root=$(cd "$(dirname "$0")/.." && pwd)
khipu=$(cd "$(dirname "$khipu")" && pwd)/$(basename "$khipu")
victims=${KHIPU_BENCH_VICTIMS:-1000000}
cases=${KHIPU_BENCH_CASES:-20000}
runs=${KHIPU_BENCH_RUNS:-5}
global="${KHIPU_SHARED_DATA:-$root/../shared/data}/ctdc/global_2020_subset/global_dataset_14apr2020_subset.csv"
results="$root/bench/results"
. "$root/bench/table.sh"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
out="$results/stats-$stamp.txt"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khipu-bench-stats.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$results"
export KHIPU_DB="$tmp/bench.db" KHIPU_LANG=en
unset KHIPU_KEY_FILE

ms() { date +%s%N; }
since() { echo $(( ($(ms) - $1) / 1000000 )); }
# median of the wall times (ms) of $runs runs of a command
median_ms() {
	i=0; : >"$tmp/times"
	while [ $i -lt "$runs" ]; do
		t=$(ms); "$@" >/dev/null; since "$t" >>"$tmp/times"; i=$((i + 1))
	done
	sort -n "$tmp/times" | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

if [ -n "${KHIPU_BENCH_DB:-}" ]; then
	export KHIPU_DB="$KHIPU_BENCH_DB"
	cases=$(sqlite3 "$KHIPU_DB" "SELECT count(*) FROM cases")
	victims=0
	echo "khipu stats bench: the register $KHIPU_DB ($cases cases, $(nproc) cores)"
	t=$(ms)
	"$khipu" stats --as demo-analyst --by source >/dev/null
	refresh_ms=$(since "$t")
	demo_ms="(not made: KHIPU_BENCH_DB)"; import_big_ms="(none)"
else
	echo "khipu stats bench: $victims imported victims + a demo of $cases cases ($(nproc) cores)"
	"$khipu" init >/dev/null
	t=$(ms)
	"$khipu" demo --cases "$cases" --seed 1 --password khipu-demo-2024 >/dev/null
	demo_ms=$(since "$t")

	# synthetic CTDC records in the Global Dataset's columns (deterministic)
	python3 - "$victims" "$tmp/synthetic.csv" <<-'PY'
	import random, sys
	n, path = int(sys.argv[1]), sys.argv[2]
	r = random.Random(1)
	bands = ['0--8', '9--17', '18--20', '21--23', '24--26', '27--29', '30--38', '39--47', '48+', '-99']
	countries = ['PE', 'VE', 'CO', 'BO', 'EC', 'PH', 'UA', 'MD', 'US', 'KH', 'ID', 'BY', 'NA', '-99']
	with open(path, 'w') as f:
	    f.write('yearOfRegistration,gender,ageBroad,citizenship,CountryOfExploitation,'
	            'isForcedLabour,isSexualExploit,isOtherExploit,meansOfControlDebtBondage\n')
	    for i in range(n):
	        fl = r.random() < 0.35
	        f.write(f"{r.randint(2002, 2023)},{r.choice(('Female', 'Female', 'Male', '-99'))},"
	                f"{r.choice(bands)},{r.choice(countries)},{r.choice(countries)},"
	                f"{int(fl)},{int(not fl or r.random() < 0.1)},{int(r.random() < 0.05)},"
	                f"{int(r.random() < 0.2)}\n")
	PY
	t=$(ms)
	"$khipu" import ctdc "$tmp/synthetic.csv" --as demo-analyst --source bench >/dev/null 2>&1
	import_big_ms=$(since "$t")
	t=$(ms)
	"$khipu" stats --as demo-analyst --by source >/dev/null
	refresh_ms=$(since "$t")
fi
total=$(sqlite3 "$KHIPU_DB" "SELECT count(*) FROM stat_facts WHERE kind = 'victim'")

# the reference: the same rows in plain tables, no index
sqlite3 "$tmp/ref.db" "ATTACH '$KHIPU_DB' AS k;
CREATE TABLE v AS SELECT id, source, year, sex, age_band, nationality, origin_region,
  exploitation_region, office, distrito_fiscal, stage FROM k.stat_facts WHERE kind = 'victim';
CREATE TABLE c AS SELECT id, stage, office, region, source, year FROM k.stat_facts WHERE kind = 'case';
CREATE TABLE mc AS SELECT fact_id, code FROM k.stat_codes WHERE dim = 'means_of_control';
CREATE TABLE rc AS SELECT fact_id, code FROM k.stat_codes WHERE dim = 'recruitment';
CREATE TABLE s AS SELECT sex, outcome, convicted FROM k.stat_facts WHERE kind = 'suspect';
CREATE TABLE x AS SELECT fact_id, code FROM k.stat_codes WHERE dim = 'exploitation';
CREATE TABLE mn AS SELECT fact_id, code FROM k.stat_codes WHERE dim = 'means';
CREATE TABLE vu AS SELECT fact_id, code FROM k.stat_codes WHERE dim = 'vulnerability';
CREATE TABLE ag AS SELECT fact_id, code FROM k.stat_codes WHERE dim = 'aggravating';
CREATE TABLE cv AS SELECT year, sex, nationality FROM k.stat_facts WHERE kind = 'conviction';
CREATE TABLE pz AS SELECT year FROM k.stat_facts WHERE kind = 'prosecuted';
CREATE TABLE pr AS SELECT participation_id, measure FROM k.protections;
CREATE TABLE ast AS SELECT a.id, (SELECT m.measure FROM k.asset_measures m WHERE m.asset_id = a.id
  ORDER BY m.pos DESC LIMIT 1) AS stage FROM k.assets a;"

# name | khipu stats arguments | reference SQL
cat >"$tmp/queries" <<'Q'
victims by year|--by year|SELECT year, count(*) FROM v GROUP BY 1 ORDER BY 1
victims by year and sex|--by year,sex|SELECT year, sex, count(*) FROM v GROUP BY 1, 2 ORDER BY 1, 2
victims by age band and sex|--by age_band,sex|SELECT age_band, sex, count(*) FROM v GROUP BY 1, 2 ORDER BY 1, 2
victims by nationality|--by nationality|SELECT nationality, count(*) FROM v GROUP BY 1 ORDER BY 1
victims by form of exploitation|--by exploitation|SELECT x.code, count(*) FROM v LEFT JOIN x ON x.fact_id = v.id GROUP BY 1 ORDER BY 1
region of origin x exploitation|--by origin_region,exploitation_region|SELECT origin_region, exploitation_region, count(*) FROM v GROUP BY 1, 2 ORDER BY 1, 2
women 2015-2018 by year|--by year --from 2015 --to 2018 --where sex=female|SELECT year, count(*) FROM v WHERE year BETWEEN 2015 AND 2018 AND sex = 'female' GROUP BY 1 ORDER BY 1
victims by source|--by source|SELECT source, count(*) FROM v GROUP BY 1 ORDER BY 1
cases by stage|--measure cases --by stage|SELECT stage, count(*) FROM c GROUP BY 1 ORDER BY 1
suspects by outcome and sex|--measure suspects --by outcome,sex|SELECT outcome, sex, count(*) FROM s GROUP BY 1, 2 ORDER BY 1, 2
convictions by sex|--measure convictions --by sex|SELECT sex, count(*) FROM s WHERE convicted = 1 GROUP BY 1 ORDER BY 1
victims by office|--by office|SELECT office, count(*) FROM v GROUP BY 1 ORDER BY 1
victims by stage|--by stage|SELECT stage, count(*) FROM v GROUP BY 1 ORDER BY 1
victims by distrito fiscal|--by distrito_fiscal|SELECT distrito_fiscal, count(*) FROM v GROUP BY 1 ORDER BY 1
victims by means of control|--by means_of_control|SELECT mc.code, count(*) FROM v LEFT JOIN mc ON mc.fact_id = v.id GROUP BY 1 ORDER BY 1
victims by recruitment|--by recruitment|SELECT rc.code, count(*) FROM v LEFT JOIN rc ON rc.fact_id = v.id GROUP BY 1 ORDER BY 1
cases by office|--measure cases --by office|SELECT office, count(*) FROM c GROUP BY 1 ORDER BY 1
cases by region|--measure cases --by region|SELECT region, count(*) FROM c GROUP BY 1 ORDER BY 1
cases by source|--measure cases --by source|SELECT source, count(*) FROM c GROUP BY 1 ORDER BY 1
cases by year|--measure cases --by year|SELECT year, count(*) FROM c GROUP BY 1 ORDER BY 1
victims by office and sex|--by office,sex|SELECT office, sex, count(*) FROM v GROUP BY 1, 2 ORDER BY 1, 2
victims by means (art. 129-A)|--by means|SELECT mn.code, count(*) FROM v LEFT JOIN mn ON mn.fact_id = v.id GROUP BY 1 ORDER BY 1
victims by vulnerability|--by vulnerability|SELECT vu.code, count(*) FROM v LEFT JOIN vu ON vu.fact_id = v.id GROUP BY 1 ORDER BY 1
cases by aggravating circumstance|--measure cases --by aggravating|SELECT ag.code, count(*) FROM c LEFT JOIN ag ON ag.fact_id = c.id GROUP BY 1 ORDER BY 1
convictions by judgement year|--measure convictions --by year|SELECT year, count(*) FROM cv GROUP BY 1 ORDER BY 1
convictions by sex and citizenship|--measure convictions --by sex,nationality|SELECT sex, nationality, count(*) FROM cv GROUP BY 1, 2 ORDER BY 1, 2
prosecuted by year|--measure prosecuted --by year|SELECT year, count(*) FROM pz GROUP BY 1 ORDER BY 1
victims protected by measure|--measure protected_victims --by protection_measure|SELECT measure, count(DISTINCT participation_id) FROM pr GROUP BY 1 ORDER BY 1
assets by current stage|--measure assets --by asset_stage|SELECT stage, count(*) FROM ast GROUP BY 1 ORDER BY 1
Q
: >"$tmp/rows"; : >"$tmp/slowest"
k_sum=0; s_sum=0; r_sum=0
while IFS='|' read -r name args sql; do
	# shellcheck disable=SC2086
	k=$(median_ms "$khipu" stats --as demo-analyst $args --format csv)
	# shellcheck disable=SC2086
	s=$(export KHIPU_STATS_NO_CUBE=1; median_ms "$khipu" stats --as demo-analyst $args --format csv)
	r=$(median_ms sqlite3 "$tmp/ref.db" "$sql")
	# the counts agree
	# shellcheck disable=SC2086
	"$khipu" stats --as demo-analyst $args --format csv | tail -n +2 | tr -d '\r' | awk -F, '{ s += $NF } END { print s }' >"$tmp/a"
	sqlite3 -csv "$tmp/ref.db" "$sql" | awk -F, '{ s += $NF } END { print s }' >"$tmp/b"
	same=$(cmp -s "$tmp/a" "$tmp/b" && echo yes || echo NO)
	printf '%-36s %8s %8s %8s %6s\n' "$name" "$k" "$s" "$r" "$same" >>"$tmp/rows"
	echo "$name|$k" >>"$tmp/slowest"
	k_sum=$((k_sum + k)); s_sum=$((s_sum + s)); r_sum=$((r_sum + r))
done <"$tmp/queries"

# the CTDC Global Dataset extract: khipu import vs sqlite3 .import into a plain table
rm -f "$tmp/imp.db" "$tmp/imp.db.key"
KHIPU_DB="$tmp/imp.db" "$khipu" init --admin ana --password-stdin >/dev/null <<PW
bench-password-2024
PW
printf 'bench-password-2024\n' | KHIPU_DB="$tmp/imp.db" "$khipu" user add ana2 --role analyst --as ana >/dev/null
t=$(ms)
KHIPU_DB="$tmp/imp.db" "$khipu" import ctdc "$global" --as ana2 --ignore-unknown-columns >/dev/null 2>&1
import_ms=$(since "$t")
t=$(ms)
sqlite3 "$tmp/plain.db" ".import --csv '$global' g"
plain_import_ms=$(since "$t")

{
	echo "khipu stats bench $stamp: $(nproc) cores, $(uname -m), commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
	echo "victims counted: $total ($victims imported + the demo's); median of $runs runs, ms, whole command"
	echo
	echo "khipu: as it runs (cubes where they answer); scan: KHIPU_STATS_NO_CUBE=1 (the facts)"
	printf '%-36s %8s %8s %8s %6s\n' "query" "khipu" "scan" "sqlite3" "same"
	cat "$tmp/rows"
	printf '%-36s %8s %8s %8s\n' "all of the above" "$k_sum" "$s_sum" "$r_sum"
	echo "the slowest table (target: 200 ms at 1,000,000 victims): $(sort -t'|' -k2,2n "$tmp/slowest" | tail -1 | tr '|' ' ') ms"
	echo
	echo "khipu demo --cases $cases: $demo_ms ms"
	echo "import ctdc of $victims synthetic rows: $import_big_ms ms"
	echo "first stats after the demo and the import (derives the demo's facts): $refresh_ms ms"
	echo "import ctdc of the 48,773-row Global Dataset extract: $import_ms ms (sqlite3 .import into a plain table: $plain_import_ms ms)"
} >"$out"
cat "$out"
echo "results: $out"
slowest=$(sort -t'|' -k2,2n "$tmp/slowest" | tail -1)
bench_row stats "the slowest of them: ${slowest%%|*}" "${slowest##*|}" ms "" ""
bench_row stats "the $(wc -l <"$tmp/queries") statistics queries, $total victims (khipu stats, medians summed)" "$k_sum" ms \
	"sqlite3 CLI: the same GROUP BYs on plain tables" "$r_sum"
bench_row stats "import ctdc of the 48,773-row Global Dataset extract" "$import_ms" ms \
	"sqlite3 CLI: .import of the file into a plain table" "$plain_import_ms"
bench_row stats "import ctdc of $victims synthetic rows" "$import_big_ms" ms "" ""
