/* gupcheck baseline: the accepted findings as a sorted, reviewable file; and its reader. */
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "baseline.h"
#include "commands.h"
#include "db.h"
#include "tree.h"

/* Does sb end with the word "line " or "lines " (a path's evidence: "the exit at line 56")? */
static int after_line_word(const struct strbuf *sb)
{
	static const char *const words[] = { " line ", " lines ", "(line ", "(lines " };

	for (size_t i = 0; i < sizeof(words) / sizeof(*words); i++) {
		size_t n = strlen(words[i]);

		if (sb->len >= n && !memcmp(sb->buf + sb->len - n, words[i], n))
			return 1;
	}
	return 0;
}

char *strip_line_numbers(const char *msg)
{
	struct strbuf sb = { 0 };
	int after_name = 0;	/* the last one written ends a file name or a stripped number */
	int in_list = 0;	/* inside "line 12" or "lines 12,15": its numbers go */

	for (const char *s = msg; *s; s++) {
		if (*s == ':' && isdigit((unsigned char)s[1]) && after_name) {
			while (isdigit((unsigned char)s[1]))
				s++;
			continue;
		}
		if (isdigit((unsigned char)*s) && (in_list || after_line_word(&sb))) {
			while (isdigit((unsigned char)s[1]))
				s++;
			in_list = s[1] == ',' && isdigit((unsigned char)s[2]);
			if (in_list)
				s++;	/* the comma */
			continue;
		}
		strbuf_add(&sb, s, 1);
		after_name = isalpha((unsigned char)*s);
	}
	return strbuf_detach(&sb);
}

/* Append s to sb with tab, newline and backslash escaped (a baseline field). */
static void add_field(struct strbuf *sb, const char *s)
{
	for (; *s; s++) {
		if (*s == '\t')
			strbuf_addstr(sb, "\\t");
		else if (*s == '\n')
			strbuf_addstr(sb, "\\n");
		else if (*s == '\\')
			strbuf_addstr(sb, "\\\\");
		else
			strbuf_add(sb, s, 1);
	}
}

/* The field s[0..n) unescaped; NULL for a bad escape.  Caller frees. */
static char *unescape(const char *s, size_t n)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\') {
			strbuf_add(&sb, s + i, 1);
			continue;
		}
		if (++i == n || !strchr("tn\\", s[i])) {
			strbuf_release(&sb);
			return NULL;
		}
		strbuf_add(&sb, s[i] == 't' ? "\t" : s[i] == 'n' ? "\n" : "\\", 1);
	}
	return strbuf_detach(&sb);
}

void baseline_release(struct baseline *b)
{
	for (size_t i = 0; i < b->n; i++) {
		free(b->v[i].path);
		free(b->v[i].function);
		free(b->v[i].message);
	}
	free(b->v);
	free(b->version);
	free(b->arch);
	memset(b, 0, sizeof(*b));
}

struct baseline_entry *baseline_find(struct baseline *b, const char *fp)
{
	for (size_t i = 0; i < b->n; i++)
		if (!strcmp(b->v[i].fingerprint, fp))
			return &b->v[i];
	return NULL;
}

/* "all", or the selected checks' names joined by ","; caller frees. */
static char *checks_text(const struct check_set *set)
{
	struct strbuf sb = { 0 };
	int all = 1;

	for (int k = 0; k < NR_CHECKS; k++)
		all &= check_set_has(set, k);
	if (all)
		return xstrdup("all");
	for (int k = 0; k < NR_CHECKS; k++)
		if (check_set_has(set, k))
			strbuf_addf(&sb, "%s%s", sb.len ? "," : "", check_name(k));
	return strbuf_detach(&sb);
}

/* The header's checks= value into set; -1 after naming an unknown check. */
static int checks_parse(struct check_set *set, const char *text, const char *file)
{
	char *copy, *name, *save = NULL;
	int rc = 0;

	memset(set, 0, sizeof(*set));
	if (!strcmp(text, "all"))
		return 0;
	memset(set->off, 1, sizeof(set->off));
	copy = xstrdup(text);
	for (name = strtok_r(copy, ",", &save); name; name = strtok_r(NULL, ",", &save)) {
		int k = check_from_name(name);

		if (k < 0) {
			rc = error("%s:1: unknown check '%s' in checks=", file, name);
			break;
		}
		set->off[k] = 0;
	}
	free(copy);
	return rc;
}

/* The header line: format, kernel=, arch=, checks=; 0 or -1 after one line. */
static int read_header(struct baseline *b, const char *line, const char *file)
{
	static const char magic[] = "# gupcheck baseline ";
	char *end, *copy, *tok, *save = NULL;
	long format;
	int rc = 0, have_checks = 0;

	if (strncmp(line, magic, sizeof(magic) - 1))
		return error("%s: not a gupcheck baseline (its first line is not '%sFORMAT ...')",
			     file, magic);
	format = strtol(line + sizeof(magic) - 1, &end, 10);
	if (end == line + sizeof(magic) - 1 || (*end && *end != ' '))
		return error("%s:1: corrupt header: no format number", file);
	if (format != BASELINE_FORMAT)
		return error("%s: baseline format %ld, from %s gupcheck: this one reads format %d;"
			     " write the baseline again with 'gupcheck baseline'", file, format,
			     format > BASELINE_FORMAT ? "a newer" : "an older", BASELINE_FORMAT);
	copy = xstrdup(end);
	for (tok = strtok_r(copy, " ", &save); tok && !rc; tok = strtok_r(NULL, " ", &save)) {
		if (!strncmp(tok, "kernel=", 7) && !b->version) {
			b->version = xstrdup(tok + 7);
		} else if (!strncmp(tok, "arch=", 5) && !b->arch) {
			b->arch = xstrdup(tok + 5);
		} else if (!strncmp(tok, "checks=", 7) && !have_checks) {
			have_checks = 1;
			rc = checks_parse(&b->checks, tok + 7, file);
		} else {
			rc = error("%s:1: corrupt header: unexpected '%s'", file, tok);
		}
	}
	free(copy);
	if (!rc && (!b->version || !b->arch || !have_checks))
		rc = error("%s:1: corrupt header: kernel=, arch= and checks= are all needed", file);
	return rc;
}

static int is_fingerprint(const char *s)
{
	if (strlen(s) != 16)
		return 0;
	for (; *s; s++)
		if (!isdigit((unsigned char)*s) && !(*s >= 'a' && *s <= 'f'))
			return 0;
	return 1;
}

/* One entry line (line number no) into b; -1 after naming the line and what is wrong. */
static int read_entry(struct baseline *b, const char *line, size_t no, const char *file)
{
	char *f[5] = { NULL };
	const char *p = line;
	struct baseline_entry *e;
	int n = 0, k, rc = -1;

	while (n < 5) {
		const char *tab = n < 4 ? strchr(p, '\t') : NULL;
		size_t len = tab ? (size_t)(tab - p) : strlen(p);

		if (!(f[n++] = unescape(p, len)))
			goto bad_escape;
		if (!tab)
			break;
		p = tab + 1;
	}
	if (n != 5 || strchr(p, '\t')) {
		error("%s:%zu: corrupt line: not the 5 tab-separated fields path, function, check,"
		      " fingerprint, message", file, no);
		goto out;
	}
	if (!is_fingerprint(f[3])) {
		error("%s:%zu: corrupt line: fingerprint '%s' is not 16 hex digits", file, no,
		      f[3]);
		goto out;
	}
	if ((k = check_from_name(f[2])) < 0) {
		error("%s:%zu: unknown check '%s'", file, no, f[2]);
		goto out;
	}
	ALLOC_GROW(b->v, b->n + 1, b->alloc);
	e = &b->v[b->n++];
	*e = (struct baseline_entry){ f[0], strcmp(f[1], "-") ? f[1] : NULL, f[4], k, "", 0 };
	memcpy(e->fingerprint, f[3], 17);
	if (!e->function)
		free(f[1]);
	free(f[2]);
	free(f[3]);
	return 0;
bad_escape:
	error("%s:%zu: corrupt line: a backslash that is not \\t, \\n or \\\\", file, no);
out:
	for (int i = 0; i < 5; i++)
		free(f[i]);
	return rc;
}

int baseline_read(struct baseline *b, const char *path)
{
	size_t len, no = 0;
	char *buf = read_file(path, &len), *line, *nl;
	int rc = 0;

	if (!buf)
		return error("%s: %s", path,
			     errno == EINVAL ? "not a regular file" : strerror(errno));
	if (memchr(buf, '\0', len))
		rc = error("%s: not a gupcheck baseline (it holds a NUL byte)", path);
	else if (!len)
		rc = error("%s: empty: not a gupcheck baseline", path);
	for (line = buf; !rc && line < buf + len; line = nl + 1) {
		no++;
		if (!(nl = strchr(line, '\n'))) {
			rc = error("%s:%zu: truncated: the last line has no newline", path, no);
			break;
		}
		*nl = '\0';
		if (no == 1)
			rc = read_header(b, line, path);
		else if (*line && *line != '#')
			rc = read_entry(b, line, no, path);
	}
	free(buf);
	return rc;
}

/*
 * The file a new baseline at path replaces (malloc'ed): path, or the regular file a symlink
 * names.  NULL after one line: it exists and is not a regular file, or holds something that
 * is not a baseline (gupcheck replaces only what it made), or its folder is missing.
 */
static char *baseline_target(const char *path)
{
	static const char magic[] = "# gupcheck baseline ";
	char head[sizeof(magic)] = "";
	struct stat st;
	char *real, *dir;
	FILE *f;
	size_t got;

	if (lstat(path, &st)) {
		dir = dir_of(path);
		real = dir_exists(*dir ? dir : ".") ? xstrdup(path) : NULL;
		if (!real)
			error("%s: no such directory", *dir ? dir : ".");
		free(dir);
		return real;
	}
	if (stat(path, &st) || !S_ISREG(st.st_mode)) {
		error("%s: not a regular file: a baseline is written only over a baseline", path);
		return NULL;
	}
	if (!(f = fopen(path, "r"))) {
		error("%s: %s", path, strerror(errno));
		return NULL;
	}
	got = fread(head, 1, sizeof(magic) - 1, f);
	fclose(f);
	if (got && (got < sizeof(magic) - 1 || memcmp(head, magic, got))) {
		error("%s: not a gupcheck baseline: a baseline is written only over a baseline",
		      path);
		return NULL;
	}
	return realpath(path, NULL);
}

/* Write text to target through a temporary file beside it, synced and renamed; 0 or -1. */
static int write_atomic(const char *target, const char *text, size_t len)
{
	char *tmp = xasprintf("%s.tmp.%ld", target, (long)getpid());
	char *dir = dir_of(target);
	int fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL, 0666), dfd, rc = -1;

	if (fd < 0) {
		error("%s: %s", tmp, strerror(errno));
		goto out;
	}
	if (write(fd, text, len) != (ssize_t)len || fsync(fd)) {
		error("%s: %s", tmp, strerror(errno ? errno : EIO));
		close(fd);
		unlink(tmp);
		goto out;
	}
	if (close(fd) || rename(tmp, target)) {
		error("%s: %s", target, strerror(errno));
		unlink(tmp);
		goto out;
	}
	if ((dfd = open(*dir ? dir : ".", O_RDONLY | O_DIRECTORY)) >= 0) {
		fsync(dfd);
		close(dfd);
	}
	rc = 0;
out:
	free(dir);
	free(tmp);
	return rc;
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The baseline text of the findings of rows that checks selects; caller frees. */
static char *baseline_text(const struct plan_rows *rows, const struct check_set *checks,
			   const char *version, const char *arch, size_t *len, size_t *count)
{
	struct strvec lines = { 0 };
	struct strbuf sb = { 0 };
	char *names = checks_text(checks);

	for (size_t i = 0; i < rows->nfindings; i++) {
		const struct plan_finding_row *f = &rows->findings[i];
		char *msg;

		if (!f->check || !check_set_has(checks, f->check_id))
			continue;
		msg = strip_line_numbers(f->message);
		add_field(&sb, f->path);
		strbuf_addstr(&sb, "\t");
		add_field(&sb, f->function && *f->function ? f->function : "-");
		strbuf_addf(&sb, "\t%s\t%s\t", check_name(f->check_id), f->fingerprint);
		add_field(&sb, msg);
		strvec_push(&lines, sb.buf);
		sb.len = 0;
		free(msg);
	}
	qsort(lines.v, lines.n, sizeof(*lines.v), by_text);
	strbuf_addf(&sb, "# gupcheck baseline %d kernel=%s arch=%s checks=%s\n", BASELINE_FORMAT,
		    version, arch, names);
	strbuf_addstr(&sb, "# accepted findings, one a line: path, function, check, fingerprint,"
		      " message (tab-separated, sorted)\n");
	for (size_t i = 0; i < lines.n; i++)
		strbuf_addf(&sb, "%s\n", lines.v[i]);
	*count = lines.n;
	strvec_clear(&lines);
	free(names);
	*len = sb.len;
	return strbuf_detach(&sb);
}

int tree_identity(const char *path, struct tree_id *id)
{
	struct kernel_tree t;

	if (tree_open(&t, path))
		return -1;
	snprintf(id->version, sizeof(id->version), "%d.%d.%d", t.version, t.patchlevel,
		 t.sublevel);
	snprintf(id->arch, sizeof(id->arch), "%s", t.arch);
	id->degraded = !t.configured || t.missing.n;
	tree_release(&t);
	return 0;
}

int refuse_degraded(const char *what)
{
	return error("%s: a degraded scan (the tree is not configured): it cannot be trusted to"
		     " gate; configure the tree (make allmodconfig prepare) or pass"
		     " --allow-degraded",
		     what);
}

/*
 * The database of what (a tree, scanned into the temporary file *tmp, which the caller
 * unlinks and frees; or a database), refused when degraded unless allow_degraded.  The scan
 * or the database's tree must be configured; NULL after one line.
 */
static struct facts_db *baseline_db(const char *what, const struct check_set *checks,
				    int allow_degraded, char **tmp)
{
	struct facts_db *db;
	char *configured;

	*tmp = NULL;
	if (dir_exists(what)) {
		struct tree_id id;

		if (tree_identity(what, &id))
			return NULL;
		if (id.degraded && !allow_degraded) {
			refuse_degraded(what);
			return NULL;
		}
		*tmp = temp_db_path("baseline");
		if (scan_run_checks(what, *tmp, (int)sysconf(_SC_NPROCESSORS_ONLN), 1, checks))
			return NULL;
	}
	if (!(db = db_open(*tmp ? *tmp : what)))
		return NULL;
	configured = db_get_meta(db, "configured");
	if (configured && strcmp(configured, "yes") && !allow_degraded) {
		refuse_degraded(what);
		db_close(db);
		db = NULL;
	}
	free(configured);
	return db;
}

#define BASELINE_USAGE "usage: gupcheck baseline TREE|FILE.db -o FILE [--checks=A,B]" \
	" [--no-checks=A,B] [--allow-degraded]"

int cmd_baseline(int argc, char **argv)
{
	const char *what = NULL, *out = NULL;
	struct check_set checks = { 0 };
	int allow_degraded = 0, rc = EXIT_USAGE;
	char *target, *tmp = NULL, *version = NULL, *arch = NULL, *text;
	struct facts_db *db;
	struct plan_rows rows;
	size_t len, count;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			out = argv[++i];
		else if (!strcmp(argv[i], "--allow-degraded"))
			allow_degraded = 1;
		else if (check_set_option(&checks, argv[i]))
			continue;
		else if (argv[i][0] != '-' && !what)
			what = argv[i];
		else
			die_usage(BASELINE_USAGE, argv[i]);
	}
	if (!what || !out)
		die(BASELINE_USAGE);
	if (!(target = baseline_target(out)))
		return EXIT_USAGE;
	if (!(db = baseline_db(what, &checks, allow_degraded, &tmp)))
		goto out;
	version = db_get_meta(db, "version");
	arch = db_get_meta(db, "arch");
	if (!version || !arch) {
		error("%s: the database names no kernel version or arch", what);
		goto close;
	}
	if (db_load_plan(db, &rows))
		goto close;
	text = baseline_text(&rows, &checks, version, arch, &len, &count);
	plan_rows_release(&rows);
	if (!write_atomic(target, text, len)) {
		fprintf(stderr, "gupcheck: baseline: %zu findings accepted -> %s\n", count, out);
		rc = EXIT_CLEAN;
	}
	free(text);
close:
	db_close(db);
out:
	free(version);
	free(arch);
	free(target);
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	return rc;
}
