#!/bin/sh
# Install the Debian packages Khipu needs to build and test, only those missing.
# Runs as root on a fresh Debian 12 machine (CI, a new developer machine).
#   sh scripts/deps.sh            what `make run` and `make check` need
#   sh scripts/deps.sh security   and the optional scanners of `make security`
#                                 (sqlmap, wapiti: tests/security/scan.py)
#   sh scripts/deps.sh bench      and the optional load tools of `make load` and
#                                 `make bench` (wrk, nginx)
set -e
# optional groups, named on the command line: installed or the script fails
OPTIONAL=""
for group in "$@"; do
	case $group in
	security) OPTIONAL="$OPTIONAL sqlmap wapiti openssl" ;;
	bench) OPTIONAL="$OPTIONAL wrk nginx-light" ;;
	*) echo "deps.sh: unknown group '$group' (security, bench)" >&2; exit 2 ;;
	esac
done
# build and unit tests
PKGS="gcc make pkg-config meson ninja-build gettext python3 sqlite3
libsqlite3-dev libsodium-dev libjansson-dev libutf8proc-dev libcriterion-dev
libcsv-dev"
# server store (a throw-away PostgreSQL server runs in make check)
PKGS="$PKGS libpq-dev postgresql"
# web application and its browser tests
PKGS="$PKGS libmicrohttpd-dev libgnutls28-dev liboath-dev chromium"
PKGS="$PKGS curl openssl"
# statistics export
PKGS="$PKGS libxlsxwriter-dev"
# link analysis: network measures and drawings
PKGS="$PKGS libigraph-dev libgraphviz-dev"
# make bench: /usr/bin/time for peak memory and processor time
PKGS="$PKGS time"
PKGS="$PKGS$OPTIONAL"
missing=""
for p in $PKGS; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing="$missing $p"
done
# Node.js and npm run the browser tests (tests/e2e). Debian 12's own nodejs
# (18) and npm (9) are enough: playwright-core is pinned to a release that
# supports Node 18 (tests/e2e/package.json). A machine that already has a
# Node.js of its own (with its npm) keeps it.
command -v node >/dev/null 2>&1 || missing="$missing nodejs"
command -v npm >/dev/null 2>&1 || missing="$missing npm"
# make fuzz and make check's short fuzz runs (tests/fuzz): clang's libFuzzer;
# optional: where it cannot be installed those runs are skipped with a message
fuzz_missing=""
for p in clang-14 libfuzzer-14-dev libclang-rt-14-dev; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		fuzz_missing="$fuzz_missing $p"
done
if [ -n "$fuzz_missing" ] && [ "$(id -u)" = 0 ]; then
	echo "installing:$fuzz_missing"
	{ apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
		--no-install-recommends $fuzz_missing >/dev/null; } ||
		echo "khipu: clang's libFuzzer could not be installed; the fuzz harnesses will be skipped" >&2
fi
[ -z "$missing" ] && exit 0
if [ "$(id -u)" != 0 ]; then
	echo "khipu: missing packages:$missing" >&2
	echo "khipu: run 'make deps' as root, or install them with apt-get" >&2
	exit 1
fi
echo "installing:$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends $missing >/dev/null
