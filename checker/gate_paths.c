/* The gate's --paths list: the paths and MAINTAINERS-style patterns that must stay clean. */
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include "baseline.h"

void path_filter_release(struct path_filter *pf)
{
	strvec_clear(&pf->include);
	strvec_clear(&pf->exclude);
}

/* One line (number no) of file into pf; -1 after naming the line and the problem. */
static int add_line(struct path_filter *pf, char *line, size_t no, const char *file)
{
	struct strvec *to = &pf->include;
	size_t n;

	while (*line == ' ' || *line == '\t')
		line++;
	n = strlen(line);
	while (n && strchr(" \t\r", line[n - 1]))
		line[--n] = '\0';
	if (!*line || *line == '#')
		return 0;
	if (line[0] >= 'A' && line[0] <= 'Z' && line[1] == ':') {
		if (line[0] != 'F' && line[0] != 'X')
			return 0;	/* M:, L:, S:... of a MAINTAINERS entry */
		to = line[0] == 'F' ? &pf->include : &pf->exclude;
		line += 2;
		while (*line == ' ' || *line == '\t')
			line++;
	}
	while (!strncmp(line, "./", 2))
		line += 2;
	if (!*line)
		return error("%s:%zu: an empty pattern", file, no);
	if (*line == '/')
		return error("%s:%zu: '%s' is absolute: paths are relative to the tree", file, no,
			     line);
	strvec_push(to, line);
	return 0;
}

int path_filter_read(struct path_filter *pf, const char *file)
{
	size_t len, no = 0;
	char *buf = read_file(file, &len), *line, *nl;
	int rc = 0;

	if (!buf)
		return error("%s: %s", file,
			     errno == EINVAL ? "not a regular file" : strerror(errno));
	for (line = buf; !rc && line < buf + len; line = nl + 1) {
		if ((nl = strchr(line, '\n')))
			*nl = '\0';
		else
			nl = buf + len;
		rc = add_line(pf, line, ++no, file);
	}
	free(buf);
	if (!rc && !pf->include.n)
		rc = error("%s: no paths in it (one path or pattern a line, or F: lines)", file);
	return rc;
}

/* Does the folder pattern dir (without its "/") match a folder above path? */
static int below(const char *dir, const char *path)
{
	char *copy = xstrdup(path);
	int hit = 0;

	for (char *slash = strchr(copy, '/'); slash && !hit; slash = strchr(slash + 1, '/')) {
		*slash = '\0';
		hit = !fnmatch(dir, copy, FNM_PATHNAME);
		*slash = '/';
	}
	free(copy);
	return hit;
}

static int match_one(const char *pat, const char *path)
{
	size_t n = strlen(pat);
	char *dir;
	int hit;

	if (pat[n - 1] == '/') {
		dir = xstrndup(pat, n - 1);
		hit = below(dir, path);
		free(dir);
		return hit;
	}
	if (!fnmatch(pat, path, FNM_PATHNAME))
		return 1;
	return !strpbrk(pat, "*?[") && !strncmp(path, pat, n) && path[n] == '/';
}

static int match_any(const struct strvec *pats, const char *path)
{
	for (size_t i = 0; i < pats->n; i++)
		if (match_one(pats->v[i], path))
			return 1;
	return 0;
}

int path_filter_match(const struct path_filter *pf, const char *path)
{
	return match_any(&pf->include, path) && !match_any(&pf->exclude, path);
}
