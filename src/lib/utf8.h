/*
 * utf8.h — checking UTF-8 text (the one place that decodes it by hand;
 * folding and normalisation go through utf8proc in norm.c).
 */
#ifndef KHIPU_UTF8_H
#define KHIPU_UTF8_H

#include <stddef.h>

/* 1 when the n bytes at s are well-formed UTF-8 (no overlong forms, no
 * surrogates, nothing above U+10FFFF), else 0. */
int utf8_valid(const char *s, size_t n);

#endif
