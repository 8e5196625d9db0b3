#!/bin/sh
# bench/update.sh — issue 9's target: `khipu case update` of a case with 10
# persons and 50 events, as a whole command, on a register of 100,000 cases
# (with its statistics derived, so the update also redoes the case's facts
# and cube counts): at most 20 ms. Measured in the same run next to two
# references: `khipu case show` of the same case as JSON (opening the
# register, reading the case, unsealing and printing: the floor of any
# command on it) and `khipu --version` (starting the binary).
# Usage: bench/update.sh path/to/khipu   (a release build: make build)
#   KHIPU_BENCH_CASES (100000)  KHIPU_BENCH_RUNS (30)
set -eu
khipu=${1:?usage: bench/update.sh path/to/khipu}
khipu="$(cd "$(dirname "$khipu")" && pwd)/$(basename "$khipu")"
root=$(cd "$(dirname "$0")/.." && pwd)
cases=${KHIPU_BENCH_CASES:-100000}
runs=${KHIPU_BENCH_RUNS:-30}
tmp=$(mktemp -d "${TMPDIR:-/tmp}/khipu-bench-update.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
export KHIPU_DB="$tmp/bench.db"
unset KHIPU_KEY_FILE
export KHIPU_LANG=en

echo "khipu bench update: $cases cases, $runs runs ($(nproc) cores, $(uname -m))"
echo "commit $(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
"$khipu" init >/dev/null
"$khipu" demo --cases "$cases" --seed 1 --password khipu-demo-2024 >/dev/null
# the case: 10 persons (5 victims, 5 suspects) and 50 events
python3 - "$tmp/case.json" <<'PY'
import json, sys
persons = []
for i in range(10):
    p = {"role": "victim" if i < 5 else "suspect", "name": f"Persona Bench Numero{i} Quispe",
         "sex": "female" if i % 2 == 0 else "male", "birth_year": 1990 + i, "nationality": "PE",
         "identifiers": [{"kind": "phone", "value": f"+51 900 000 {100 + i}"}]}
    if i < 5:
        p["victim"] = {"exploitation": ["sexual_exploitation"], "recruitment": ["job_offer"]}
    else:
        p["suspect"] = {"network_roles": ["recruiter_intermediary"], "outcome": "pending"}
    persons.append(p)
# one stage: the procedural order (core/ncpp) refuses a stage that goes back,
# and the runs move an event's date
events = [{"stage": "preliminary_inquiry", "date": f"2024-{1 + i // 28 + 3:02d}-{1 + i % 28:02d}",
           "note": f"diligencia {i}"} for i in range(50)]
doc = {"number": "BENCH-UPDATE-0001", "office": "FEPMTP-MDD", "complaint_date": "2024-03-01",
       "complaint_source": "police_report", "place": {"country": "PE", "ubigeo": "170101"},
       "offences": ["cp_129a"], "persons": persons, "events": events}
json.dump(doc, open(sys.argv[1], "w"))
PY
id=$("$khipu" case add --as demo-prosecutor --json "$tmp/case.json")
"$khipu" stats --as demo-analyst --by sex >/dev/null   # facts derived up to here
python3 - "$khipu" "$id" "$runs" "$tmp" <<'PY'
import json, resource, statistics, subprocess, sys, time
khipu, cid, runs, tmp = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
cpu = {}
def timed(args, **kw):
    # wall-clock ms, and the command's processor time (user + system) in cpu[]
    r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t = time.perf_counter()
    subprocess.run(args, check=True, stdout=subprocess.DEVNULL, **kw)
    wall = (time.perf_counter() - t) * 1000
    r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu.setdefault(args[1], []).append((r1.ru_utime + r1.ru_stime - r0.ru_utime - r0.ru_stime) * 1000)
    return wall
upd, show, start = [], [], []
for i in range(runs):
    doc = json.loads(subprocess.run([khipu, "case", "show", cid, "--as", "demo-prosecutor",
                                     "--format", "json"], check=True, capture_output=True).stdout)
    assert len(doc["persons"]) == 10 and len(doc["events"]) >= 50
    # a victim's sex, a suspect's outcome and an event's date change each time
    doc["persons"][i % 5]["sex"] = "male" if doc["persons"][i % 5]["sex"] == "female" else "female"
    doc["persons"][5 + i % 5]["suspect"]["outcome"] = "pending" if i % 2 else "acquitted"
    doc["events"][i % 50]["date"] = "2024-06-%02d" % (1 + i % 28)
    open(f"{tmp}/doc.json", "w").write(json.dumps(doc))
    upd.append(timed([khipu, "case", "update", cid, "--as", "demo-prosecutor", "--json",
                      f"{tmp}/doc.json", "--reason", "bench"]))
    show.append(timed([khipu, "case", "show", cid, "--as", "demo-prosecutor", "--format", "json"]))
    start.append(timed([khipu, "--version"]))
v = json.loads(subprocess.run([khipu, "case", "show", cid, "--as", "demo-prosecutor", "--format",
                               "json"], check=True, capture_output=True).stdout)["version"]
assert v == runs + 1, v
def row(name, xs, cs):
    print(f"{name:<50} {statistics.median(xs):8.2f} {min(xs):8.2f} {max(xs):8.2f} "
          f"{statistics.median(cs):8.2f}")
print(f"{'command (ms; ' + str(runs) + ' runs)':<50} {'median':>8} {'min':>8} {'max':>8} "
      f"{'cpu_med':>8}")
row("case update (10 persons, 50 events, 3 changes)", upd, cpu["case"][0::2])
row("reference: case show --format json (same case)", show, cpu["case"][1::2])
row("reference: khipu --version", start, cpu["--version"])
m = statistics.median(upd)
print(f"update / show: {m / statistics.median(show):.2f}x wall, "
      f"{statistics.median(cpu['case'][0::2]) / statistics.median(cpu['case'][1::2]):.2f}x cpu; "
      f"load average {open('/proc/loadavg').read().split()[0]}; "
      f"target <= 20 ms: {'met' if m <= 20 else 'NOT met'} (wall, median)")
import os
if os.environ.get("KHIPU_BENCH_TABLE"):   # a row of make bench's table (bench/table.sh)
    with open(os.environ["KHIPU_BENCH_TABLE"], "a") as f:
        f.write(f"update\tcase update, 10 persons, 50 events, 3 changes (whole command, median)\t{m:.1f}\tms\t"
                f"case show --format json of the same case (median)\t{statistics.median(show):.1f}\n")
PY
