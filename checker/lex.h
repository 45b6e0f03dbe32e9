/* Lexical census: GUP-family calls as written in a file, whatever the configuration or parse. */
#ifndef GUPCHECK_LEX_H
#define GUPCHECK_LEX_H

#include <stddef.h>
#include "api.h"
#include "util.h"

struct lex_call {
	const struct gup_api *api;
	unsigned line, col;	/* of the function name, 1-based, columns in bytes */
	struct strvec args;	/* argument texts, whitespace folded */
};

/*
 * Find every call of a GUP-family function in buf[0..len): comments, strings and
 * character literals are ignored, and so are declarations and definitions (a name
 * preceded by a type or by "#define").  The array is malloc'ed; free it with
 * lex_calls_free().  Returns the number of calls.
 */
size_t lex_calls(const char *buf, size_t len, struct lex_call **out);
void lex_calls_free(struct lex_call *calls, size_t n);

/* Fast prefilter: nonzero when buf mentions a GUP acquire or GUP release name anywhere. */
int lex_is_candidate(const char *buf, size_t len);

/* Copy of buf with comments, strings and char literals blanked (newlines kept); caller frees. */
char *lex_blank(const char *buf, size_t len);

#endif
