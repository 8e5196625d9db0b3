#!/bin/sh
# t0450 — the /stats dashboard: who may see it, its tables equal
# `khipu stats --format csv` on the same register for the same filters (the
# page's numbers, the CSV download's, the command's), the CSV download's
# headers, charts as inline SVG under the strict CSP, bad filters.
. "$KHIPU_LIB"
. "$(dirname "$KHIPU_LIB")/web.sh"

fresh_demo 60
start_server
A="--as demo-analyst"
OFFICE=$(sqlite3 "$KHIPU_DB" "SELECT o.code FROM cases c JOIN offices o ON o.id = c.office_id
	GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
REGION=$(sqlite3 "$KHIPU_DB" "SELECT place_department FROM cases WHERE place_department IS NOT NULL
	GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")
REGION2=$(sqlite3 "$KHIPU_DB" "SELECT place_department FROM cases c JOIN offices o ON o.id = c.office_id
	WHERE o.code = '$OFFICE' AND place_department IS NOT NULL GROUP BY 1 ORDER BY count(*) DESC, 1 LIMIT 1")

for r in admin prosecutor police analyst auditor liaison; do login "demo-$r" "$T/jar-$r" >/dev/null; done

# ---- who may ----
for r in analyst prosecutor; do
	http "$T/jar-$r" GET "/stats?lang=en"
	expect_code 200 "$r opens /stats"
	grep -q 'href="/stats"' "$T/body" && ok "$r: the navigation links the dashboard" ||
		not_ok "$r: navigation link"
done
for r in admin police auditor liaison; do
	http "$T/jar-$r" GET "/stats?lang=en"
	expect_code 403 "$r may not open /stats"
	grep -q '<svg' "$T/body" && not_ok "$r: a refusal shows no chart" || ok "$r: a refusal shows no chart"
	http "$T/jar-$r" GET "/stats.csv?table=victims_by_year"
	expect_code 403 "$r may not download a table"
	http "$T/jar-$r" GET "/cases?lang=en"
	grep -q 'href="/stats"' "$T/body" && not_ok "$r: no link to the dashboard" ||
		ok "$r: no link to the dashboard"
done
rm -f "$T/anon"
http "$T/anon" GET /stats
expect_code 303 "without a session /stats sends to the sign-in"
http "$T/anon" GET "/stats.csv?table=victims_by_year"
expect_code 303 "without a session no CSV"

# ---- the page: charts, accessible tables, CSP ----
section() {   # section ID <page: the <section> of table ID, alone
	sed 's/<section/\n<section/g;s/<\/section>/<\/section>\n/g' | grep "^<section class=\"stat\" id=\"$1\">"
}
J="$T/jar-analyst"
http "$J" GET "/stats?lang=en"
for id in victims_by_year victims_by_age victims_by_exploitation region_matrix funnel sentences assets; do
	section "$id" <"$T/body" >"$T/sec"
	if grep -q '<svg xmlns="http://www.w3.org/2000/svg"' "$T/sec" && grep -q '<caption>' "$T/sec" &&
	    grep -q '<th scope="col">' "$T/sec" && grep -q "href=\"/stats.csv?table=$id" "$T/sec"; then
		ok "$id: a chart, a captioned table and its CSV link"
	else
		not_ok "$id: chart, table, CSV link"
	fi
done
grep -q '<th scope="row">' "$T/body" && ok "row headings have scope" || not_ok "row headings"
grep -qi '<script' "$T/body" && not_ok "no script in the page" || ok "no script in the page"
grep -qi "^Content-Security-Policy: default-src 'none'; style-src 'self'" "$T/hdr" &&
	! grep -qi 'unsafe' "$T/hdr" && ok "the strict CSP is kept" || not_ok "strict CSP"
grep -q 'Archived' "$T/body" && grep -q 'Median months since the complaint' "$T/body" &&
	ok "the funnel has the archive rate and the median months" || not_ok "funnel columns"

# numbers in a section of the page (English grouping removed), one a line
page_numbers() {
	section "$1" <"$T/page" | grep -o '<td class="num">[^<]*</td>' | sed 's/<[^>]*>//g;s/,//g'
}
# numbers of a CSV download (all columns after the label), one a line
csv_numbers() {
	tail -n +2 "$T/csv" | tr -d '\r' | awk -F, '{ for (i = 2; i <= NF; i++) print $i }'
}
# the last column of a CSV download: label,total
csv_totals() {
	tail -n +2 "$T/csv" | tr -d '\r' | awk -F, '{ print $1 "," $NF }'
}
cli() {   # cli ARGS... -> $T/cli without its header line
	"$KHIPU" stats $A "$@" --format csv >"$T/cli.raw" 2>"$T/cli.err" || {
		not_ok "khipu stats $*"; sed 's/^/    # /' "$T/cli.err"; }
	tail -n +2 "$T/cli.raw" | tr -d '\r' >"$T/cli"
}
sum() { awk -F, '{ s += $NF } END { printf "%.2f\n", s }'; }
same() {   # same WHAT FILE1 FILE2
	if cmp -s "$2" "$3"; then ok "$1"; else not_ok "$1"; diff "$2" "$3" | head -6 | sed 's/^/    # /'; fi
}

# check_filters QUERY CLI-ARGS...: every table of the page equals its CSV,
# and the CSV equals khipu stats for the same filters
check_filters() {
	q=$1; shift
	http "$J" GET "/stats?lang=en$q"
	expect_code 200 "the dashboard with filters '$q'"
	cp "$T/body" "$T/page"
	for id in victims_by_year victims_by_age victims_by_exploitation victims_by_nationality \
		region_matrix funnel suspects_by_outcome sentences assets; do
		http "$J" GET "/stats.csv?table=$id&lang=en$q"
		cp "$T/body" "$T/csv"
		page_numbers "$id" >"$T/a"
		csv_numbers >"$T/b"
		same "$q: $id, the page's numbers are the CSV's" "$T/a" "$T/b"
		[ "$id" = victims_by_year ] && { [ -s "$T/a" ] && ok "$q: the page has numbers" ||
			not_ok "$q: the page has numbers"; }
	done
	http "$J" GET "/stats.csv?table=victims_by_year&lang=en$q"; cp "$T/body" "$T/csv"
	csv_totals >"$T/a"
	cli --by year --where source=register "$@"
	same "$q: victims by year = khipu stats --by year" "$T/cli" "$T/a"
	cut -d, -f1 "$T/a" | grep -v '^unknown$' >"$T/y"
	sort -n "$T/y" | cmp -s - "$T/y" && ok "$q: years keep their order" ||
		not_ok "$q: years keep their order: $(tr '\n' ' ' <"$T/y")"
	http "$J" GET "/stats.csv?table=victims_by_exploitation&lang=en$q"; cp "$T/body" "$T/csv"
	csv_numbers | sort -n >"$T/a"
	cli --by exploitation --where source=register "$@"
	cut -d, -f2 "$T/cli" | sort -n >"$T/b"
	same "$q: victims by exploitation = khipu stats --by exploitation" "$T/b" "$T/a"
	# a category without an order of its own reads most frequent first, unknown last
	tail -n +2 "$T/csv" | tr -d '\r' | awk -F, '
		$1 == "unknown" { u = 1; next }
		u { bad = "a row after unknown" }
		NR > 1 && $NF + 0 > prev { bad = "row " NR " (" $NF ") above the one before (" prev ")" }
		{ prev = $NF + 0 }
		END { if (bad != "") { print bad; exit 1 } }' >"$T/why" &&
		ok "$q: exploitation rows most frequent first" ||
		not_ok "$q: exploitation rows most frequent first: $(cat "$T/why")"
	http "$J" GET "/stats.csv?table=victims_by_age&lang=en$q"; cp "$T/body" "$T/csv"
	csv_totals | cut -d, -f2 | sort -n >"$T/a"
	cli --by age_band --where source=register "$@"
	cut -d, -f2 "$T/cli" | sort -n >"$T/b"
	same "$q: victims by age band = khipu stats --by age_band" "$T/b" "$T/a"
	http "$J" GET "/stats.csv?table=region_matrix&lang=en$q"; cp "$T/body" "$T/csv"
	csv_numbers | sum >"$T/a"
	cli --by origin_region,exploitation_region --where source=register "$@"
	sum <"$T/cli" >"$T/b"
	same "$q: the region matrix adds up to khipu stats --by origin_region,exploitation_region" \
		"$T/b" "$T/a"
	http "$J" GET "/stats.csv?table=funnel&lang=en$q"; cp "$T/body" "$T/csv"
	grep '^Complaints,' "$T/csv" | cut -d, -f2 | tr -d '\r' >"$T/a"
	cli --by stage --measure cases "$@"
	awk -F, '{ s += $NF } END { print s + 0 }' "$T/cli" >"$T/b"
	same "$q: the funnel's complaints = khipu stats --measure cases" "$T/b" "$T/a"
	grep '^Archived,' "$T/csv" | cut -d, -f2 | tr -d '\r' >"$T/a"
	awk -F, '$1 == "archive" || $1 == "provisional_archive" { s += $NF } END { print s + 0 }' "$T/cli" >"$T/b"
	same "$q: the funnel's archived = khipu stats, archive stages" "$T/b" "$T/a"
	http "$J" GET "/stats.csv?table=sentences&lang=en$q"; cp "$T/body" "$T/csv"
	csv_totals | cut -d, -f2 | sort -n >"$T/a"
	cli --by sentence_years --measure convictions "$@"
	cut -d, -f2 "$T/cli" | sort -n >"$T/b"
	same "$q: sentences = khipu stats --measure convictions --by sentence_years" "$T/b" "$T/a"
	http "$J" GET "/stats.csv?table=assets&lang=en$q"; cp "$T/body" "$T/csv"
	csv_numbers | sort -n >"$T/a"
	cli --by asset_measure --measure assets_value "$@"
	cut -d, -f2 "$T/cli" | sort -n >"$T/b"
	same "$q: assets = khipu stats --measure assets_value --by asset_measure" "$T/b" "$T/a"
}
check_filters ""
check_filters "&from=2019&to=2022" --from 2019 --to 2022
check_filters "&office=$OFFICE" --where "office=$OFFICE"
check_filters "&region=$REGION&from=2018" --from 2018 --where "region=$REGION"
check_filters "&office=$OFFICE&region=$REGION2" --where "office=$OFFICE" --where "region=$REGION2"
# the filters narrow: the office's victims are fewer than all
http "$J" GET "/stats.csv?table=victims_by_year&lang=en"; cp "$T/body" "$T/csv"; all=$(csv_totals | cut -d, -f2 | sum)
http "$J" GET "/stats.csv?table=victims_by_year&lang=en&office=$OFFICE"; cp "$T/body" "$T/csv"
one=$(csv_totals | cut -d, -f2 | sum)
awk "BEGIN { exit !($one > 0 && $one < $all) }" && ok "an office's victims are some of all ($one of $all)" ||
	not_ok "office filter narrows ($one of $all)"

# ---- the CSV download ----
http "$J" GET "/stats.csv?table=victims_by_year&from=2019&to=2022&lang=en"
expect_code 200 "a CSV download"
grep -qi '^Content-Type: text/csv; charset=utf-8' "$T/hdr" && ok "CSV content type" || not_ok "CSV content type"
grep -qi '^Content-Disposition: attachment; filename="khipu-victims_by_year.csv"' "$T/hdr" &&
	ok "CSV as an attachment with its name" || not_ok "Content-Disposition"
head -1 "$T/body" | grep -q '^Year,' && ok "CSV header row" || not_ok "CSV header row"
tail -n +2 "$T/body" | cut -d, -f1 | tr -d '\r' | sort -u | tr '\n' ' ' >"$T/a"
[ "$(cat "$T/a")" = "2019 2020 2021 2022 " ] && ok "CSV rows are the filtered years" ||
	not_ok "CSV years ($(cat "$T/a"))"
grep -q "$(printf '\r$')" "$T/body" && ok "CSV lines end in CRLF" || not_ok "CRLF"
http "$J" GET "/stats.csv?table=victims_by_year&lang=es"
head -1 "$T/body" | grep -q '^Año,' && ok "CSV labelled in Spanish" || not_ok "Spanish CSV ($(head -1 "$T/body"))"
http "$J" GET "/stats.csv?table=funnel&lang=en"
grep -q '^Complaints,[0-9]*,100.0,' "$T/body" && ok "CSV decimals written with a point" ||
	not_ok "CSV decimals"
http "$J" GET "/stats.csv?table=victims_by_age&lang=en"
tail -n +2 "$T/body" | cut -d, -f1 | grep -v unknown | sed 's/-.*//;s/+//' >"$T/a"
sort -n "$T/a" >"$T/b"
[ -s "$T/a" ] && cmp -s "$T/a" "$T/b" && ok "age bands in age order" || not_ok "age order ($(tr '\n' ' ' <"$T/a"))"
http "$J" GET "/stats.csv?table=no_such_table&lang=en"
expect_code 404 "an unknown table is 404"
grep -q 'Unknown table' "$T/body" && ok "an unknown table says so" || not_ok "unknown table message"
http "$J" GET "/stats.csv?lang=en"
expect_code 400 "a CSV without a table is 400"
http "$J" GET "/stats.csv?table=funnel&from=20x9&lang=en"
expect_code 400 "a CSV with a bad filter is 400"

# ---- bad filters: 400, a clear message, the form kept ----
bad() {   # bad QUERY MESSAGE
	http "$J" GET "/stats?lang=en$1"
	expect_code 400 "bad filter '$1' is 400"
	grep -q "role=\"alert\">$2" "$T/body" && ok "bad filter '$1': '$2'" ||
		not_ok "bad filter '$1' message"
	grep -q '<form class="filters" method="get" action="/stats"' "$T/body" &&
		ok "bad filter '$1': the form is kept" || not_ok "the form is kept"
	grep -q '<svg' "$T/body" && not_ok "bad filter '$1': no chart" || ok "bad filter '$1': no chart"
}
bad "&from=20x9" "The first year must be a year such as 2019."
bad "&to=99999" "The last year must be a year such as 2024."
bad "&from=2023&to=2019" "The first year comes after the last one"
bad "&region=99" "Unknown region."
bad "&office=NO-SUCH-OFFICE" "Unknown office."
http "$J" GET "/stats?lang=en&from=%3Cscript%3Ex%3C/script%3E"
expect_code 400 "markup in a filter is refused"
grep -q 'value="&lt;script&gt;x&lt;/script&gt;"' "$T/body" && ! grep -q '<script>x' "$T/body" &&
	ok "what was typed is kept, escaped" || not_ok "typed value kept escaped"
http "$J" GET "/stats?lang=es&from=2023&to=2019"
expect_code 400 "a bad filter in Spanish"
grep -q 'role="alert">El primer año' "$T/body" && ok "the message in Spanish" || not_ok "Spanish message"
http "$J" GET "/stats?lang=es"
grep -q '<h1>Estadísticas</h1>' "$T/body" && grep -q 'Víctimas por año y sexo' "$T/body" &&
	ok "the dashboard in Spanish" || not_ok "Spanish dashboard"

stop_server
done_testing
