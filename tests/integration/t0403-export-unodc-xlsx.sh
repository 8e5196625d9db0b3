#!/bin/sh
# t0403 — khipu export unodc (GLOTIP tables) and export xlsx (the standard
# tables, one sheet each, in the user's language): totals checked against the
# case tables with sqlite3 or psql (db_sql), the workbook opened with python3's zipfile.
. "$KHIPU_LIB"
fresh_demo 300
A="--as demo-analyst"
Y=2022
V="FROM participations p JOIN cases c ON c.id = p.case_id WHERE substr(c.complaint_date, 1, 4) = '$Y'"

expect 0 "export unodc as json" -- export unodc $A --year $Y --format json
python3 - "$T/out" >"$T/sums" <<'PY'
import json, sys
rows = json.load(open(sys.argv[1]))
victims = [r for r in rows if r['indicator'] == 'Detected trafficking victims']
tot = [r for r in victims if r['dimension'] == 'Total' and r['sex'] == 'Total']
parts = [r for r in victims if r['dimension'] == 'Total' and r['sex'] != 'Total']
assert len(tot) == 1 and tot[0]['value'] == sum(r['value'] for r in parts)
assert all(r['age'] in ('0 to 17 years', '18 years or over', 'Unknown') for r in parts)
assert all(r['year'] == 2022 for r in rows)
# the persons' totals: the rows of the dimension Total by sex (not their total row)
def s(ind): return sum(r['value'] for r in rows if r['indicator'] == ind
                       and r['dimension'] == 'Total' and r['sex'] != 'Total')
for ind in ('Persons prosecuted', 'Persons convicted'):
    t = [r['value'] for r in rows if r['indicator'] == ind and r['sex'] == 'Total']
    assert t == [s(ind)], (ind, t, s(ind))
    for dim in ('by citizenship', 'by article of the Penal Code'):
        assert sum(r['value'] for r in rows if r['indicator'] == ind and r['dimension'] == dim) == s(ind), (ind, dim)
print(tot[0]['value'], s('Persons suspected'), s('Persons prosecuted'), s('Persons convicted'))
PY
read -r tv ts tp tc <"$T/sums"
[ "$tv" = "$(db_sql "SELECT count(*) $V AND p.role = 'victim'")" ] &&
	ok "detected victims of $Y = the register's ($tv)" || not_ok "detected victims of $Y ($tv)"
[ "$ts" = "$(db_sql "SELECT count(*) $V AND p.role = 'suspect'")" ] &&
	ok "persons suspected = the register's suspects" || not_ok "persons suspected ($ts)"
J="FROM participations p WHERE p.role = 'suspect' AND p.removed_in IS NULL"
[ "$tc" = "$(db_sql "SELECT count(*) $J AND substr(p.convicted_on, 1, 4) = '$Y'")" ] &&
	ok "persons convicted = convictions in force judged in $Y ($tc)" || not_ok "persons convicted ($tc)"
[ "$tp" = "$(db_sql "SELECT count(*) $J AND substr(p.prosecuted_on, 1, 4) = '$Y'")" ] &&
	ok "persons prosecuted = first indicted or judged in $Y ($tp)" || not_ok "persons prosecuted ($tp)"
expect 0 "export unodc as csv" -- export unodc $A --year $Y --format csv
head -1 "$T/out" | grep -q "^indicator,dimension,category,sex,age,year,value" && ok "csv in UNODC's long format" ||
	not_ok "csv in UNODC's long format"
expect 2 "a year that is not one" -- export unodc $A --year 22
expect 2 "no year" -- export unodc $A
expect 4 "a prosecutor may not export" -- export unodc --as demo-prosecutor --year $Y

# the workbook, in English and in Spanish
expect 0 "export xlsx" -- export xlsx $A --out "$T/en.xlsx"
sheet() {
	python3 - "$@" <<'PY'
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = sorted(n for n in z.namelist() if re.match(r'xl/worksheets/sheet\d+\.xml', n))
strings = re.findall(r'<t[^>]*>([^<]*)</t>', z.read('xl/sharedStrings.xml').decode())
book = z.read('xl/workbook.xml').decode()
titles = re.findall(r'<sheet name="([^"]*)"', book)
if sys.argv[2] == 'titles':
    print(len(names)); print('\n'.join(titles))
else:
    # sheet 1: the Total column (last) of the data rows, summed
    x = z.read('xl/worksheets/sheet1.xml').decode()
    total = 0
    for row in re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', x):
        if int(row[0]) >= 4:
            vals = re.findall(r'<c r="[A-Z]+\d+"(?: s="\d+")?><v>([^<]*)</v></c>', row[1])
            if vals: total += float(vals[-1])
    print(int(total))
PY
}
sheet "$T/en.xlsx" titles >"$T/titles"
[ "$(head -1 "$T/titles")" = 11 ] && ok "eleven sheets" || not_ok "eleven sheets ($(head -1 "$T/titles"))"
grep -q "^1 Victims by year and sex" "$T/titles" && ok "English sheet names" || not_ok "English sheet names"
[ "$(sheet "$T/en.xlsx" total)" = "$(db_sql "SELECT count(*) FROM participations WHERE role = 'victim'")" ] &&
	ok "the victims of sheet 1 add up to the register's" || not_ok "the victims of sheet 1 add up to the register's"
KHIPU_LANG=es run export xlsx $A --out "$T/es.xlsx"
[ "$rc" = 0 ] && ok "export xlsx in Spanish" || not_ok "export xlsx in Spanish"
sheet "$T/es.xlsx" titles >"$T/titles-es"
grep -q "^1 Víctimas por año y sexo" "$T/titles-es" && ok "Spanish sheet names" ||
	not_ok "Spanish sheet names"
python3 -c "
import zipfile, re; s = zipfile.ZipFile('$T/es.xlsx').read('xl/sharedStrings.xml').decode()
assert 'Explotación sexual' in s and 'Femenino' in s" && ok "Spanish codebook labels" || not_ok "Spanish codebook labels"
expect 0 "export xlsx for 2020-2021" -- export xlsx $A --out "$T/y.xlsx" --from 2020 --to 2021
[ "$(sheet "$T/y.xlsx" total)" = "$(db_sql "SELECT count(*) FROM participations p JOIN cases c ON c.id = p.case_id WHERE role = 'victim' AND substr(c.complaint_date, 1, 4) BETWEEN '2020' AND '2021'")" ] &&
	ok "a year range narrows the workbook" || not_ok "a year range narrows the workbook"
expect 5 "an existing file is not overwritten" -- export xlsx $A --out "$T/en.xlsx"
expect 2 "an empty year range" -- export xlsx $A --out "$T/z.xlsx" --from 2021 --to 2020
expect 2 "no --out" -- export xlsx $A
expect 4 "the police may not export" -- export xlsx --as demo-police --out "$T/p.xlsx"
[ -e "$T/z.xlsx" ] || [ -e "$T/p.xlsx" ] && not_ok "refused exports write no file" || ok "refused exports write no file"
# the funnel sheet: complaints and archive rate by the current stage (its
# other steps are checked against an independent count in t0410-outcomes)
python3 - "$T/en.xlsx" "$KHIPU_DB" "$PGDB" <<'PY' && ok "the funnel: complaints and the archive rate agree with the case tables" || not_ok "the funnel: complaints and the archive rate agree with the case tables"
import csv, io, re, subprocess, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
ss = re.findall(r'<t[^>]*>([^<]*)</t>', z.read('xl/sharedStrings.xml').decode())
rows = {}
for r, body in re.findall(r'<row r="(\d+)"[^>]*>(.*?)</row>', z.read('xl/worksheets/sheet6.xml').decode()):
    label = re.findall(r't="s"><v>(\d+)', body)
    nums = [float(v) for v in re.findall(r'<c r="[B-Z]\d+"(?: s="\d+")?><v>([^<]*)</v>', body)]
    if label and nums: rows[ss[int(label[0])]] = nums
def query(q):
    cmd = (['psql', sys.argv[2], '-X', '-q', '-t', '--csv', '-v', 'ON_ERROR_STOP=1', '-c', q]
           if sys.argv[3] else ['sqlite3', '-csv', sys.argv[2], q])
    return list(csv.reader(io.StringIO(subprocess.run(cmd, check=True, capture_output=True,
        text=True).stdout)))
one = lambda q: float(query(q)[0][0])
assert rows['Complaints'][0] == one("SELECT count(*) FROM cases"), rows
arch = one("SELECT count(*) FROM cases WHERE stage IN ('archive', 'provisional_archive')")
assert rows['Archived'][0] == arch
assert abs(rows['Archived'][1] - round(1000 * arch / rows['Complaints'][0]) / 10) < 0.051, rows['Archived']
assert rows['Convicted'][0] <= rows['Judged'][0] <= rows['Formalised investigation'][0], rows
PY
done_testing
