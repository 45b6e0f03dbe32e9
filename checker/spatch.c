/* gupcheck convert's spatch driver: cocci/'s rules run guided on a work copy, lines followed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "convert.h"
#include "diff.h"
#include "run.h"

const struct rewrite rewrites[RW_NR] = {
#define REWRITE(id, name, flags, release) [id] = { name, flags, release },
#include "rewrites.def"
#undef REWRITE
};

/* Where line of path in the tree is after the steps made so far. */
static int mapped(const struct conv *c, const char *path, int line)
{
	for (size_t i = 0; i < c->nsteps; i++)
		if (!strcmp(c->steps[i].path, path))
			line = diff_map_line(c->steps[i].diff, line);
	return line;
}

/*
 * Run diff -u in the work copy on its files old and new (labelled so when the labels are
 * given); the output, malloc'ed, or NULL when diff failed (exit status 2).
 */
static char *work_diff(const struct conv *c, const char *old, const char *new,
		       const char *old_label, const char *new_label)
{
	struct child_process cp = CHILD_PROCESS_INIT;
	struct strbuf out = { 0 };
	int rc;

	strvec_pushl(&cp.args, "diff", "-u", NULL);
	if (old_label)
		strvec_pushl(&cp.args, "--label", old_label, "--label", new_label, NULL);
	strvec_pushl(&cp.args, old, new, NULL);
	cp.dir = c->work;
	cp.capture = &out;
	rc = run_command(&cp);
	if (rc == 0 || rc == 1)
		return strbuf_detach(&out);
	strbuf_release(&out);
	return NULL;
}

/* The characters of a path that no shell, and no '...' quoting, treats specially. */
static const char plain_chars[] =
	"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.,+/-";

/*
 * The name of tree file path in the work copy (malloc'ed): path itself, or, when path holds
 * other characters than plain_chars, ".safe/N.EXT" (N: its place in c->renamed, EXT: its
 * extension).  spatch pastes the names of the files it changes into shell commands of its own
 * (cp, diff) between '...': a name with a ' would break them, or run as a command.
 */
static char *work_name(const struct conv *c, const char *path)
{
	const char *slash = strrchr(path, '/'), *ext = strrchr(slash ? slash : path, '.');
	size_t i;

	if (!path[strspn(path, plain_chars)])
		return xstrdup(path);
	for (i = 0; i < c->renamed.n && strcmp(c->renamed.v[i], path); i++)
		;
	if (!ext || ext[strspn(ext, plain_chars)])
		ext = "";
	return xasprintf(".safe/%zu%s", i, ext);
}

/* Copy src to work/name, creating its folder; 0 or -1. */
static int copy_into(const struct conv *c, const char *src, const char *name)
{
	char *dst = xasprintf("%s/%s", c->work, name), *dir = dir_of(dst);
	int rc = mkdir_p(dir) || copy_file(src, dst) ? -1 : 0;

	free(dir);
	free(dst);
	return rc;
}

/*
 * Copy tree/path into its work name (once) and into .before/ there (every call: the state
 * before a patch).
 */
static int stage(struct conv *c, const char *path)
{
	char *name, *before, *src = xasprintf("%s/%s", c->tree, path), *work;
	size_t i;
	int rc;

	for (i = 0; i < c->renamed.n && strcmp(c->renamed.v[i], path); i++)
		;
	if (i == c->renamed.n && path[strspn(path, plain_chars)])
		strvec_push(&c->renamed, path);
	name = work_name(c, path);
	before = xasprintf(".before/%s", name);
	work = xasprintf("%s/%s", c->work, name);
	rc = (!file_exists(work) && copy_into(c, src, name)) || copy_into(c, work, before) ? -1 : 0;
	free(name);
	free(before);
	free(src);
	free(work);
	return rc;
}

/* The numbers (in the new file) of the lines diff adds, in order; *n gets their count. */
static int *added_lines(const char *diff, size_t *n)
{
	struct diff_iter it;
	struct diff_line l;
	int *added = NULL;
	size_t alloc = 0;

	*n = 0;
	diff_iter_init(&it, diff);
	while (diff_iter_next(&it, &l)) {
		if (l.op != '+')
			continue;
		ALLOC_GROW(added, *n + 1, alloc);
		added[(*n)++] = l.new;
	}
	return added;
}

/* Cut text into its lines (NUL-terminated in place); the array is malloc'ed, *nl its length. */
static char **split_lines(char *text, size_t *nl)
{
	char **lines = NULL, *p = text;
	size_t alloc = 0;

	*nl = 0;
	while (*p) {
		ALLOC_GROW(lines, *nl + 1, alloc);
		lines[(*nl)++] = p;
		p = strchr(p, '\n');
		if (!p)
			break;
		*p++ = 0;
	}
	return lines;
}

/*
 * What tidy() does after added line i (0-based) of lines[0..nl): 'b' a blank line after it
 * (a "}" that ends a function spatch added before another added line), 'j' joined with the
 * "else" below it, 0 nothing.  next_added: the next added line directly follows it.
 */
static char tidy_fix(char **lines, size_t nl, size_t i, int next_added)
{
	size_t ind;

	if (i + 1 >= nl)
		return 0;
	ind = strspn(lines[i], "\t ");
	if (!strcmp(lines[i], "}") && *lines[i + 1] && next_added)
		return 'b';
	if (!strcmp(lines[i] + ind, "}") && !strncmp(lines[i + 1], lines[i], ind) &&
	    !strncmp(lines[i + 1] + ind, "else", 4) && strchr(" {", lines[i + 1][ind + 4]))
		return 'j';
	return 0;
}

/* Write lines[0..nl) to file with the fixes of tidy_fix(); trailing: end with a newline. */
static void tidy_write(const char *file, char **lines, size_t nl, const char *fix, int trailing)
{
	FILE *f = fopen(file, "w");

	if (!f)
		return;
	for (size_t i = 0; i < nl; i++) {
		const char *eol = i + 1 < nl || trailing ? "\n" : "";
		int ind = (int)strspn(lines[i], "\t ");

		if (fix[i] == 'j')
			fprintf(f, "%.*s} %s%s", ind, lines[i], lines[i + 1] + ind,
				i + 2 < nl || trailing ? "\n" : "");
		else
			fprintf(f, "%s%s%s", lines[i], eol, fix[i] == 'b' ? "\n" : "");
		i += fix[i] == 'j';
	}
	fclose(f);
}

/*
 * Two habits of spatch's printer that checkpatch objects to, in the lines a step added (diff:
 * its "diff -u"): where it adds braces to a then-branch followed by else, it writes "}" and
 * "else" on two lines (joined here); between two functions it adds one after the other, it
 * leaves no blank line (one is put here).  Returns whether file changed.
 */
static int tidy(const char *file, const char *diff)
{
	size_t len, nl, nadd;
	char *text = read_file(file, &len), **lines, *fix;
	int *added, changed = 0, trailing;

	if (!text)
		return 0;
	trailing = len && text[len - 1] == '\n';
	added = added_lines(diff, &nadd);
	lines = split_lines(text, &nl);
	fix = xcalloc(nl + 1, 1);	/* per line: 'j' or 'b' */
	for (size_t a = 0; a < nadd; a++) {
		size_t i = added[a] - 1;

		if (i + 1 >= nl || fix[i])
			continue;
		fix[i] = tidy_fix(lines, nl, i, a + 1 < nadd && added[a + 1] == added[a] + 1);
		changed |= fix[i] != 0;
	}
	if (changed)
		tidy_write(file, lines, nl, fix, trailing);
	free(fix);
	free(added);
	free(lines);
	free(text);
	return changed;
}

/* What the last spatch run changed in path of the work copy (from .prev), as "diff -u" output. */
static char *step_diff(const struct conv *c, const char *path)
{
	return work_diff(c, ".prev", path, NULL, NULL);
}

/*
 * Run rule r in place on tree file path, name in the work copy, at the positions in work/.pos;
 * 0 on success.
 */
static int run_spatch(const struct conv *c, enum rewrite_id r, const char *path, const char *name)
{
	struct child_process cp = CHILD_PROCESS_INIT;
	char *file = xasprintf("%s/%s", c->work, name), *prev = xasprintf("%s/.prev", c->work);
	char *log = xasprintf("%s/.spatch.log", c->work), *dir;
	int rc = copy_file(file, prev);

	free(file);
	free(prev);
	if (rc) {
		free(log);
		return -1;
	}
	strvec_pushl(&cp.args, "spatch", "--very-quiet", "-D", "patch", "-D", "guided",
		     "-D", "positions=.pos", NULL);
	if (rewrites[r].flags & RW_TYPES) {
		dir = dir_of(path);
		strvec_pushl(&cp.args, "--all-includes", "--include-headers-for-types", "-I", NULL);
		strvec_pushf(&cp.args, "%s/%s", c->tree, dir);
		free(dir);
	} else {
		strvec_push(&cp.args, "--no-includes");
	}
	strvec_pushl(&cp.args, "--include-headers", "--sp-file", NULL);
	strvec_pushf(&cp.args, "%s/%s.cocci", c->cocci, rewrites[r].name);
	strvec_pushl(&cp.args, "--in-place", name, NULL);
	cp.dir = c->work;
	cp.out = log;
	cp.err_to_out = 1;
	rc = run_command(&cp);
	free(log);
	return rc;
}

/*
 * Write the positions of lines[0..n) of path, named name in the work copy, into now (where they
 * are after the steps so far) and work/.pos, each followed by its args[i] when there is one.
 */
static int write_positions(const struct conv *c, const char *path, const char *name,
			   const int *lines, const char *const *args, size_t n, int *now)
{
	char *pos = xasprintf("%s/.pos", c->work);
	FILE *f = fopen(pos, "w");

	if (!f) {
		error("%s: cannot write", pos);
		free(pos);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		now[i] = mapped(c, path, lines[i]);
		fprintf(f, "%s:%d%s%s\n", name, now[i], args[i] ? " " : "", args[i] ? args[i] : "");
	}
	fclose(f);
	free(pos);
	return 0;
}

/* Keep what a loop rule wrote for each of the releases at lines (now: where they were). */
static void record_collapsed(struct conv *c, const char *path, const char *diff, const int *lines,
			     const int *now, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char *text = diff_replacement(diff, now[i]);

		if (!text)
			continue;
		ALLOC_GROW(c->loops, c->nloops + 1, c->loops_alloc);
		c->loops[c->nloops++] = (struct collapsed){ xstrdup(path), lines[i], text };
	}
}

/* Apply rule r guided at the given lines of one file of the work copy; records the line map. */
static int apply_rule(struct conv *c, enum rewrite_id r, const char *path, const int *lines,
		      const char *const *args, size_t n)
{
	int *now = xcalloc(n + 1, sizeof(*now));
	char *diff, *file, *name = work_name(c, path);

	if (write_positions(c, path, name, lines, args, n, now)) {
		free(name);
		free(now);
		return -1;
	}
	if (run_spatch(c, r, path, name)) {
		/* the work copy goes away with the failure: say spatch's last words here */
		char *logp = xasprintf("%s/.spatch.log", c->work), *log = read_file(logp, NULL);
		char *last = NULL;

		for (char *l = log ? strtok(log, "\n") : NULL; l; l = strtok(NULL, "\n"))
			if (*l)
				last = l;
		error("%s: spatch %s.cocci failed: %s", path, rewrites[r].name,
		      last ? last : "(it printed nothing)");
		free(log);
		free(logp);
		free(name);
		free(now);
		return -1;
	}
	diff = step_diff(c, name);
	file = xasprintf("%s/%s", c->work, name);
	if (diff && tidy(file, diff)) {
		free(diff);
		diff = step_diff(c, name);
	}
	free(file);
	free(name);
	if (diff && (rewrites[r].flags & RW_LOOP))
		record_collapsed(c, path, diff, lines, now, n);
	free(now);
	ALLOC_GROW(c->steps, c->nsteps + 1, c->steps_alloc);
	c->steps[c->nsteps].path = xstrdup(path);
	c->steps[c->nsteps++].diff = diff ? diff : xstrdup("");
	return 0;
}

const char *spatch_collapsed_to(const struct conv *c, const char *path, int line)
{
	for (size_t i = 0; i < c->nloops; i++)
		if (c->loops[i].line == line && !strcmp(c->loops[i].path, path))
			return c->loops[i].text;
	return NULL;
}

/* Stage every file the edits touch into the work copy, once each; files gets their names. */
static int stage_files(struct conv *c, const struct edit *e, size_t n, struct strvec *files)
{
	for (size_t i = 0; i < n; i++) {
		int seen = 0;

		for (size_t k = 0; k < files->n && !seen; k++)
			seen = !strcmp(files->v[k], e[i].path);
		if (seen)
			continue;
		strvec_push(files, e[i].path);
		if (stage(c, e[i].path))
			return error("%s: cannot copy into %s", e[i].path, c->work);
	}
	return 0;
}

/* Apply rule r at its edits in file path. */
static int apply_rule_to_file(struct conv *c, enum rewrite_id r, const char *path,
			      const struct edit *e, size_t n)
{
	int *lines = xcalloc(n + 1, sizeof(*lines)), rc = 0;
	const char **args = xcalloc(n + 1, sizeof(*args));
	size_t nl = 0;

	for (size_t i = 0; i < n; i++)
		if (e[i].rule == r && !strcmp(e[i].path, path)) {
			args[nl] = e[i].arg;
			lines[nl++] = e[i].line;
		}
	if (nl && (rewrites[r].flags & RW_ONE_BY_ONE))
		for (size_t k = 0; k < nl && !rc; k++)
			rc = apply_rule(c, r, path, &lines[k], &args[k], 1);
	else if (nl)
		rc = apply_rule(c, r, path, lines, args, nl);
	free(args);
	free(lines);
	return rc;
}

int spatch_apply(struct conv *c, const struct edit *e, size_t n, struct strvec *files)
{
	if (stage_files(c, e, n, files))
		return -1;
	for (size_t f = 0; f < files->n; f++)
		for (int r = 0; r < RW_NR; r++)
			if (apply_rule_to_file(c, (enum rewrite_id)r, files->v[f], e, n))
				return -1;
	return 0;
}

/*
 * The last line of the call that starts on line of path in the tree: where its parentheses
 * close (a rewrite may change only an argument, lines below the call's name).
 */
static int call_end(const struct conv *c, const char *path, int line)
{
	char *abs = xasprintf("%s/%s", c->tree, path), *text;
	size_t len;
	int n = 1, depth = 0, open = 0, end = line;

	text = read_file(abs, &len);
	free(abs);
	for (const char *p = text; p && *p; p++) {
		if (*p == '\n' && ++n > line && open && !depth)
			break;
		if (n < line)
			continue;
		end = n;
		if (*p == '(')
			depth++, open = 1;
		else if (*p == ')' && depth && !--depth)
			break;
	}
	free(text);
	return end;
}

/* Did a step since step from remove line of path (followed through the steps before it)? */
static int removed_since(const struct conv *c, size_t from, const char *path, int line)
{
	for (size_t i = 0; i < c->nsteps; i++) {
		if (strcmp(c->steps[i].path, path))
			continue;
		if (i >= from && diff_removes(c->steps[i].diff, line))
			return 1;
		line = diff_map_line(c->steps[i].diff, line);
	}
	return 0;
}

int spatch_unapplied(const struct conv *c, size_t from, const struct edit *e, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		int end = call_end(c, e[k].path, e[k].line), done = 0;

		for (int l = e[k].line; l <= end && !done; l++)
			done = removed_since(c, from, e[k].path, l);
		if (!done)
			return (int)k;
	}
	return -1;
}

/* Forget the steps after the first s0 and the collapsed loops after the first l0. */
static void forget_steps(struct conv *c, size_t s0, size_t l0)
{
	while (c->nsteps > s0) {
		c->nsteps--;
		free(c->steps[c->nsteps].path);
		free(c->steps[c->nsteps].diff);
	}
	while (c->nloops > l0) {
		c->nloops--;
		free(c->loops[c->nloops].path);
		free(c->loops[c->nloops].text);
	}
}

int spatch_restore(struct conv *c, const struct strvec *files, size_t s0, size_t l0)
{
	for (size_t i = 0; i < files->n; i++) {
		char *name = work_name(c, files->v[i]);
		char *before = xasprintf("%s/.before/%s", c->work, name);
		char *work = xasprintf("%s/%s", c->work, name);
		int rc = copy_file(before, work);

		free(name);
		free(before);
		free(work);
		if (rc)
			return error("%s: cannot restore in %s", files->v[i], c->work);
	}
	forget_steps(c, s0, l0);
	return 0;
}

char *spatch_group_diff(const struct conv *c, const struct strvec *files)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < files->n; i++) {
		const char *f = files->v[i];
		char *name = work_name(c, f), *before = xasprintf(".before/%s", name);
		char *a = xasprintf("a/%s", f), *b = xasprintf("b/%s", f);
		char *d = work_diff(c, before, name, a, b);

		if (d && *d)
			strbuf_addf(&sb, "diff --git a/%s b/%s\n%s", f, f, d);
		free(name);
		free(d);
		free(before);
		free(a);
		free(b);
	}
	return strbuf_detach(&sb);
}

void spatch_release(struct conv *c)
{
	forget_steps(c, 0, 0);
	free(c->steps);
	free(c->loops);
	strvec_clear(&c->renamed);
	c->steps = NULL;
	c->loops = NULL;
	c->steps_alloc = c->loops_alloc = 0;
}
