#!/bin/sh
# run.sh HARNESS SRCDIR NAME [SHARED_GLOB] — one libFuzzer harness, as the
# meson test fuzz-NAME (tests/fuzz/meson.build):
#  1. every file of SRCDIR/corpus/NAME once: the seeds and the regression
#     inputs of crashes found before (a crash here is a bug come back);
#  2. FUZZ_SECONDS (default 5) of fuzzing from that corpus, with the first
#     40 lines of the files SHARED_GLOB names (../shared/data, read where it
#     is, never copied into the repository) as extra seeds.
# New inputs libFuzzer finds stay in the build folder (fuzz-work/NAME/new),
# never in the committed corpus. A crash leaves its input in
# fuzz-work/NAME/artifacts/ and fails the test: fix the bug at the root, then
# commit the input as SRCDIR/corpus/NAME/crash-<what-it-was>.
# Prints "ok - ..." lines and "N passed, N failed".
set -u
h=$1 src=$2 name=$3 glob=${4:-}
secs=${FUZZ_SECONDS:-5}
corpus=$src/corpus/$name
work=$(dirname "$h")/fuzz-work/$name
mkdir -p "$work/new" "$work/artifacts" "$work/shared"
# ASan and UBSan stop at the first report; leaks count as crashes
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
pass=0 fail=0
dict=
[ -f "$src/$name.dict" ] && dict="-dict=$src/$name.dict"

# 1. replay the committed corpus, one run of each file
files=$(find "$corpus" -type f | sort)
n=$(printf '%s\n' "$files" | grep -c .)
if [ "$n" -eq 0 ]; then
	echo "not ok - fuzz-$name: corpus/$name is empty"
	fail=$((fail + 1))
# shellcheck disable=SC2086
elif "$h" $files >"$work/replay.log" 2>&1; then
	echo "ok - fuzz-$name: the $n inputs of corpus/$name run cleanly"
	pass=$((pass + 1))
else
	echo "not ok - fuzz-$name: an input of corpus/$name crashes it"
	grep -E '^Running: ' "$work/replay.log" | tail -n 1 | sed 's/^/    # /'
	grep -E 'ERROR|runtime error|invariant failed|SUMMARY' "$work/replay.log" | head -n 5 |
		sed 's/^/    # /'
	fail=$((fail + 1))
fi

# 2. fuzz for secs seconds from the corpus (and the shared files' heads)
extra=
if [ -n "$glob" ]; then
	for f in $glob; do
		[ -f "$f" ] || continue
		head -n 40 "$f" >"$work/shared/$(basename "$f")"
		extra="$work/shared"
	done
fi
# shellcheck disable=SC2086
if "$h" -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 -max_len=65536 \
	-print_final_stats=1 -artifact_prefix="$work/artifacts/" $dict \
	"$work/new" "$corpus" $extra >"$work/fuzz.log" 2>&1; then
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/fuzz.log")
	cov=$(grep -E '^#[0-9]+.*DONE' "$work/fuzz.log" | sed -n 's/.*cov: \([0-9]*\).*/\1/p' | tail -n 1)
	echo "ok - fuzz-$name: ${runs:-?} runs in ${secs}s, no crash (coverage ${cov:-?} edges)"
	pass=$((pass + 1))
else
	art=$(ls -t "$work/artifacts" 2>/dev/null | head -n 1)
	echo "not ok - fuzz-$name: crashed after fuzzing; input kept as $work/artifacts/$art"
	grep -E 'ERROR|runtime error|invariant failed|SUMMARY|^    #[0-9]' "$work/fuzz.log" |
		head -n 15 | sed 's/^/    # /'
	echo "    # replay: $h $work/artifacts/$art"
	fail=$((fail + 1))
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
