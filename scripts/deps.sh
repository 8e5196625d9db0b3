#!/bin/sh
# Install the Debian packages Khipu needs to build and test, only those missing.
# Runs as root on a fresh Debian 12 machine (CI, a new developer machine).
set -e
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
# make bench: /usr/bin/time for peak memory and processor time
PKGS="$PKGS time"
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
