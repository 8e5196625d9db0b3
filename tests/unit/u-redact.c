/*
 * u-redact.c — masking identity values inside free text (lib/redact.c).
 */
#include <criterion/criterion.h>
#include <string.h>

#include "lib/arena.h"
#include "lib/redact.h"

static struct arena a;
static struct redact *r;

static void
setup(void)
{
	arena_init(&a);
	r = redact_new(&a);
	redact_add_name(r, "Rosalinda Ccahuana Ttito");
	redact_add_name(r, "la Chola");
	redact_add_address(r, "Jr. Las Orquideas 455, Sicuani");
	redact_add_value(r, "71234567");
	redact_add_value(r, "+51 987 654 321");
	redact_add_value(r, "ana.q@correo.pe");
	redact_add_value(r, "ABC-123");
}

static void
teardown(void)
{
	arena_release(&a);
}

TestSuite(redact, .init = setup, .fini = teardown);

Test(redact, names_and_their_parts)
{
	cr_assert_str_eq(redact_text(r, "Rescate de Rosalinda CCAHUANA, de 17 años."),
		"Rescate de R*** C***, de 17 años.");
	cr_assert_str_eq(redact_text(r, "ttito y rosalínda"), "t*** y r***",
		"case and accents do not matter");
	cr_assert_str_eq(redact_text(r, "la Chola llegó"), "la C*** llegó",
		"an alias, its particle left");
	cr_assert_str_eq(redact_text(r, "Rosalindas"), "Rosalindas", "whole words only");
}

Test(redact, addresses)
{
	cr_assert_str_eq(redact_text(r, "vivía en Sicuani, jr. Orquídeas"), "vivía en S***, jr. O***");
}

Test(redact, numbers_however_written)
{
	cr_assert_str_eq(redact_text(r, "DNI 71234567."), "DNI ***.");
	cr_assert_str_eq(redact_text(r, "llamaba al 987 654 321 cada noche"),
		"llamaba al *** cada noche");
	cr_assert_str_eq(redact_text(r, "tel. 987-654-321"), "tel. ***");
	cr_assert_str_eq(redact_text(r, "(+51) 987654321"), "***");
	cr_assert_str_eq(redact_text(r, "51987654321"), "***");
	cr_assert_str_eq(redact_text(r, "en 2024, 17 víctimas, 12500 soles"),
		"en 2024, 17 víctimas, 12500 soles", "other numbers stay");
	cr_assert_str_eq(redact_text(r, "987 654 322"), "987 654 322", "another number stays");
}

Test(redact, identifiers_as_chunks)
{
	cr_assert_str_eq(redact_text(r, "escribía a ana.q@correo.pe, y a nadie más"),
		"escribía a ***, y a nadie más");
	cr_assert_str_eq(redact_text(r, "placa abc-123."), "placa ***.");
}

Test(redact, nothing_to_mask)
{
	struct redact *empty = redact_new(&a);

	cr_assert_eq(redact_count(empty), 0);
	cr_assert_str_eq(redact_text(empty, "Rosalinda"), "Rosalinda");
	cr_assert_null(redact_text(r, NULL));
	redact_add_name(empty, "de la");
	cr_assert_str_eq(redact_text(empty, "de la casa"), "de la casa", "particles stay");
}
