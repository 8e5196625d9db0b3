#!/bin/sh
# t0120 — the command line speaks Spanish by default and English with
# KHIPU_LANG=en; --help and 'khipu man' come from the same (translated) text;
# data formats (CSV headers, JSON fields, codes) do not change with the language.
. "$KHIPU_LIB"

# the harness runs with KHIPU_LANG=en; these run the binary with no language
# set at all (Spanish, the default), or with one named
es() { env -u KHIPU_LANG -u LANGUAGE -u LC_ALL -u LC_MESSAGES -u LANG "$KHIPU" "$@" >"$T/out" 2>"$T/err"; rc=$?; }
en() { KHIPU_LANG=en "$KHIPU" "$@" >"$T/out" 2>"$T/err"; rc=$?; }

es init
[ "$rc" = 0 ] && ok "init in Spanish" || not_ok "init in Spanish (exit $rc)"
expect_out "registro '.*' creado con el archivo de clave" "init reports in Spanish by default"
expect_out "guarde el archivo de clave" "init warns about the key in Spanish"
"$KHIPU" demo --cases 5 --seed 3 --password "$DEMO_PW" >/dev/null

es case list --as demo-prosecutor --stage bogus
[ "$rc" = 2 ] && ok "a bad stage is exit 2 in Spanish too" || not_ok "a bad stage is exit 2 in Spanish too ($rc)"
expect_err "etapa desconocida 'bogus'; vea 'khipu codebook stage'" "usage errors are Spanish and say what to do"
expect_err "^uso: khipu case list" "the usage line is Spanish"
en case list --as demo-prosecutor --stage bogus
expect_err "unknown stage 'bogus'; see 'khipu codebook stage'" "the same error in English"
expect_err "^usage: khipu case list" "the usage line in English"

es case list --as demo-prosecutor
head -1 "$T/out" | grep -q "número.*oficina.*etapa.*víctimas" && ok "table headers in Spanish" ||
	not_ok "table headers in Spanish ($(head -1 "$T/out"))"
en case list --as demo-prosecutor
head -1 "$T/out" | grep -q "number.*office.*stage.*victims" && ok "table headers in English" ||
	not_ok "table headers in English"
es case list --as demo-prosecutor --format csv
head -1 "$T/out" | grep -q "^id,number,office,complaint,region,stage,victims,suspects,assigned to,term due" &&
	ok "CSV headers stay the stable English names in Spanish" || not_ok "CSV headers stay stable ($(head -1 "$T/out"))"
es case list --as demo-prosecutor --format json
grep -q '"complaint_date"' "$T/out" && ! grep -q '"fecha' "$T/out" &&
	ok "JSON field names do not change with the language" || not_ok "JSON field names do not change"

# case show, for people: codebook labels in the user's language (the stage
# keeps its code, which --stage takes)
id=$("$KHIPU" case list --as demo-prosecutor --limit 1 --format csv | sed -n '2s/,.*//p')
es case show "$id" --as demo-prosecutor
expect_out "^etapa: .*\[[a-z_]*\]$" "case show: the stage label, with its code"
expect_out "^  Víctima  " "case show: person roles in Spanish"
expect_out "explotación: " "case show: field names in Spanish"
en case show "$id" --as demo-prosecutor
expect_out "^stage: .*\[[a-z_]*\]$" "case show: the stage in English, with its code"
expect_out "^  Victim  " "case show: person roles in English"

es user list
expect_out "bloqueado" "user list header in Spanish"
expect_out " no$" "'no' for unlocked"
es codebook
expect_out "códigos" "codebook counts in Spanish (plural)"
es user lock nadie
[ "$rc" = 3 ] && ok "an unknown user is 'not found'" || not_ok "an unknown user is 'not found' ($rc)"
es case show
expect_err "falta el argumento ID|NUMBER" "a missing argument is named, in Spanish"
en user add
expect_err "missing argument NAME" "a missing argument is named, in English"
es frobnicate
expect_err "no es un comando de khipu; vea 'khipu --help'" "an unknown command in Spanish"
es case list --as demo-prosecutor --colour
expect_err "opción desconocida '--colour'" "an unknown option in Spanish"
es audit verify
expect_out "bitácora de auditoría intacta" "audit verify reports in Spanish"
en audit verify
expect_out "audit trail intact" "audit verify reports in English"

# messages of the layers below the command line (policy, validation, keys)
es case show 1 --as demo-analyst --reveal
[ "$rc" = 4 ] && ok "an analyst's reveal is denied" || not_ok "an analyst's reveal is denied ($rc)"
expect_err "no puede 'identity.reveal_other'; roles que pueden: prosecutor, police, liaison" \
	"a refusal in Spanish names the roles that may"
en case show 1 --as demo-analyst --reveal
expect_err "may not 'identity.reveal_other'; roles that may: prosecutor, police, liaison" \
	"the same refusal in English"
es case event 1 --as demo-prosecutor --stage trial --date 2024-02-30
expect_err "date: '2024-02-30' no es una fecha real (use AAAA-MM-DD)" \
	"a validation error in Spanish keeps the field name"
printf '{"number": 5}' >"$T/bad.json"
es case add --as demo-prosecutor --json "$T/bad.json"
expect_err "number: se esperaba una cadena de texto" "a case document error in Spanish"
es --key-file "$T/nowhere.key" case list --as demo-prosecutor
[ "$rc" = 6 ] && ok "a missing key file is exit 6" || not_ok "a missing key file is exit 6 ($rc)"
expect_err "no existe; indique su ruta con --key-file" "a key file error in Spanish says what to do"
en --key-file "$T/nowhere.key" case list --as demo-prosecutor
expect_err "does not exist; give its path with --key-file" "the same in English"

# the language can also come from the usual locale variables
env -u KHIPU_LANG -u LANGUAGE -u LC_ALL -u LC_MESSAGES LANG=en_GB.UTF-8 "$KHIPU" audit verify >"$T/out" 2>&1
expect_out "audit trail intact" "LANG=en_GB selects English"
env -u KHIPU_LANG LANG=en_GB.UTF-8 KHIPU_LANG=es "$KHIPU" audit verify >"$T/out" 2>&1
expect_out "bitácora" "KHIPU_LANG wins over LANG"

# overview and help in both languages
es --help
expect_out "^uso: khipu" "overview in Spanish"
expect_out "Registrar un caso a partir de un documento de caso JSON" "command summaries translated"
es case add --help
expect_out "^opciones:" "help sections in Spanish"
expect_out "^ejemplos:" "help has examples"
expect_out "^estado de salida:" "help has the exit statuses"
expect_out "el documento de caso; '-' lee la entrada estándar" "option help translated"
en case add --help
expect_out "^options:" "help sections in English"
expect_out "^exit status:" "exit statuses in English"
expect_out "the case document; '-' reads standard input" "option help in English"

# --help and the man page come from the same text, in each language: the
# summary, every line of the description and every option's help are in both
norm() { sed -e 's/\\-/-/g' -e 's/\\&//g' -e 's/\\e/\\/g'; }
for lang in es en; do
	for c in "init" "demo" "office add" "office list" "user add" "user list" "user lock" \
		"user unlock" "user passwd" "case add" "case list" "case show" "case event" \
		"person search" "audit verify" "audit show" "backup" "restore" "check" "key rotate" \
		"codebook" "help" "man"; do
		# shellcheck disable=SC2086
		KHIPU_LANG=$lang "$KHIPU" $c --help >"$T/help" 2>&1
		# shellcheck disable=SC2086
		KHIPU_LANG=$lang "$KHIPU" man $c 2>&1 | norm >"$T/man"
		# shellcheck disable=SC2086
		KHIPU_LANG=$lang "$KHIPU" help $c >"$T/help2" 2>&1
		missing=""
		# description: from line 5 to the blank line before the options
		sed -n '5,/^$/p' "$T/help" | sed '/^$/d' >"$T/desc"
		summary=$(sed -n 3p "$T/help" | sed 's/\.$//')
		{ echo "$summary"; cat "$T/desc"; } | while IFS= read -r line; do
			grep -qF -- "$line" "$T/man" || echo "$line"
		done >"$T/missing"
		# option help texts (the part after the option column)
		sed -n '/^\(opciones\|options\):$/,/^$/p' "$T/help" | grep '^  --' | grep -v -- '--help ' |
			sed 's/^  --[^ ]*\( [A-Z|]*\)\{0,1\} *//' | while IFS= read -r h; do
			grep -qF -- "$h" "$T/man" || echo "$h"
		done >>"$T/missing"
		if [ -s "$T/missing" ] || [ ! -s "$T/desc" ]; then
			not_ok "$lang: '$c --help' and 'khipu man $c' differ: $(head -2 "$T/missing")"
		elif ! cmp -s "$T/help" "$T/help2"; then
			not_ok "$lang: 'khipu help $c' is not '$c --help'"
		else
			ok "$lang: '$c --help', 'khipu help $c' and its man page agree"
		fi
	done
done
# the two languages really differ (the man page is translated, not just the help)
KHIPU_LANG=es "$KHIPU" man backup >"$T/man-es"
KHIPU_LANG=en "$KHIPU" man backup >"$T/man-en"
grep -q "copia de respaldo" "$T/man-es" && ! grep -q "copia de respaldo" "$T/man-en" &&
	ok "the man page follows the language" || not_ok "the man page follows the language"
# every man page is valid roff, in both languages (-k: UTF-8 input via preconv)
if command -v groff >/dev/null 2>&1; then
	: >"$T/groff"
	for lang in es en; do
		for c in "init" "case add" "case show" "person search" "backup" "key rotate" "audit show"; do
			# shellcheck disable=SC2086
			KHIPU_LANG=$lang "$KHIPU" man $c | groff -k -man -Tutf8 -ww -z 2>>"$T/groff"
		done
	done
	[ ! -s "$T/groff" ] && ok "groff accepts the man pages" ||
		not_ok "groff accepts the man pages: $(head -2 "$T/groff")"
fi
done_testing
