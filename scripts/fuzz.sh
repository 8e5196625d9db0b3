#!/bin/sh
# fuzz.sh — the libFuzzer build and runs (tests/fuzz).
#   fuzz.sh setup BUILD           configure (once) and build BUILD with clang,
#                                 -Dfuzz=true, ASan+UBSan; exit 2 with a clear
#                                 message when clang's libFuzzer is missing
#   fuzz.sh run BUILD SECONDS [NAME...]
#                                 each harness (or those named, fuzz-NAME):
#                                 its corpus once, then SECONDS of fuzzing
# `make fuzz FUZZ_SECONDS=N` is setup + run; `make check` runs every harness
# for FUZZ_CHECK_SECONDS (default 5) through scripts/check.sh.
set -u
cmd=${1:?usage: fuzz.sh setup|run BUILD [SECONDS [NAME...]]}
build=${2:?usage: fuzz.sh setup|run BUILD [SECONDS [NAME...]]}

# clang-14 (Debian's) or any clang whose libFuzzer links a program
find_clang() {
	for c in clang-14 clang; do
		command -v "$c" >/dev/null 2>&1 || continue
		t=$(mktemp -d "${TMPDIR:-/tmp}/khipu-cc.XXXXXX")
		printf '%s\n' '#include <stddef.h>' '#include <stdint.h>' \
			'int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { (void)d; (void)n; return 0; }' \
			>"$t/t.c"
		if "$c" -fsanitize=fuzzer,address,undefined "$t/t.c" -o "$t/t" >/dev/null 2>&1; then
			rm -rf "$t"
			echo "$c"
			return 0
		fi
		rm -rf "$t"
	done
	return 1
}

case $cmd in
setup)
	if ! cc=$(find_clang); then
		echo "fuzz: SKIPPED: clang with libFuzzer is not installed (Debian: clang-14" \
			"libfuzzer-14-dev libclang-rt-14-dev; 'make deps' as root installs them);" \
			"the fuzz harnesses were not built or run"
		exit 2
	fi
	if [ ! -f "$build/build.ninja" ]; then
		CC=$cc meson setup "$build" --buildtype=debugoptimized -Dfuzz=true \
			-Db_sanitize=address,undefined -Db_lundef=false >"${TMPDIR:-/tmp}/khipu-fuzz-setup.log" 2>&1 || {
			cat "${TMPDIR:-/tmp}/khipu-fuzz-setup.log"
			echo "fuzz: meson setup of $build failed"
			exit 1
		}
	fi
	ninja -C "$build"
	;;
run)
	secs=${3:-60}
	shift 3 2>/dev/null || shift $#
	names=
	for n in "$@"; do names="$names fuzz-$n"; done
	# shellcheck disable=SC2086
	FUZZ_SECONDS=$secs meson test -C "$build" --suite fuzz --no-rebuild --print-errorlogs \
		--timeout-multiplier 0 --num-processes 1 $names
	;;
*)
	echo "usage: fuzz.sh setup|run BUILD [SECONDS [NAME...]]" >&2
	exit 1
	;;
esac
