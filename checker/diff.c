/* Reading unified diffs: one hunk iterator, and the questions convert asks of a step's diff. */
#include <stdlib.h>
#include <string.h>
#include "diff.h"
#include "util.h"

void diff_iter_init(struct diff_iter *it, const char *diff)
{
	it->p = diff ? diff : "";
	it->old = it->new = 0;
	it->in_hunk = 0;
}

/* A number at *p (advanced past it), and past ",count" after it when there is one. */
static int header_number(const char **p, int *out)
{
	char *end;
	long v = strtol(*p, &end, 10);

	if (end == *p)
		return -1;
	*out = (int)v;
	if (*end == ',')
		strtol(end + 1, &end, 10);
	*p = end;
	return 0;
}

/* Parse a hunk header "@@ -O[,N] +M[,K] @@" at p into its starts; -1 when it is not one. */
static int parse_header(const char *p, int *old, int *new)
{
	if (strncmp(p, "@@ -", 4))
		return -1;
	p += 4;
	if (header_number(&p, old) || strncmp(p, " +", 2))
		return -1;
	p += 2;
	return header_number(&p, new);
}

int diff_iter_next(struct diff_iter *it, struct diff_line *l)
{
	while (*it->p) {
		const char *line = it->p;
		size_t len = strcspn(line, "\n");

		it->p = line + len + (line[len] == '\n');
		if (*line == '@') {
			it->in_hunk = !parse_header(line, &it->old, &it->new);
			if (!it->in_hunk)
				continue;
			*l = (struct diff_line){ '@', it->old, it->new, line, len };
			return 1;
		}
		if (!it->in_hunk)
			continue;
		*l = (struct diff_line){ *line, it->old, it->new, line + !!len, len - !!len };
		it->old += *line == ' ' || *line == '-';
		it->new += *line == ' ' || *line == '+';
		return 1;
	}
	return 0;
}

int diff_map_line(const char *diff, int line)
{
	struct diff_iter it;
	struct diff_line l;
	int delta = 0;

	diff_iter_init(&it, diff);
	while (diff_iter_next(&it, &l)) {
		if (l.op == '@' && line < l.old)
			break;
		/* a replaced line maps to where its replacement starts */
		if ((l.op == ' ' || l.op == '-') && l.old == line)
			return l.new;
		delta = it.new - it.old;
	}
	return line + delta;
}

int diff_removes(const char *diff, int line)
{
	struct diff_iter it;
	struct diff_line l;

	diff_iter_init(&it, diff);
	while (diff_iter_next(&it, &l))
		if (l.op == '-' && l.old == line)
			return 1;
	return 0;
}

char *diff_replacement(const char *diff, int line)
{
	struct strbuf sb = { 0 };
	struct diff_iter it;
	struct diff_line l;
	int more, found = 0;

	diff_iter_init(&it, diff);
	while (!found && diff_iter_next(&it, &l))
		found = l.op == '-' && l.old == line;
	if (!found)
		return NULL;
	while ((more = diff_iter_next(&it, &l)) && l.op == '-')
		;
	for (; more && l.op == '+'; more = diff_iter_next(&it, &l)) {
		size_t ind = strspn(l.text, " \t");

		if (ind > l.len)
			ind = l.len;
		strbuf_addf(&sb, "%s%.*s", sb.len ? " " : "", (int)(l.len - ind), l.text + ind);
	}
	return sb.len ? strbuf_detach(&sb) : NULL;
}
