#!/bin/sh
# fresh-machine.sh [SOURCE [SHARED]] — prove the README's two commands on a
# truly fresh Debian 12. Run it as root before each release (`make
# fresh-machine`); it takes an hour or more (docs/admin-guide.md).
#
#   1. debootstrap --variant=minbase bookworm into a temporary root;
#   2. give it this machine's workplace settings, read here at run time and
#      never committed: the Debian mirror and security mirror of the apt
#      sources, apt's proxy settings, the extra CA certificates this machine
#      trusts (/usr/local/share/ca-certificates), npm's registry, proxy and
#      CA settings, the proxy variables, the DNS resolver;
#   3. install make, git and ca-certificates, nothing else;
#   4. clone SOURCE (a path or URL; default the repository this script is in,
#      at its HEAD) to /src/khipu and copy SHARED (default ../shared beside
#      the checkout) to /src/shared: the tests find ../shared/data;
#   5. `make check` there, which must end with "N passed, 0 failed";
#   6. `make run` there in the background on a free loopback port, then sign
#      in over HTTP as demo-prosecutor and open a case (scripts/fresh-signin.sh);
#   7. tear down: stop every process running in the root, unmount, delete.
# Everything else the project needs comes from its own files (scripts/deps.sh,
# tests/e2e/package-lock.json): Debian's packages and the npm registry.
#
# Environment: KHIPU_FRESH_DIR (where the temporary root goes, default
# /var/tmp; it needs about 5 GB), KHIPU_FRESH_KEEP=1 (keep the root and its
# logs for a look after a failure; run the script's cleanup by hand then:
# umount -R ROOT/proc ROOT/sys ROOT/dev), KHIPU_FRESH_MIRROR (the Debian
# mirror, else the one of this machine's apt sources).
# Exit 0 when every step passed; the log of each step is in the work folder,
# and its tail is printed when it fails.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)
src=${1:-$repo}
# SHARED: as the tests look for it (tests/meson.build): KHIPU_SHARED_DATA's
# parent, ../shared beside the checkout, the workplace's /work/shared
top=$repo
[ -d "$src" ] && top=$(cd "$src" && git rev-parse --show-toplevel)
shared=${2:-}
if [ -z "$shared" ]; then
	for d in "${KHIPU_SHARED_DATA:+$KHIPU_SHARED_DATA/..}" "$top/../shared" "$repo/../shared" /work/shared; do
		[ -n "$d" ] && [ -d "$d/data" ] && { shared=$d; break; }
	done
fi
suite=bookworm
demo_pw=khipu-demo-2024

say() { printf '%s fresh-machine: %s\n' "$(date -u +%H:%M:%S)" "$*"; }
die() { say "FAILED: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "run it as root (debootstrap, chroot and mount need it)"
if [ -z "$shared" ] || [ ! -d "$shared/data" ]; then
	die "no shared test data (../shared/data); give SHARED"
fi
shared=$(cd "$shared" && pwd)
if ! command -v debootstrap >/dev/null 2>&1; then
	say "installing debootstrap on this machine"
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends debootstrap >/dev/null ||
		die "debootstrap is missing and apt-get could not install it"
fi

work=$(mktemp -d "${KHIPU_FRESH_DIR:-/var/tmp}/khipu-fresh.XXXXXX")
root=$work/root
mkdir -p "$root"
started=$(date +%s)

# mounted_under DIR: the mount points at or below DIR, deepest first
mounted_under() {
	awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}

# The processes whose root is the temporary root are the ones this script
# started there (make check, make run and their children): stop them by id.
stop_root_processes() {
	for sig in TERM KILL; do
		pids=""
		for p in /proc/[0-9]*; do
			[ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && pids="$pids ${p#/proc/}"
		done
		[ -z "$pids" ] && return 0
		# shellcheck disable=SC2086
		kill -s "$sig" $pids 2>/dev/null || true
		sleep 3
	done
}

cleanup() {
	status=$?
	trap - EXIT INT TERM
	stop_root_processes
	for m in $(mounted_under "$root"); do
		umount "$m" 2>/dev/null || umount -l "$m" 2>/dev/null || true
	done
	if [ "${KHIPU_FRESH_KEEP:-0}" = 1 ]; then
		say "kept $work (KHIPU_FRESH_KEEP=1)"
	elif [ -n "$(mounted_under "$root")" ]; then
		say "left $work: something is still mounted under it" >&2
	else
		rm -rf --one-file-system "$work"
	fi
	exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# step STEP LOG COMMAND...: run, log, time; on failure the log's tail
step() {
	name=$1 log=$work/$2
	shift 2
	say "$name ..."
	t0=$(date +%s)
	if "$@" >"$log" 2>&1; then
		say "$name: done in $(($(date +%s) - t0)) s"
	else
		rc=$?
		tail -n 60 "$log" | sed 's/^/    /' >&2
		die "$name (exit $rc, after $(($(date +%s) - t0)) s; log $log)"
	fi
}

# --- the workplace's settings, read from this machine ----------------------

# apt_uri SUITE: the first URI of this machine's apt sources (one-line or
# deb822 format) that serves SUITE
apt_uri() {
	cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources \
		2>/dev/null | awk -v s="$1" '
		/^[[:space:]]*#/ { next }
		$1 == "deb" { l = $0; sub(/\[[^]]*\]/, "", l); split(l, f, " ")
			if (f[3] == s) { print f[2]; exit }
			next }
		/^[[:space:]]*$/ { uris = ""; ok = 0; next }
		$1 == "URIs:" { uris = $2 }
		$1 == "Suites:" { for (j = 2; j <= NF; j++) if ($j == s) ok = 1 }
		uris != "" && ok { print uris; exit }'
}
mirror=${KHIPU_FRESH_MIRROR:-$(apt_uri "$suite")}
mirror=${mirror:-http://deb.debian.org/debian}
security=$(apt_uri "$suite-security")
security=${security:-http://deb.debian.org/debian-security}

# the proxy variables of this environment, passed on as they are
proxy_env=""
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
	eval "val=\${$v:-}"
	[ -n "$val" ] && proxy_env="$proxy_env $v=$val"
done

# in_root COMMAND: run a shell command in the root as a fresh root login
# would: a plain environment, HOME=/root, no locale set
in_root() {
	# shellcheck disable=SC2086
	chroot "$root" /usr/bin/env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		HOME=/root TERM=dumb SHELL=/bin/sh $proxy_env sh -c "$1"
}

# --- 1. the minimal Debian 12 ----------------------------------------------
say "work folder $work; source $src; shared $shared; mirror $mirror"
# shellcheck disable=SC2086
step "debootstrap --variant=minbase $suite" debootstrap.log \
	env $proxy_env debootstrap --variant=minbase "$suite" "$root" "$mirror"

# --- 2. the workplace's settings ---------------------------------------------
rm -f "$root/etc/apt/sources.list"
cat >"$root/etc/apt/sources.list.d/debian.sources" <<SOURCES
Types: deb
URIs: $mirror
Suites: $suite $suite-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb
URIs: $security
Suites: $suite-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SOURCES
# apt's proxies and the mirror's date checks (a snapshot mirror's Release
# files are older than their Valid-Until)
apt-config dump 2>/dev/null | grep -E '^Acquire::(https?|ftp)::Proxy|^Acquire::Check-(Valid-Until|Date) ' \
	>"$root/etc/apt/apt.conf.d/99workplace" || true
# the extra certificate authorities this machine trusts; the package
# ca-certificates adds them to the root's bundle when it installs
if [ -d /usr/local/share/ca-certificates ]; then
	cp -a /usr/local/share/ca-certificates/. "$root/usr/local/share/ca-certificates/"
fi
# npm's settings that reach the registry (not its credentials)
if command -v npm >/dev/null 2>&1; then
	: >"$root/root/.npmrc"
	for k in registry proxy https-proxy noproxy strict-ssl cafile; do
		val=$(npm config get "$k" 2>/dev/null || true)
		case "$val" in "" | null | undefined) continue ;; esac
		[ "$k" = registry ] && [ "$val" = https://registry.npmjs.org/ ] && continue
		if [ "$k" = cafile ]; then
			[ -f "$val" ] || continue
			# the system bundle is made in the root by ca-certificates
			case "$val" in /etc/ssl/certs/ca-certificates.crt) ;; *)
				mkdir -p "$root$(dirname "$val")"
				cp "$val" "$root$val" ;;
			esac
		fi
		printf '%s=%s\n' "$k" "$val" >>"$root/root/.npmrc"
	done
fi
cp /etc/resolv.conf "$root/etc/resolv.conf"
cp /etc/hosts "$root/etc/hosts"
# no service starts inside the root: it shares this machine's network, and
# the PostgreSQL package would otherwise start a cluster on port 5432 (the
# tests start their own throw-away server on a socket)
printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
chmod 755 "$root/usr/sbin/policy-rc.d"

# /proc, /sys and a /dev of its own (a tmpfs with the usual nodes, a private
# devpts, a shared-memory tmpfs for PostgreSQL and Chromium)
mount -t proc proc "$root/proc"
mount -t sysfs sysfs "$root/sys"
mount -t tmpfs -o mode=755,nosuid devtmp "$root/dev"
for n in null:1:3 zero:1:5 full:1:7 random:1:8 urandom:1:9 tty:5:0; do
	dev=${n%%:*} min=${n##*:} maj=${n#*:}
	mknod -m 666 "$root/dev/$dev" c "${maj%%:*}" "$min"
done
mkdir -p "$root/dev/pts" "$root/dev/shm"
mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$root/dev/pts"
ln -s pts/ptmx "$root/dev/ptmx"
mount -t tmpfs -o mode=1777,nosuid,nodev shm "$root/dev/shm"
ln -s /proc/self/fd "$root/dev/fd"
ln -s /proc/self/fd/0 "$root/dev/stdin"
ln -s /proc/self/fd/1 "$root/dev/stdout"
ln -s /proc/self/fd/2 "$root/dev/stderr"

# --- 3. make, git, ca-certificates: nothing else by hand -----------------------
step "apt-get install make git ca-certificates" apt.log in_root \
	'export DEBIAN_FRONTEND=noninteractive; apt-get update -qq &&
	 apt-get install -y -qq --no-install-recommends make git ca-certificates'

# --- 4. the project and ../shared -------------------------------------------
mkdir -p "$root/src"
if [ -d "$src" ]; then
	# a path (a worktree too): its HEAD, cloned by the root's own git
	git -C "$src" bundle create "$root/src/khipu.bundle" HEAD >"$work/bundle.log" 2>&1 ||
		die "git bundle of $src (log $work/bundle.log)"
	step "git clone $src (HEAD $(git -C "$src" rev-parse --short HEAD))" clone.log \
		in_root 'git clone /src/khipu.bundle /src/khipu && rm /src/khipu.bundle'
else
	step "git clone $src" clone.log in_root "git clone '$src' /src/khipu"
fi
cp -a "$shared" "$root/src/shared"
chmod -R a-w "$root/src/shared"

# --- 5. make check ----------------------------------------------------------
# A failure here is reported at the end: make run is tried all the same.
failed=""
say "make check ..."
t0=$(date +%s)
if in_root 'cd /src/khipu && make check' >"$work/check.log" 2>&1; then check_rc=0; else check_rc=$?; fi
check_s=$(($(date +%s) - t0))
summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$work/check.log" | tail -n 1 || true)
case "$check_rc:$summary" in
0:*" passed, 0 failed"*) say "make check: $summary, in $check_s s" ;;
*)
	tail -n 60 "$work/check.log" | sed 's/^/    /' >&2
	say "make check FAILED (exit $check_rc, '$summary', in $check_s s; log $work/check.log)" >&2
	failed="make check"
	;;
esac

# --- 6. make run, then sign in ---------------------------------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])' \
	2>/dev/null || echo $((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000)))
say "make run on 127.0.0.1:$port ..."
t0=$(date +%s)
in_root "cd /src/khipu && KHIPU_LISTEN=127.0.0.1:$port exec make run" >"$work/run.log" 2>&1 </dev/null &
run_pid=$!
ready=0
for _ in $(seq 1 1800); do
	if grep -q '^Serving now' "$work/run.log" &&
		in_root "curl -s -o /dev/null --max-time 5 http://127.0.0.1:$port/login" 2>/dev/null; then
		ready=1
		break
	fi
	kill -0 "$run_pid" 2>/dev/null || break
	sleep 1
done
if [ $ready != 1 ]; then
	tail -n 60 "$work/run.log" | sed 's/^/    /' >&2
	die "make run did not serve on 127.0.0.1:$port (log $work/run.log)"
fi
say "make run: serving after $(($(date +%s) - t0)) s"
cp "$here/fresh-signin.sh" "$root/tmp/fresh-signin.sh"
step "sign in over HTTP and open a case" signin.log in_root \
	"sh /tmp/fresh-signin.sh http://127.0.0.1:$port demo-prosecutor $demo_pw"
sed 's/^/    /' "$work/signin.log"

[ -z "$failed" ] || die "$failed, after $(($(date +%s) - started)) s in all"
say "PASSED in $(($(date +%s) - started)) s: make check ($summary) and make run on a fresh Debian 12 minbase"
