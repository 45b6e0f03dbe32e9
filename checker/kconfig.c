/* Why a Kconfig symbol is not set: its entry in the tree's Kconfig files and what it depends on. */
#define _GNU_SOURCE
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "kconfig.h"

struct kc_search {
	const char *root;
	const struct strvec *names;
	char **whys;
	size_t left;
};

/* Blanks at the start of s skipped. */
static const char *skip_blanks(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* The entry of symbol i at p (after "config NAME\n") in file rel: its depends on lines. */
static char *entry_why(const char *rel, const char *p)
{
	struct strbuf sb = { 0 };
	int deps = 0;

	strbuf_addf(&sb, "%s: ", rel);
	while (*p) {
		const char *eol = strchr(p, '\n'), *s = skip_blanks(p);
		size_t n = eol ? (size_t)(eol - s) : strlen(s);

		/* an entry ends at the next line that starts without a blank (config, menu, ...) */
		if (p[0] != ' ' && p[0] != '\t' && p[0] != '\n')
			break;
		if (!strncmp(s, "depends on", 10)) {
			const char *e = skip_blanks(s + 10);
			size_t m = n - (size_t)(e - s);

			while (m && (e[m - 1] == ' ' || e[m - 1] == '\t' || e[m - 1] == '\\'))
				m--;
			strbuf_addf(&sb, "%s%.*s", deps++ ? " && " : "depends on ", (int)m, e);
		}
		if (!strncmp(s, "help", 4) || !strncmp(s, "---help---", 10))
			break;
		if (!eol)
			break;
		p = eol + 1;
	}
	if (!deps)
		strbuf_addstr(&sb, "no dependencies");
	return strbuf_detach(&sb);
}

/* Look for the wanted symbols' entries in the Kconfig file rel. */
static void search_file(struct kc_search *ks, const char *rel)
{
	char *path = xasprintf("%s/%s", ks->root, rel);
	char *buf = read_file(path, NULL);

	free(path);
	if (!buf)
		return;
	/* continuation lines joined */
	for (char *c = buf; (c = strstr(c, "\\\n")); )
		c[0] = c[1] = ' ';
	for (char *p = buf; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL) {
		const char *s = p;
		size_t kw = !strncmp(s, "config ", 7) ? 7 : !strncmp(s, "menuconfig ", 11) ? 11 : 0;

		if (!kw)
			continue;
		s = skip_blanks(s + kw);
		size_t n = strcspn(s, " \t\n");
		for (size_t i = 0; i < ks->names->n; i++) {
			const char *want = ks->names->v[i];

			if (ks->whys[i] || strlen(want) != n || strncmp(want, s, n))
				continue;
			const char *body = strchr(s, '\n');
			ks->whys[i] = entry_why(rel, body ? body + 1 : "");
			ks->left--;
		}
	}
	free(buf);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/*
 * Every Kconfig* file under rel (a folder of the tree), in name order (a symbol defined twice
 * is found in the same file on every file system), until nothing is left to find.
 */
static void search_dir(struct kc_search *ks, const char *rel)
{
	char *path = *rel ? xasprintf("%s/%s", ks->root, rel) : xstrdup(ks->root);
	DIR *d = opendir(path);
	struct strvec dirs = { 0 }, files = { 0 };
	struct dirent *de;

	free(path);
	if (!d)
		return;
	while ((de = readdir(d))) {
		if (de->d_name[0] == '.' || (!*rel && (!strcmp(de->d_name, "tools") ||
						       !strcmp(de->d_name, "Documentation"))))
			continue;
		if (de->d_type == DT_DIR)
			strvec_push(&dirs, de->d_name);
		else if (de->d_type == DT_REG && !strncmp(de->d_name, "Kconfig", 7))
			strvec_push(&files, de->d_name);
	}
	closedir(d);
	if (files.n)
		qsort(files.v, files.n, sizeof(*files.v), cmp_str);
	if (dirs.n)
		qsort(dirs.v, dirs.n, sizeof(*dirs.v), cmp_str);
	for (size_t i = 0; ks->left && i < files.n; i++) {
		char *sub = *rel ? xasprintf("%s/%s", rel, files.v[i]) : xstrdup(files.v[i]);

		search_file(ks, sub);
		free(sub);
	}
	for (size_t i = 0; ks->left && i < dirs.n; i++) {
		char *sub = *rel ? xasprintf("%s/%s", rel, dirs.v[i]) : xstrdup(dirs.v[i]);

		search_dir(ks, sub);
		free(sub);
	}
	strvec_clear(&dirs);
	strvec_clear(&files);
}

void kconfig_why(const char *root, const struct strvec *names, char ***whys)
{
	struct kc_search ks = { .root = root, .names = names, .left = names->n };

	ks.whys = xcalloc(names->n + 1, sizeof(*ks.whys));
	if (names->n)
		search_dir(&ks, "");
	*whys = ks.whys;
}
