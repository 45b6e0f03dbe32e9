/* Reading unified diffs ("diff -u" output of one file): one hunk iterator, and what it answers. */
#ifndef GUPCHECK_DIFF_H
#define GUPCHECK_DIFF_H

#include <stddef.h>

/*
 * One line of a hunk, or a hunk's header.  op is '@' for the header ("@@ -old,n +new,m @@":
 * old and new are where the hunk starts), ' ', '-' or '+' for a line of the hunk, or the first
 * character of any other line in a hunk ('\\' for "\ No newline at end of file").  For a line,
 * old and new are the numbers of the old and the new file's lines at it: a ' ' line is line
 * old of the old file and line new of the new one, a '-' line is line old of the old file and
 * stands before line new of the new one, a '+' line is line new of the new file and stands
 * before line old of the old one.  text[0..len) is the line after op, without its newline.
 */
struct diff_line {
	char op;
	int old, new;
	const char *text;
	size_t len;
};

/* The position of an iteration over a diff's hunks; diff_iter_init() sets it up. */
struct diff_iter {
	const char *p;		/* the next line */
	int old, new;		/* the numbers of the next old and new lines */
	int in_hunk;
};

/* Start iterating over the hunks of diff (NUL-terminated text; it must outlive the iteration). */
void diff_iter_init(struct diff_iter *it, const char *diff);
/* The next hunk header or hunk line into *l; 0 at the end of the diff. */
int diff_iter_next(struct diff_iter *it, struct diff_line *l);

/* Where line of the file before diff is after it; a removed line maps to its replacement's. */
int diff_map_line(const char *diff, int line);
/* Does diff remove line (of the file before it)? */
int diff_removes(const char *diff, int line);
/*
 * If diff removes line (of the file before it), the lines it adds in its place, joined by one
 * space, each without its indentation (malloc'ed); NULL when the line stays or nothing replaces
 * it.
 */
char *diff_replacement(const char *diff, int line);

#endif
