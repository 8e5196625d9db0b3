/* u-buf.c — unit tests for lib/buf, lib/arena and lib/kerr. */
#include <criterion/criterion.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/buf.h"
#include "lib/kerr.h"

Test(buf, appends_and_stays_terminated)
{
	struct buf b;

	buf_init(&b, 64);
	cr_assert_eq(buf_adds(&b, "carpeta"), 0);
	cr_assert_eq(buf_addf(&b, " %d-%s", 2024, "17"), 0);
	cr_assert_str_eq(b.s, "carpeta 2024-17");
	cr_assert_eq(b.len, strlen(b.s));
	buf_release(&b);
}

Test(buf, refuses_to_grow_past_cap)
{
	struct buf b;

	buf_init(&b, 8);
	cr_assert_eq(buf_adds(&b, "12345678"), 0);
	cr_assert_eq(buf_addc(&b, '9'), -1);
	cr_assert_eq(buf_addf(&b, "%s", "x"), -1);
	cr_assert_str_eq(b.s, "12345678", "a refused append leaves the buffer unchanged");
	buf_release(&b);
}

Test(buf, detach_hands_ownership)
{
	struct buf b;
	size_t n;
	char *s;

	buf_init(&b, 100);
	cr_assert_eq(buf_adds(&b, "abc"), 0);
	s = buf_detach(&b, &n);
	cr_assert_str_eq(s, "abc");
	cr_assert_eq(n, 3);
	cr_assert_eq(b.len, 0);
	cr_assert_null(b.s);
	free(s);
}

Test(arena, allocations_are_zeroed_and_survive_many_chunks)
{
	struct arena a;
	char *first, *p = NULL;
	int i;

	arena_init(&a);
	first = arena_strdup(&a, "primero");
	for (i = 0; i < 10000; i++)
		p = arena_printf(&a, "fila %d", i);
	cr_assert_str_eq(first, "primero");
	cr_assert_str_eq(p, "fila 9999");
	cr_assert_null(arena_strdup(&a, NULL));
	unsigned char *z = arena_alloc(&a, 100000);
	for (i = 0; i < 100000; i++)
		cr_assert_eq(z[i], 0);
	arena_release(&a);
}

Test(kerr, field_prefixes_message_and_maps_exit_status)
{
	struct kerr e;

	cr_assert_eq(kerr_field(&e, KERR_INVALID, "persons[0].birth_date", "'%s' is not a date", "2023-02-30"),
		KERR_INVALID);
	cr_assert_str_eq(e.msg, "persons[0].birth_date: '2023-02-30' is not a date");
	cr_assert_str_eq(e.field, "persons[0].birth_date");
	cr_assert_eq(kerr_exit_status(KERR_OK), 0);
	cr_assert_eq(kerr_exit_status(KERR_INVALID), 2);
	cr_assert_eq(kerr_exit_status(KERR_DENIED), 4);
	cr_assert_str_eq(kerr_name(KERR_NOTFOUND), "not_found");
}
