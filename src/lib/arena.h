/*
 * arena.h — bump allocator owned by one command or request, freed at its end.
 * Model objects read from storage or parsed from input live in an arena, so
 * their strings need no individual free.
 */
#ifndef KHIPU_ARENA_H
#define KHIPU_ARENA_H

#include <stddef.h>

struct arena_chunk;
struct arena {
	struct arena_chunk *head;
};

void arena_init(struct arena *a);
void arena_release(struct arena *a);   /* frees every allocation at once */
void *arena_alloc(struct arena *a, size_t n);   /* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s);   /* NULL stays NULL */
char *arena_strndup(struct arena *a, const char *s, size_t n);
void *arena_memdup(struct arena *a, const void *p, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
