#!/bin/sh
# t0124 — the README's walk-through on a synthetic register runs as written:
# the block runs as one script (its KHIPU_DB aside: ours is private), every
# khipu command exits 0 and prints something, lists and searches find rows.
. "$KHIPU_LIB"
README="$(dirname "$KHIPU_LIB")/../../README.md"

# the first ```sh block after "Try it on a synthetic register"
awk '/Try it on a synthetic register/ { found = 1 }
	found && /^```sh/ { inblock = 1; next }
	inblock && /^```/ { exit }
	inblock { print }' "$README" >"$T/block"
n=$(grep -c '^khipu ' "$T/block")
[ "$n" -ge 8 ] && ok "the README block has $n commands" || not_ok "the README block has commands ($n)"
grep -q '^export KHIPU_DB=' "$T/block" && ok "it names its register with KHIPU_DB" ||
	not_ok "it names its register with KHIPU_DB"

# make a script of the block: khipu is the binary under test; after each
# command, one result line
{
	echo 'khipu() { "$KHIPU" "$@"; }'
	k=0
	while IFS= read -r line; do
		case $line in
		export\ KHIPU_DB=*|'') continue ;;
		esac
		k=$((k + 1))
		printf '%s\n' "$line" >"$T/line.$k"
		case $line in
		khipu\ *)
			printf '{ %s\n} >"$T/out" 2>"$T/err"; rc=$?\n' "$line"
			printf 'lines=$(wc -l <"$T/out"); want=1\n'
			printf 'case "$(cat "$T/line.%s")" in *" list "*|*" search "*) want=2 ;; esac\n' "$k"
			printf 'if [ $rc = 0 ] && [ "$lines" -ge $want ]; then echo "ok - %s"; else echo "not ok - %s (exit $rc, $lines lines: $(head -1 "$T/err"))"; fi\n' "$k" "$k" ;;
		*)
			printf '%s\n' "$line"
			printf 'echo "ok - %s"\n' "$k" ;;
		esac
	done <"$T/block"
} >"$T/script.sh"
T="$T" KHIPU="$KHIPU" sh "$T/script.sh" >"$T/results" 2>&1
while IFS= read -r line; do
	case $line in
	"ok - "*) k=${line#ok - }; ok "README: $(sed 's/[[:space:]]\{2,\}#.*//' "$T/line.$k")" ;;
	"not ok - "*) k=${line#not ok - }; k=${k%% *}
		not_ok "README: $(sed 's/[[:space:]]\{2,\}#.*//' "$T/line.$k") (${line#*(}" ;;
	*) not_ok "README block: $line" ;;
	esac
done <"$T/results"
done_testing
