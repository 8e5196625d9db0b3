#!/bin/sh
# pg-test-server.sh — a throw-away PostgreSQL server for the tests.
#   pg-test-server.sh start DIR   initdb in DIR, start the server listening on a
#                                 unix socket in DIR only (no TCP port, so no
#                                 clash), print the URL of its 'postgres' database
#   pg-test-server.sh replica PRIMARY_DIR DIR
#                                 a streaming replica of the server of PRIMARY_DIR
#                                 (pg_basebackup -R), socket in DIR; prints its URL
#   pg-test-server.sh stop DIR    stop it and remove DIR
#   pg-test-server.sh bindir      print the folder of Debian's initdb/pg_ctl, or fail
# The server runs as an unprivileged user (PostgreSQL refuses root): when run
# as root, as 'nobody'. Superuser 'khipu', trust authentication on the socket:
# fit for tests only, never for a real register (docs/deploy.md).
set -eu

bindir() {
	for d in ${KHIPU_PG_BINDIR:-} /usr/lib/postgresql/*/bin; do
		[ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
	done
	return 1
}

# as_server CMD...: run as the server's user
as_server() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u nobody -- "$@"
	else
		"$@"
	fi
}

cmd=${1:-}
case "$cmd" in
bindir)
	bindir
	;;
start)
	dir=${2:?usage: pg-test-server.sh start DIR}
	bin=$(bindir) || { echo "pg-test-server: PostgreSQL is not installed" >&2; exit 1; }
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	[ "$(id -u)" = 0 ] && chown nobody "$dir"
	chmod 700 "$dir"
	as_server "$bin/initdb" -D "$dir/data" -U khipu -A trust -E UTF8 --locale=C.UTF-8 \
		>"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
	cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = ''
unix_socket_directories = '$dir'
unix_socket_permissions = 0700
max_connections = 100
shared_buffers = 128MB
CONF
	# fast: no fsync (a test server's data is thrown away), unless
	# KHIPU_PG_DURABLE=1 (the benchmarks: a server as it would really run)
	if [ "${KHIPU_PG_DURABLE:-0}" != 1 ]; then
		printf '%s\n' "fsync = off" "synchronous_commit = off" "full_page_writes = off" \
			>>"$dir/data/postgresql.conf"
	fi
	# the superuser of the tests without a password; any other role with
	# one (the tests of wrong credentials)
	cat >"$dir/data/pg_hba.conf" <<HBA
local all khipu trust
local replication khipu trust
local all all scram-sha-256
HBA
	as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
		>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	echo "postgresql://khipu@/postgres?host=$dir"
	;;
replica)
	primary=${2:?usage: pg-test-server.sh replica PRIMARY_DIR DIR}
	dir=${3:?usage: pg-test-server.sh replica PRIMARY_DIR DIR}
	bin=$(bindir) || { echo "pg-test-server: PostgreSQL is not installed" >&2; exit 1; }
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	primary=$(cd "$primary" && pwd)
	[ "$(id -u)" = 0 ] && chown nobody "$dir"
	chmod 700 "$dir"
	as_server "$bin/pg_basebackup" -h "$primary" -U khipu -D "$dir/data" -R -X stream -c fast \
		>"$dir/basebackup.log" 2>&1 || { cat "$dir/basebackup.log" >&2; exit 1; }
	# the same settings, its own socket folder (later lines win)
	cat >>"$dir/data/postgresql.conf" <<CONF
unix_socket_directories = '$dir'
hot_standby = on
CONF
	as_server "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
		>/dev/null || { cat "$dir/server.log" >&2; exit 1; }
	echo "postgresql://khipu@/postgres?host=$dir"
	;;
stop)
	dir=${2:?usage: pg-test-server.sh stop DIR}
	bin=$(bindir) || exit 0
	if [ -f "$dir/data/postmaster.pid" ]; then
		as_server "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	fi
	rm -rf "$dir"
	;;
*)
	echo "usage: pg-test-server.sh start DIR | replica PRIMARY_DIR DIR | stop DIR | bindir" >&2
	exit 2
	;;
esac
