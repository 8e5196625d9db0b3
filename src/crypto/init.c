/* init.c — libsodium's one-time initialisation (see init.h). */
#include "crypto/init.h"

#include <stdio.h>
#include <stdlib.h>

#include <sodium.h>

void
crypto_lib_init(void)
{
	static volatile int done;   /* only saves the call: sodium_init is idempotent */

	if (done)
		return;
	if (sodium_init() < 0) {
		fprintf(stderr, "fatal: libsodium cannot be initialised\n");
		abort();
	}
	done = 1;
}
