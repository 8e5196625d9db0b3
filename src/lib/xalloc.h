/*
 * xalloc.h — allocation that never returns NULL.
 *
 * Policy (decided once, as in tmux xmalloc.c and git wrapper.c): running out
 * of memory is not a user error, so these wrappers abort with a message.
 * Input size limits (buf caps, body limits) keep attackers from causing it.
 */
#ifndef KHIPU_XALLOC_H
#define KHIPU_XALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
/* printf into a new string; the caller frees it */
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
