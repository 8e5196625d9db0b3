#!/bin/sh
# t0529 — an --out that is not a regular file (a FIFO here; /dev/null or
# /dev/stdout in use) is written in place, never replaced: the pairs file is
# otherwise written to a temporary file and renamed over the path, which as
# root replaced /dev/null with a plain file once.
. "$KHIPU_LIB"
cat > "$T/p.csv" <<'CSV'
id,nombres,apellidos,nacimiento
a1,Rosa,Quispe Mamani,1990-04-11
a2,Roza,Quispe Mamani,1990-04-11
a3,Juan,Pérez Huamán,1985-01-02
a4,Maritza,Condori Apaza,2001-07-30
CSV
mkfifo "$T/fifo"
timeout 30 cat "$T/fifo" >"$T/got" &   # bounded: a FIFO renamed over is never opened
reader=$!
expect 0 "link dedup writes its pairs into a FIFO" -- link dedup --csv "$T/p.csv" --id id \
	--fields nombres,apellidos,nacimiento:date --threshold 0.5 --out "$T/fifo"
wait "$reader"
[ -p "$T/fifo" ] && ok "the FIFO is still a FIFO (not renamed over)" || not_ok "the FIFO was replaced"
head -1 "$T/got" | grep -q "^a_id,b_id,probability" && ok "the reader got the pairs" ||
	not_ok "the reader got: $(head -2 "$T/got")"
ls "$T" | grep -q "tmp-" && not_ok "no temporary file is left" || ok "no temporary file is left"
expect 0 "a regular file is still written whole" -- link dedup --csv "$T/p.csv" --id id \
	--fields nombres,apellidos,nacimiento:date --threshold 0.5 --out "$T/pairs.csv"
[ -f "$T/pairs.csv" ] && cmp -s "$T/pairs.csv" "$T/got" && ok "the same pairs in the file" ||
	not_ok "file and FIFO differ"
done_testing
