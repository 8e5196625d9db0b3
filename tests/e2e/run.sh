#!/bin/sh
# tests/e2e/run.sh KHIPU BUILDDIR — the browser tests (meson suite 'e2e').
# Installs playwright-core and axe-core with `npm ci` into BUILDDIR/e2e-node (from the
# committed package-lock.json), serves a demo register and runs every
# *.test.cjs here (web, attach) with Debian's chromium. Skips (exit 77) only when chromium
# or Node.js is absent; scripts/deps.sh installs both.
KHIPU_LIB="$(dirname "$0")/../integration/lib.sh"
. "$KHIPU_LIB"
. "$(dirname "$0")/../integration/web.sh"
build=${2:?usage: run.sh KHIPU BUILDDIR}
here=$(cd "$(dirname "$0")" && pwd)
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$CHROMIUM" ] || ! command -v npm >/dev/null 2>&1; then
	echo "SKIP: browser tests need $CHROMIUM and npm (scripts/deps.sh installs them)"
	exit 77
fi
mods="$build/e2e-node"
mkdir -p "$mods"
if ! cmp -s "$here/package-lock.json" "$mods/package-lock.json" || [ ! -d "$mods/node_modules/playwright-core" ] || [ ! -d "$mods/node_modules/axe-core" ]; then
	cp "$here/package.json" "$here/package-lock.json" "$mods/"
	(cd "$mods" && npm ci --no-audit --no-fund --ignore-scripts >/dev/null 2>"$T/npm.err") || {
		sed 's/^/# /' "$T/npm.err"; not_ok "npm ci installs playwright-core"; done_testing; exit 1; }
fi
fresh_demo 150   # enough of the prosecutor's office for two pages of 10
start_server
status=0
tp=0
tf=0
for t in "$here"/${E2E_ONLY:-*}.test.cjs; do   # E2E_ONLY=newcase: one file
	echo "# $(basename "$t")"
	KHIPU_URL="$URL" PW_MODULES="$mods/node_modules" DEMO_PW="$DEMO_PW" CHROMIUM="$CHROMIUM" \
		HOME="$T" node "$t" >"$T/e2e.out" 2>&1 || status=1
	sed '$!b; /^[0-9]* passed, [0-9]* failed$/d' "$T/e2e.out"
	set -- $(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p' "$T/e2e.out" | tail -1) 0 1
	tp=$((tp + $1))
	tf=$((tf + $2))
done
# one total for scripts/summarise.py, which reads the last such line
echo "$tp passed, $tf failed"
stop_server
[ "$srv_rc" = 0 ] || { echo "not ok - the server stopped cleanly (exit $srv_rc)"; status=1; }
exit $status
