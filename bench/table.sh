# bench/table.sh — sourced by each benchmark script: bench_row adds one row
# to `make bench`'s table (bench/all.sh) when KHIPU_BENCH_TABLE names its file:
#   bench_row GROUP FIGURE VALUE UNIT REFERENCE REF_VALUE
# UNIT "s", "ms", "us" (less is better) or "req/s", "MiB/s", "tps" (more is
# better); REFERENCE and REF_VALUE are what the same run measured to compare
# (empty when the figure has none). Tab-separated, one row a line.
bench_row() {
	[ -n "${KHIPU_BENCH_TABLE:-}" ] || return 0
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$4" "$5" "$6" >>"$KHIPU_BENCH_TABLE"
}
