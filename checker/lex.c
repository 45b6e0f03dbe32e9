/* Lexical census: GUP-family calls as written in a file, whatever the configuration or parse. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "kernel.h"
#include "lex.h"

int lex_is_candidate(const char *buf, size_t len)
{
	return kernel_in_text(buf, len, ROLE_CANDIDATE);
}

/* Blank a quoted literal starting at buf[i] (the quote); returns the index after it. */
static size_t blank_quoted(const char *buf, size_t len, size_t i, char *out)
{
	char q = buf[i++];

	while (i < len && buf[i] != q && buf[i] != '\n') {
		if (buf[i] == '\\' && i + 1 < len) {
			if (buf[i + 1] != '\n')
				out[i + 1] = ' ';
			out[i] = ' ';
			i += 2;
			continue;
		}
		out[i++] = ' ';
	}
	return i < len ? i + 1 : i;
}

/* Blank a block comment starting at buf[i], its newlines kept; returns the index after it. */
static size_t blank_block_comment(const char *buf, size_t len, size_t i, char *out)
{
	size_t j = i + 2;

	while (j + 1 < len && !(buf[j] == '*' && buf[j + 1] == '/'))
		j++;
	j = j + 2 <= len ? j + 2 : len;
	for (; i < j; i++)
		if (out[i] != '\n')
			out[i] = ' ';
	return j;
}

/*
 * Blank a line comment starting at buf[i] up to its newline, continued lines too;
 * returns the index of that newline (or len).
 */
static size_t blank_line_comment(const char *buf, size_t len, size_t i, char *out)
{
	while (i < len && buf[i] != '\n') {
		if (buf[i] == '\\' && i + 1 < len && buf[i + 1] == '\n')
			out[i++] = ' ';
		out[i] = out[i] == '\n' ? '\n' : ' ';
		i++;
	}
	return i;
}

char *lex_blank(const char *buf, size_t len)
{
	char *out = xmalloc(len + 1);
	size_t i = 0;

	memcpy(out, buf, len);
	out[len] = '\0';
	while (i < len) {
		if (buf[i] == '/' && i + 1 < len && buf[i + 1] == '*') {
			i = blank_block_comment(buf, len, i, out);
		} else if (buf[i] == '/' && i + 1 < len && buf[i + 1] == '/') {
			i = blank_line_comment(buf, len, i, out);
		} else if (buf[i] == '"' || buf[i] == '\'') {
			/* A ' inside a number such as 1'000 does not occur in kernel C. */
			i = blank_quoted(buf, len, i, out);
		} else {
			i++;
		}
	}
	return out;
}

static int is_ident(int c)
{
	return isalnum(c) || c == '_';
}

/* Does the line holding s[i] start a preprocessor directive? */
static int on_directive_line(const char *s, size_t i)
{
	while (i > 0 && s[i - 1] != '\n')
		i--;
	while (s[i] == ' ' || s[i] == '\t')
		i++;
	return s[i] == '#';
}

/*
 * The identifier or punctuation character before position i, skipping blanks;
 * 0 when there is none, or when it ends a preprocessor directive on an earlier line.
 */
static size_t prev_token(const char *s, size_t i, size_t *start)
{
	int crossed = 0;

	while (i > 0 && isspace((unsigned char)s[i - 1]))
		crossed |= s[--i] == '\n';
	if (i == 0 || (crossed && on_directive_line(s, i - 1) && s[i - 1] != '\\'))
		return 0;
	if (!is_ident(s[i - 1])) {
		*start = i - 1;
		return 1;
	}
	size_t e = i;
	while (i > 0 && is_ident(s[i - 1]))
		i--;
	*start = i;
	return e - i;
}

/*
 * A name followed by "(" is a call unless a type or "#define" comes before it:
 * "long get_user_pages(", "struct page *x(" and "#define f(" are not calls.
 */
static int is_call_context(const char *s, size_t name_start)
{
	static const char *const stmt_words[] = {
		"return", "else", "do", "case", "sizeof", NULL
	};
	size_t st, n = prev_token(s, name_start, &st);

	if (n == 0)
		return 1;
	if (n == 1 && s[st] == '*') {
		size_t st2, n2 = prev_token(s, st, &st2);

		/* "type *f(" declares; "a * f(" would multiply, which no GUP caller does. */
		return !(n2 && (is_ident(s[st2]) || s[st2] == '*'));
	}
	/* "ops->put_page(" and "x.put_page(" call a member, not the API. */
	if (n == 1 && (s[st] == '.' || (s[st] == '>' && st > 0 && s[st - 1] == '-')))
		return 0;
	if (!is_ident(s[st]))
		return 1;
	for (int i = 0; stmt_words[i]; i++)
		if (n == strlen(stmt_words[i]) && !memcmp(s + st, stmt_words[i], n))
			return 1;
	return 0;
}

/* Split the argument list that starts at s[open] == '('; returns the index after ')'. */
static size_t split_args(const char *s, size_t len, size_t open, struct strvec *args)
{
	struct strbuf cur = { 0 };
	int depth = 0, space = 0;
	size_t i;

	for (i = open; i < len; i++) {
		char c = s[i];

		if (c == '(' || c == '[' || c == '{') {
			if (depth++ == 0)
				continue;
		} else if (c == ')' || c == ']' || c == '}') {
			if (--depth == 0)
				break;
		} else if (c == ',' && depth == 1) {
			strvec_push(args, cur.buf ? cur.buf : "");
			strbuf_release(&cur);
			space = 0;
			continue;
		}
		if (isspace((unsigned char)c) || (c == '\\' && i + 1 < len && s[i + 1] == '\n')) {
			space = cur.len > 0;
			continue;
		}
		if (space)
			strbuf_add(&cur, " ", 1);
		space = 0;
		strbuf_add(&cur, &c, 1);
	}
	if (cur.len || args->n)
		strvec_push(args, cur.buf ? cur.buf : "");
	strbuf_release(&cur);
	return i < len ? i + 1 : len;
}

size_t lex_calls(const char *buf, size_t len, struct lex_call **out)
{
	char *s = lex_blank(buf, len);
	struct lex_call *calls = NULL;
	size_t n = 0, alloc = 0, i = 0, line_start = 0;
	unsigned line = 1;

	while (i < len) {
		if (s[i] == '\n') {
			line++;
			line_start = ++i;
			continue;
		}
		if (!is_ident(s[i]) || (i > 0 && is_ident(s[i - 1]))) {
			i++;
			continue;
		}
		size_t st = i;
		while (i < len && is_ident(s[i]))
			i++;
		const struct gup_api *api = api_lookupn(s + st, i - st);
		if (!api)
			continue;
		size_t j = i;
		while (j < len && isspace((unsigned char)s[j]))
			j++;
		if (j >= len || s[j] != '(' || !is_call_context(s, st))
			continue;
		ALLOC_GROW(calls, n + 1, alloc);
		memset(&calls[n], 0, sizeof(calls[n]));
		calls[n].api = api;
		calls[n].line = line;
		calls[n].col = st - line_start + 1;
		split_args(s, len, j, &calls[n].args);
		n++;
	}
	free(s);
	*out = calls;
	return n;
}

void lex_calls_free(struct lex_call *calls, size_t n)
{
	for (size_t i = 0; i < n; i++)
		strvec_clear(&calls[i].args);
	free(calls);
}
