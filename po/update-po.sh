#!/bin/sh
# update-po.sh — regenerate po/khipu.pot from the files listed in po/POTFILES
# and merge it into each po/<lang>.po of po/LINGUAS (msgmerge keeps existing
# translations, marks changed ones fuzzy and retires vanished ones as #~).
# Usage: sh po/update-po.sh [VERSION]   (or: ninja -C build update-po)
set -eu
po=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$po")
version=${1:-0}
list=$(mktemp)
pot=$(mktemp)
trap 'rm -f "$list" "$pot"' EXIT INT TERM
for f in $(sed -e 's/#.*//' "$po/POTFILES"); do
	if [ -f "$top/$f" ]; then
		echo "$f" >>"$list"
	else
		echo "update-po: '$f' is in po/POTFILES but does not exist; skipped" >&2
	fi
done
xgettext --directory="$top" --files-from="$list" --output="$pot" --force-po \
	--from-code=UTF-8 --language=C \
	--keyword=_ --keyword=N_ --keyword=i18n_gettext:2 --keyword=i18n_ngettext:2,3 \
	--flag=i18n_gettext:2:c-format --flag=i18n_ngettext:2:c-format \
	--flag=i18n_ngettext:3:c-format \
	--add-comments=TRANSLATORS: --add-location=file \
	--package-name=khipu --package-version="$version" \
	--copyright-holder='the Khipu developers' --msgid-bugs-address='see docs/translating.md'
if [ "$(grep -c '^msgid ' "$pot")" -le 1 ]; then   # the header only
	echo "update-po: no marked strings in the files of po/POTFILES;" \
		"refusing to empty the catalogues" >&2
	exit 1
fi
cp "$pot" "$po/khipu.pot"
for lang in $(sed -e 's/#.*//' "$po/LINGUAS"); do
	msgmerge --quiet --update --backup=none --previous "$po/$lang.po" "$po/khipu.pot"
	printf '%s: ' "$lang" >&2
	msgfmt --check --statistics -o /dev/null "$po/$lang.po"
done
