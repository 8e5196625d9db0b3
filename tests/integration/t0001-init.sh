#!/bin/sh
# t0001 — init, opening, key files, help text.
. "$KHIPU_LIB"

expect 0 "init creates a register" -- init
[ -f "$KHIPU_DB" ] && ok "database file exists" || not_ok "database file exists"
perm=$(stat -c %a "$KHIPU_DB.key")
[ "$perm" = 600 ] && ok "key file has mode 600" || not_ok "key file has mode 600 (is $perm)"
sum=$(sha256sum "$KHIPU_DB.key")
expect 5 "init refuses an existing database" -- init
expect_err "already exists" "says the database already exists"
[ "$(sha256sum "$KHIPU_DB.key")" = "$sum" ] && ok "key file untouched by a second init" ||
	not_ok "key file untouched by a second init"

rm "$KHIPU_DB" "$KHIPU_DB"-wal "$KHIPU_DB"-shm 2>/dev/null
expect 6 "init refuses an existing key file" -- init
expect_err "refusing to replace" "says it will not replace a key"
[ ! -f "$KHIPU_DB" ] && ok "no database left behind by a refused init" ||
	not_ok "no database left behind by a refused init"
rm -f "$KHIPU_DB.key"

printf 'contrasena-larga-1\n' | "$KHIPU" init --admin root --password-stdin >/dev/null 2>&1
run user list --as root --format json
[ "$rc" = 0 ] && grep -q '"role": "admin"' "$T/out" && ok "init --admin creates an administrator" ||
	not_ok "init --admin creates an administrator"

expect 6 "a missing database fails clearly" -- --db "$T/nowhere.db" case list --as root
expect_err "does not exist" "says the database does not exist"
[ ! -f "$T/nowhere.db" ] && ok "no database created by opening a missing one" ||
	not_ok "no database created by opening a missing one"

cp "$KHIPU_DB.key" "$T/saved.key"
rm "$KHIPU_DB.key"
expect 6 "a missing key file fails clearly" -- user list --as root
expect_err "key file" "names the key file"
[ ! -f "$KHIPU_DB.key" ] && ok "no second key created silently" || not_ok "no second key created silently"

"$KHIPU" --db "$T/other.db" init >/dev/null 2>&1
expect 7 "another register's key is refused" -- --key-file "$T/other.db.key" user list --as root
expect_err "does not belong" "says the key does not belong"
cp "$T/saved.key" "$KHIPU_DB.key"
chmod 644 "$KHIPU_DB.key"
expect 7 "a key file readable by others is refused" -- user list --as root
expect_err "600" "tells to chmod 600"
chmod 600 "$KHIPU_DB.key"
expect 0 "the right key opens the register" -- user list --as root

printf 'garbage' > "$T/bad.db"
expect 6 "a file that is not a database fails clearly" -- --db "$T/bad.db" --key-file "$T/saved.key" user list --as root

# every command has --help, and its man page comes from the same text
for c in "init" "demo" "office add" "office list" "user add" "user list" "user lock" \
	"user unlock" "user passwd" "case add" "case list" "case show" "case event" \
	"case assign" "case transfer" \
	"person search" "audit verify" "audit show" "backup" "restore" "check" "key rotate" "codebook"; do
	# shellcheck disable=SC2086
	"$KHIPU" $c --help >"$T/help" 2>&1 && grep -q "^usage: khipu $c" "$T/help" ||
		{ not_ok "'$c --help'"; continue; }
	# shellcheck disable=SC2086
	"$KHIPU" man $c >"$T/man" 2>&1 && grep -q '^\.TH' "$T/man" &&
		summary=$(sed -n 3p "$T/help" | sed 's/\.$//') &&
		grep -qF -- "$(echo "$summary" | sed 's/-/\\-/g')" "$T/man" &&
		ok "'$c --help' and its man page agree" || not_ok "man page of '$c'"
done
expect 2 "an unknown command is refused" -- frobnicate
expect 2 "an unknown option is refused" -- case list --as root --colour
expect_err "unknown option '--colour'" "names the unknown option"
done_testing
