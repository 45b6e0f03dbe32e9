/* gupcheck convert: the plan turned into a git-am-able patch series by cocci/'s semantic patches, run guided. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "commands.h"
#include "db.h"
#include "diff.h"
#include "run.h"

/* One rewrite at one position: the rule (cocci/RULE.cocci) and the line in the original tree. */
struct edit {
	const char *rule;
	const char *path;
	int line;
};

/* Line maps of the files already rewritten: for each file, each diff applied, in order. */
struct applied {
	char *path;
	char *diff;	/* unified diff of one step, "diff -u" output */
};

/* A release whose loop a *_loop rule collapsed into one call (text, as written). */
struct collapsed {
	char *path;
	int line;	/* the release's line in the original tree */
	char *text;
};

struct conv {
	const char *tree, *work, *cocci;
	const char *outdir_arg;	/* the output folder as the user wrote it, for messages */
	struct plan_rows rows;
	enum dialect d;
	int has_extract;
	char *converting;	/* per site */
	const char **why;	/* per pin site that does not convert: the reason */
	struct reach_rows reach;	/* bio completions the pages of each site (or other pages) reach */
	long *split;		/* per site: its completion to split (a reach row), or -1 */
	struct applied *steps;
	size_t nsteps, steps_alloc;
	struct collapsed *loops;
	size_t nloops, loops_alloc;
};

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
static char *work_diff(const struct conv *c, const char *old, const char *new, const char *old_label,
		       const char *new_label)
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

/* Copy tree/path into work/path (once) and into work/.before/path (every call: the state before a patch). */
static int stage(struct conv *c, const char *path)
{
	char *dir = dir_of(path), *src = xasprintf("%s/%s", c->tree, path);
	char *work = xasprintf("%s/%s", c->work, path), *before = xasprintf("%s/.before/%s", c->work, path);
	char *work_dir = xasprintf("%s/%s", c->work, dir), *before_dir = xasprintf("%s/.before/%s", c->work, dir);
	int rc = mkdir_p(work_dir) || mkdir_p(before_dir) || (!file_exists(work) && copy_file(src, work)) ||
		 copy_file(work, before) ? -1 : 0;

	free(dir);
	free(src);
	free(work);
	free(before);
	free(work_dir);
	free(before_dir);
	return rc;
}

/*
 * Two habits of spatch's printer that checkpatch objects to, in the lines a step added (diff:
 * its "diff -u"): where it adds braces to a then-branch followed by else, it writes "}" and
 * "else" on two lines (joined here); between two functions it adds one after the other, it
 * leaves no blank line (one is put here).  Returns whether file changed.
 */
static int tidy(const char *file, const char *diff)
{
	size_t len, nl = 0, alloc = 0, nadd = 0, addalloc = 0;
	char *text = read_file(file, &len), **lines = NULL, *p;
	int *added = NULL, changed = 0, trailing;
	char *fix;		/* per line: 'j' join with the else below, 'b' a blank line after */
	struct diff_iter it;
	struct diff_line l;
	FILE *f;

	if (!text)
		return 0;
	trailing = len && text[len - 1] == '\n';
	diff_iter_init(&it, diff);
	while (diff_iter_next(&it, &l)) {
		if (l.op != '+')
			continue;
		ALLOC_GROW(added, nadd + 1, addalloc);
		added[nadd++] = l.new;
	}
	for (p = text; *p; ) {
		ALLOC_GROW(lines, nl + 1, alloc);
		lines[nl++] = p;
		p = strchr(p, '\n');
		if (!p)
			break;
		*p++ = 0;
	}
	fix = xcalloc(nl + 1, 1);
	for (size_t a = 0; a < nadd; a++) {
		size_t i = added[a] - 1, ind;

		if (i + 1 >= nl || fix[i])
			continue;
		ind = strspn(lines[i], "\t ");
		if (!strcmp(lines[i], "}") && *lines[i + 1] && a + 1 < nadd && added[a + 1] == added[a] + 1)
			fix[i] = 'b';	/* a blank line after it */
		else if (!strcmp(lines[i] + ind, "}") && !strncmp(lines[i + 1], lines[i], ind) &&
			 !strncmp(lines[i + 1] + ind, "else", 4) &&
			 strchr(" {", lines[i + 1][ind + 4]))
			fix[i] = 'j';	/* joined with the else below */
		changed |= fix[i] != 0;
	}
	if (changed && (f = fopen(file, "w"))) {
		for (size_t i = 0; i < nl; i++) {
			const char *eol = i + 1 < nl || trailing ? "\n" : "";

			if (fix[i] == 'j')
				fprintf(f, "%.*s} %s%s", (int)strspn(lines[i], "\t "), lines[i],
					lines[i + 1] + strspn(lines[i], "\t "), i + 2 < nl || trailing ? "\n" : "");
			else
				fprintf(f, "%s%s%s", lines[i], eol, fix[i] == 'b' ? "\n" : "");
			i += fix[i] == 'j';
		}
		fclose(f);
	}
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

/* Apply one rule guided at the given lines of one file of the work copy; records the line map. */
static int apply_rule(struct conv *c, const char *rule, const char *path, const int *lines, size_t n)
{
	char *pos = xasprintf("%s/.pos", c->work), *cmd, *diff, *dir, *prev, *log;
	struct child_process cp = CHILD_PROCESS_INIT;
	FILE *f = fopen(pos, "w");
	int *now = xcalloc(n + 1, sizeof(*now)), rc;

	if (!f) {
		free(now);
		return error("%s: cannot write", pos);
	}
	for (size_t i = 0; i < n; i++) {
		now[i] = mapped(c, path, lines[i]);
		fprintf(f, "%s:%d\n", path, now[i]);
	}
	fclose(f);
	/*
	 * The loop rules need the count's type: they read the headers beside the file in the
	 * tree (only for types); the others read no header.
	 */
	cmd = xasprintf("%s/%s", c->work, path);
	prev = xasprintf("%s/.prev", c->work);
	rc = copy_file(cmd, prev);
	free(prev);
	free(cmd);
	if (!rc) {
		strvec_pushl(&cp.args, "spatch", "--very-quiet", "-D", "patch", "-D", "guided",
			     "-D", "positions=.pos", NULL);
		dir = dir_of(path);
		if (strstr(rule, "_loop")) {
			strvec_pushl(&cp.args, "--all-includes", "--include-headers-for-types", "-I", NULL);
			strvec_pushf(&cp.args, "%s/%s", c->tree, dir);
		} else {
			strvec_push(&cp.args, "--no-includes");
		}
		free(dir);
		strvec_pushl(&cp.args, "--include-headers", "--sp-file", NULL);
		strvec_pushf(&cp.args, "%s/%s.cocci", c->cocci, rule);
		strvec_pushl(&cp.args, "--in-place", path, NULL);
		cp.dir = c->work;
		log = xasprintf("%s/.spatch.log", c->work);
		cp.out = log;
		cp.err_to_out = 1;
		rc = run_command(&cp);
		free(log);
	}
	if (rc) {
		error("%s: spatch %s.cocci failed (see %s/.spatch.log)", path, rule, c->work);
		free(pos);
		free(now);
		return -1;
	}
	diff = step_diff(c, path);
	cmd = xasprintf("%s/%s", c->work, path);
	if (diff && tidy(cmd, diff)) {
		free(diff);
		diff = step_diff(c, path);
	}
	free(cmd);
	for (size_t i = 0; diff && strstr(rule, "_loop") && i < n; i++) {
		char *text = diff_replacement(diff, now[i]);

		if (!text)
			continue;
		ALLOC_GROW(c->loops, c->nloops + 1, c->loops_alloc);
		c->loops[c->nloops++] = (struct collapsed){ xstrdup(path), lines[i], text };
	}
	free(now);
	ALLOC_GROW(c->steps, c->nsteps + 1, c->steps_alloc);
	c->steps[c->nsteps].path = xstrdup(path);
	c->steps[c->nsteps++].diff = diff ? diff : xstrdup("");
	free(pos);
	return 0;
}

/* The text a loop rule wrote for the release at path:line, or NULL when its loop stayed. */
static const char *collapsed_to(const struct conv *c, const char *path, int line)
{
	for (size_t i = 0; i < c->nloops; i++)
		if (c->loops[i].line == line && !strcmp(c->loops[i].path, path))
			return c->loops[i].text;
	return NULL;
}

/* The rule that collapses a loop of a release, tried before the release's own rule. */
static const char *loop_rule(const struct conv *c, const char *api)
{
	if (strcmp(api, "put_page"))
		return NULL;
	return c->d == DIALECT_PIN ? "unpin_user_pages_loop" : "put_user_pages_loop";
}

/* The rule that converts a release in the series' dialect, or NULL when none does. */
static const char *release_rule(const struct conv *c, const char *api)
{
	if (!strcmp(api, "put_page"))
		return c->d == DIALECT_PIN ? "unpin_user_page" : "put_user_page";
	if (!strcmp(api, "release_pages"))
		return c->d == DIALECT_PIN ? "unpin_user_pages" : "put_user_pages";
	return NULL;
}

/* Is api already a release of GUP pages in the dialect (unpins are, where the tree pins)? */
static int is_gup_release(const struct conv *c, const char *api)
{
	return (dialect_pins(c->d) && !strncmp(api, "unpin_user_page", 15)) ||
	       (c->d != DIALECT_PIN && !strncmp(api, "put_user_page", 13));
}

static int extracts(const char *target)
{
	return !strcmp(target, "iov_iter_extract_pages");
}

/* The site's target acquire and whether it is renamed to a pin (or to an extraction). */
static const char *site_target(const struct conv *c, const struct plan_site_row *s, int *rename)
{
	const char *t = target_acquire(s->api, s->verdict, c->d, c->has_extract);

	*rename = strcmp(t, s->api) && (!strncmp(t, "pin_user_pages", 14) || extracts(t));
	return t;
}

/*
 * Which sites convert: a pin verdict whose every release (not picked by kind at
 * run time) is put_page()/release_pages() or already an unpin, and whose
 * releases no site that stays a reference shares; repeated to a fixpoint.
 */
static int has_release(const struct plan_site_row *s)
{
	for (size_t k = 0; k < s->nrel; k++)
		if (!s->rel[k].dirty)
			return 1;
	return 0;
}

/* A C identifier, or its address ("pv", "&pv"): the array forms the extraction rule rewrites. */
static int plain_array(const char *pages, int address)
{
	if (!pages || (address && *pages++ != '&') || !(isalpha((unsigned char)*pages) || *pages == '_'))
		return 0;
	while (isalnum((unsigned char)*pages) || *pages == '_')
		pages++;
	return !*pages;
}

/*
 * Why an iov_iter_get_pages*() site cannot become iov_iter_extract_pages(), or NULL: its
 * releases must test iov_iter_extract_will_pin() on the iterator, which is in view only in
 * the function that extracts.
 */
static const char *extract_blocker(const struct conv *c, const struct plan_site_row *s)
{
	int work = !extracts(s->api);

	if (c->d != DIALECT_PIN)
		return "the release of an extraction is an unpin under iov_iter_extract_will_pin(), not put_user_page()";
	for (size_t k = 0; k < s->nrel; k++) {
		const struct plan_release_row *rr = &s->rel[k];

		if (rr->dirty || is_gup_release(c, rr->api))
			continue;
		if (rr->dispatched || strcmp(rr->path, s->path) || !rr->function ||
		    strcmp(rr->function, s->function))
			return "a release is in another function, where the iterator is not in view:"
			       " iov_iter_extract_will_pin() has to be kept beside the pages";
		if (strcmp(rr->api, "put_page") && strcmp(rr->api, "release_pages"))
			return "a release is neither put_page() nor release_pages()";
		work = 1;
	}
	if (extracts(s->api))	/* an extraction already: its releases only */
		return work ? NULL : "";
	if (!plain_array(s->pages, !strcmp(s->api, "iov_iter_get_pages_alloc2")) ||
	    (strcmp(s->api, "iov_iter_get_pages2") && strcmp(s->api, "iov_iter_get_pages_alloc2")))
		return "only iov_iter_get_pages2(it, pages, ...) and iov_iter_get_pages_alloc2(it, &pages, ...)"
		       " into an array variable are rewritten";
	return NULL;
}

static int same_end_io(const struct reach_row *a, const struct reach_row *b)
{
	return !strcmp(a->end_io, b->end_io) && !strcmp(a->end_io_path, b->end_io_path);
}

/* Do pages of acquire id get o's completion at o's assignment too? */
static int assigned_by(const struct conv *c, long long id, const struct reach_row *o)
{
	for (size_t q = 0; q < c->reach.n; q++)
		if (c->reach.v[q].acquire_id == id && same_end_io(&c->reach.v[q], o) &&
		    c->reach.v[q].assign_line == o->assign_line && !strcmp(c->reach.v[q].assign_path, o->assign_path))
			return 1;
	return 0;
}

/*
 * The first line of path (in the tree) that names function fn other than its definition at
 * line def, a prototype, or "->bi_end_io = fn;": a use a split would break.  0 when none.
 */
static int other_use(const struct conv *c, const char *path, const char *fn, int def)
{
	char *abs = xasprintf("%s/%s", c->tree, path), *text, *set = xasprintf("bi_end_io = %s;", fn),
	     *proto = xasprintf("static void %s(struct bio *", fn);
	size_t len, fl = strlen(fn);
	int n = 1, ret = 0;

	text = read_file(abs, &len);
	for (char *p = text, in = 0; p && *p; p++) {	/* comments and strings name nothing */
		if (!in && p[0] == '/' && (p[1] == '*' || p[1] == '/'))
			in = p[1];
		else if (!in && (*p == '"' || *p == '\''))
			in = *p;
		else if ((in == '*' && p[0] == '*' && p[1] == '/'))
			in = 0, *p++ = ' ';
		else if ((in == '/' && *p == '\n') || ((in == '"' || in == '\'') && *p == in && p[-1] != '\\'))
			in = 0;
		else if (!in)
			continue;
		if (*p != '\n')
			*p = ' ';
	}
	for (char *line = text; line && *line && !ret; n++) {
		char *end = strchr(line, '\n'), *p;

		if (end)
			*end = 0;
		for (p = line; (p = strstr(p, fn)); p += fl) {
			int word = (p == line || !(isalnum((unsigned char)p[-1]) || p[-1] == '_')) &&
				   !(isalnum((unsigned char)p[fl]) || p[fl] == '_');

			if (word && n != def && !strstr(line, set) &&
			    !(strstr(line, proto) && line[strlen(line) - 1] == ';'))
				ret = n;
		}
		line = end ? end + 1 : NULL;
	}
	free(text);
	free(abs);
	free(set);
	free(proto);
	return ret;
}

/*
 * A site whose pages go into bios (they reach submit_bio()) is in view when gupcheck followed
 * them to their completions.  A completion only its pages reach converts as any release; one
 * that other pages reach too, through other assignments, is split (*split: its first reach
 * row).  NULL, or why not.
 */
static const char *bio_blocker(const struct conv *c, const struct plan_site_row *s, long *split)
{
	int seen = 0;

	*split = -1;
	for (size_t k = 0; k < c->reach.n; k++) {
		const struct reach_row *r = &c->reach.v[k];
		int others = 0;

		if (r->acquire_id != s->id || (*split >= 0 && same_end_io(r, &c->reach.v[*split])))
			continue;
		seen = 1;
		for (size_t m = 0; m < c->reach.n; m++) {
			const struct reach_row *o = &c->reach.v[m];

			if (!same_end_io(o, r) || o->acquire_id == s->id)
				continue;
			if (o->acquire_id)
				return "its bio completion also completes the pages of another GUP site";
			if (assigned_by(c, s->id, o))
				return "other pages get its bio completion at the same assignment, so one"
				       " bio may hold both: no split separates them";
			if (strcmp(o->assign_path, r->end_io_path) || strcmp(r->assign_path, r->end_io_path))
				return "its bio completion, which other pages reach too, is set in another file";
			others = 1;
		}
		if (!others)
			continue;
		if (c->d != DIALECT_PIN)
			return "its bio completion, which other pages reach too, is split only where the tree pins";
		if (*split >= 0)
			return "its pages reach two bio completions that other pages reach too";
		if (!r->end_io_static)
			return "its bio completion, which other pages reach too, is not static: a split would"
			       " change its users in other files";
		if (other_use(c, r->end_io_path, r->end_io, r->end_io_line))
			return "its bio completion, which other pages reach too, is used other than as bi_end_io";
		*split = (long)k;
	}
	if (!seen)
		return "its pages reach submit_bio(), and no completion of their bios was found";
	for (size_t k = 0; *split >= 0 && k < s->nrel; k++) {
		const struct plan_release_row *rr = &s->rel[k];
		const struct reach_row *r = &c->reach.v[*split];

		if (rr->dirty || (rr->function && !strcmp(rr->function, s->function)))
			continue;
		if (!rr->function || strcmp(rr->function, r->end_io) || strcmp(rr->path, r->end_io_path))
			return "a release is in a helper of its bio completion, which other pages reach too";
		if (strcmp(rr->api, "put_page"))
			return "its bio completion, which other pages reach too, releases with another call"
			       " than put_page()";
	}
	return NULL;
}

/* Is release rr of site i made by the split of its bio completion? */
static int in_split(const struct conv *c, size_t i, const struct plan_release_row *rr)
{
	const struct reach_row *r = c->split[i] >= 0 ? &c->reach.v[c->split[i]] : NULL;

	return r && rr->function && !strcmp(rr->function, r->end_io) && !strcmp(rr->path, r->end_io_path);
}

/* Why a pin-verdict site does not convert, or NULL when it does (before shared releases). */
static const char *blocker(struct conv *c, size_t i)
{
	const struct plan_site_row *s = &c->rows.sites[i];
	/* GUP pages whose release the dialect names: pins (v5.6+), any get_user_pages*() before */
	int rename, pinned = !strncmp(s->api, "pin_user_pages", 14) ||
			     (c->d == DIALECT_PUT_USER && !strncmp(s->api, "get_user_pages", 14)),
	    work;
	const char *t = site_target(c, s, &rename), *why;

	if (!rename && !pinned && !extracts(t))
		return !strncmp(s->api, "iov_iter", 8) ? "this tree has no iov_iter_extract_pages()" :
		       "the dialect has no pinning form of it";
	/*
	 * A new pin (or, before v5.6, a new put_user_page() discipline) needs
	 * every release in view: pages that reach a function outside the files
	 * read, or go back to unseen callers, may be put there, and no release
	 * at all would leak the pin.
	 */
	if (rename || c->d == DIALECT_PUT_USER) {
		if (s->reaches && strcmp(s->reaches, "submit_bio"))
			return "its pages reach a function outside the files read";
		if (s->reaches && (why = bio_blocker(c, s, &c->split[i])))
			return why;
		if (s->returned)
			return "its pages go back to callers the files do not show";
		if (!has_release(s))
			return "no release of its pages was found";
	}
	if (extracts(t))
		return extract_blocker(c, s);
	work = rename || target_longterm_add(t, s->verdict, s->longterm, c->d);
	for (size_t k = 0; k < s->nrel; k++) {
		const struct plan_release_row *rr = &s->rel[k];

		if (rr->dirty || rr->dispatched || is_gup_release(c, rr->api) || in_split(c, i, rr))
			continue;
		if (!release_rule(c, rr->api))
			return "a release no rule converts: the pages would stay unbalanced";
		work = 1;
	}
	return work ? NULL : "";	/* "": nothing to change */
}

static void choose(struct conv *c)
{
	struct plan_rows *r = &c->rows;
	int changed = 1;

	c->converting = xcalloc(r->nsites + 1, 1);
	c->why = xcalloc(r->nsites + 1, sizeof(*c->why));
	c->split = xcalloc(r->nsites + 1, sizeof(*c->split));
	for (size_t i = 0; i < r->nsites; i++) {
		const struct plan_site_row *s = &r->sites[i];

		c->split[i] = -1;
		if (!s->function || !strcmp(s->rule, "implementation") ||
		    (strcmp(s->verdict, "pin") && strcmp(s->verdict, "longterm-pin")))
			continue;
		c->why[i] = blocker(c, i);
		c->converting[i] = !c->why[i];
	}
	/* A release shared with a site that stays as it is cannot change: neither converts. */
	while (changed) {
		changed = 0;
		for (size_t i = 0; i < r->nsites; i++)
			for (size_t k = 0; c->converting[i] && k < r->sites[i].nrel; k++) {
				const struct plan_release_row *rr = &r->sites[i].rel[k];

				if (rr->dirty || rr->dispatched || !release_rule(c, rr->api))
					continue;
				for (size_t j = 0; j < r->nsites && c->converting[i]; j++)
					for (size_t m = 0; !c->converting[j] && m < r->sites[j].nrel; m++)
						if (r->sites[j].rel[m].line == rr->line &&
						    !strcmp(r->sites[j].rel[m].path, rr->path)) {
							c->converting[i] = 0;
							c->why[i] = "it shares a release with a site that does not convert";
							changed = 1;
							break;
						}
			}
	}
}

/* The patch's subsystem prefix: the last folder of the acquire's folder ("vmw_vmci", "acrn"). */
static char *last_component(const char *dir)
{
	const char *slash = strrchr(dir, '/');

	return xstrdup(slash ? slash + 1 : *dir ? dir : "tree");
}

static size_t count_converting(const struct conv *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->rows.nsites; i++)
		n += c->converting[i] != 0;
	return n;
}

struct group {
	char *dir;
	size_t *sites;
	size_t nsites, alloc;
};

static void add_edit(struct edit **v, size_t *n, size_t *alloc, const char *rule, const char *path, int line)
{
	for (size_t i = 0; i < *n; i++)
		if ((*v)[i].line == line && !strcmp((*v)[i].path, path) && !strcmp((*v)[i].rule, rule))
			return;
	ALLOC_GROW(*v, *n + 1, *alloc);
	(*v)[(*n)++] = (struct edit){ rule, path, line };
}

/* Rules run in this order on each file: the flags first, then the rename, then the releases. */
static const char *const rule_order[] = {
	"write_flag", "foll_longterm", "pin_user_pages", "iov_iter_extract_pages", "iov_iter_extract_release",
	"end_io_split",
	"unpin_user_pages_loop", "unpin_user_page",
	"unpin_user_pages", "put_user_pages_loop", "put_user_page", "put_user_pages", NULL
};

/* Apply a group's edits to the work copy, file by file, rule by rule. */
static int apply_edits(struct conv *c, struct edit *e, size_t n, struct strvec *files)
{
	for (size_t i = 0; i < n; i++) {
		int seen = 0;

		for (size_t k = 0; k < files->n && !seen; k++)
			seen = !strcmp(files->v[k], e[i].path);
		if (!seen) {
			strvec_push(files, e[i].path);
			if (stage(c, e[i].path))
				return error("%s: cannot copy into %s", e[i].path, c->work);
		}
	}
	for (size_t f = 0; f < files->n; f++)
		for (int r = 0; rule_order[r]; r++) {
			int *lines = xcalloc(n + 1, sizeof(*lines));
			size_t nl = 0;
			int rc = 0;

			for (size_t i = 0; i < n; i++)
				if (!strcmp(e[i].path, files->v[f]) && !strcmp(e[i].rule, rule_order[r]))
					lines[nl++] = e[i].line;
			/* spatch parses a function it changed anew: positions after that are lost */
			if (nl && !strcmp(rule_order[r], "iov_iter_extract_pages"))
				for (size_t k = 0; k < nl && !rc; k++)
					rc = apply_rule(c, rule_order[r], files->v[f], &lines[k], 1);
			else if (nl)
				rc = apply_rule(c, rule_order[r], files->v[f], lines, nl);
			free(lines);
			if (rc)
				return -1;
		}
	return 0;
}

/* Append text to sb wrapped at 72 columns, continuation lines indented by indent spaces. */
static void add_wrapped(struct strbuf *sb, const char *text, int indent)
{
	int col = 0, first = 1;

	while (*text == ' ') {	/* keep the line's own indentation */
		strbuf_addstr(sb, " ");
		text++;
		col++;
	}
	while (*text) {
		size_t w = strcspn(text, " ");

		if (!first && col + 1 + (int)w > 72) {
			strbuf_addf(sb, "\n%*s", indent, "");
			col = indent;
		} else if (!first) {
			strbuf_addstr(sb, " ");
			col++;
		}
		first = 0;
		strbuf_add(sb, text, w);
		col += (int)w;
		text += w;
		while (*text == ' ')
			text++;
	}
	strbuf_addstr(sb, "\n");
}

/* Everything gupcheck proved for one folder: the edits and the commit message. */
static void plan_group(struct conv *c, const struct group *g, struct edit **e, size_t *n, size_t *alloc,
		       struct strbuf *msg, int *renames, int *longterms, int *writes)
{
	const struct plan_rows *r = &c->rows;

	for (size_t k = 0; k < g->nsites; k++) {
		const struct plan_site_row *s = &r->sites[g->sites[k]];
		int rename, add;
		char *line;
		const char *t = site_target(c, s, &rename);

		add = target_longterm_add(t, s->verdict, s->longterm, c->d);
		line = xasprintf("- %s:%d %s() in %s(): %s%s%s [%s]: %s.", s->path, s->line, s->api,
				 s->function, rename ? "becomes " : "stays ", t,
				 add ? " with FOLL_LONGTERM" : "", s->rule, s->evidence);
		if (msg)
			add_wrapped(msg, line, 2);
		free(line);
		if (rename) {
			if (e)
				add_edit(e, n, alloc, extracts(t) ? "iov_iter_extract_pages" : "pin_user_pages",
					 s->path, s->line);
			(*renames)++;
		}
		if (add) {
			if (e)
				add_edit(e, n, alloc, "foll_longterm", s->path, s->line);
			(*longterms)++;
		}
		if (c->split[g->sites[k]] >= 0) {
			const struct reach_row *r = &c->reach.v[c->split[g->sites[k]]];
			struct strbuf sets = { 0 };

			if (e)
				add_edit(e, n, alloc, "end_io_split", r->end_io_path, r->end_io_line);
			for (size_t q = 0; q < c->reach.n; q++) {
				const struct reach_row *o = &c->reach.v[q];

				if (o->acquire_id != s->id || !same_end_io(o, r))
					continue;
				if (e)
					add_edit(e, n, alloc, "end_io_split", o->assign_path, o->assign_line);
				strbuf_addf(&sets, "%s%s:%d", sets.len ? ", " : "", o->assign_path, o->assign_line);
			}
			line = xasprintf("  Its bio completion %s() (%s:%d) is reached by other pages too, through"
					 " other assignments: it is split into %s_gup() for the bios set at %s and"
					 " %s_normal() for the others, over %s_common(bio, gup).", r->end_io,
					 r->end_io_path, r->end_io_line, r->end_io, sets.buf, r->end_io, r->end_io);
			if (msg)
				add_wrapped(msg, line, 4);
			free(line);
			strbuf_release(&sets);
		}
		for (size_t m = 0; m < s->nrel; m++) {
			const struct plan_release_row *rr = &s->rel[m];
			const char *rule = rr->dirty || rr->dispatched ? NULL :
					   !extracts(t) ? release_rule(c, rr->api) :
					   is_gup_release(c, rr->api) ? NULL : "iov_iter_extract_release";
			char *line;

			if (!rule)
				continue;
			if (in_split(c, g->sites[k], rr)) {
				if (e)
					add_edit(e, n, alloc, "end_io_split", rr->path, rr->line);
				line = xasprintf("  Its release %s() at %s:%d in %s() becomes %s_put_page(page, gup):"
						 " unpin_user_page() for GUP pages, put_page() for the others.",
						 rr->api, rr->path, rr->line, rr->function, rr->function);
				if (msg)
					add_wrapped(msg, line, 4);
				free(line);
				continue;
			}
			if (extracts(t)) {
				if (e)
					add_edit(e, n, alloc, rule, rr->path, rr->line);
				line = xasprintf("  Its release %s() at %s:%d in %s() becomes %s() where"
						 " iov_iter_extract_will_pin() says the pages were pinned.",
						 rr->api, rr->path, rr->line, rr->function,
						 !strcmp(rr->api, "put_page") ? "unpin_user_page" : "unpin_user_pages");
				if (msg)
					add_wrapped(msg, line, 4);
				free(line);
				continue;
			}
			if (e) {
				if (loop_rule(c, rr->api))
					add_edit(e, n, alloc, loop_rule(c, rr->api), rr->path, rr->line);
				add_edit(e, n, alloc, rule, rr->path, rr->line);
			}
			if (!msg)
				continue;
			if (collapsed_to(c, rr->path, rr->line))
				line = xasprintf("  Its release %s() at %s:%d in %s() and the loop around it"
						 " become %s", rr->api, rr->path, rr->line,
						 rr->function ? rr->function : "?",
						 collapsed_to(c, rr->path, rr->line));
			else
				line = xasprintf("  Its release %s() at %s:%d in %s() becomes %s().", rr->api,
						 rr->path, rr->line, rr->function ? rr->function : "?", rule);
			add_wrapped(msg, line, 4);
			free(line);
		}
	}
	for (size_t f = 0; f < r->nfindings; f++) {
		const struct plan_finding_row *fd = &r->findings[f];
		char *dir;

		if (!fd->check || strcmp(fd->check, "write-literal"))
			continue;
		dir = dir_of(fd->path);
		if (!strcmp(dir, g->dir)) {
			char *line = xasprintf("- %s:%d: %s.", fd->path, fd->line, fd->message);

			if (msg)
				add_wrapped(msg, line, 2);
			free(line);
			if (e)
				add_edit(e, n, alloc, "write_flag", fd->path, fd->line);
			(*writes)++;
		}
		free(dir);
	}
}

static char *group_diff(struct conv *c, const struct strvec *files)
{
	struct strbuf sb = { 0 };

	for (size_t i = 0; i < files->n; i++) {
		char *before = xasprintf(".before/%s", files->v[i]), *a = xasprintf("a/%s", files->v[i]);
		char *b = xasprintf("b/%s", files->v[i]), *d = work_diff(c, before, files->v[i], a, b);

		if (d && *d)
			strbuf_addf(&sb, "diff --git a/%s b/%s\n%s", files->v[i], files->v[i], d);
		free(d);
		free(before);
		free(a);
		free(b);
	}
	return strbuf_detach(&sb);
}

struct patch {
	char *subject, *body, *diff, *slug;
};

/* The first line git config prints for key (malloc'ed), or NULL when it prints none. */
static char *git_config(const char *key)
{
	struct child_process cp = CHILD_PROCESS_INIT;
	struct strbuf out = { 0 };

	strvec_pushl(&cp.args, "git", "config", key, NULL);
	cp.capture = &out;
	if (run_command(&cp) || !out.len) {
		strbuf_release(&out);
		return NULL;
	}
	out.buf[strcspn(out.buf, "\n")] = 0;
	return strbuf_detach(&out);
}

static char *signoff_from_git(void)
{
	char *name = git_config("user.name"), *email = name ? git_config("user.email") : NULL;
	char *signoff = name && email && *name && *email ? xasprintf("%s <%s>", name, email) : NULL;

	free(name);
	free(email);
	return signoff;
}

static int write_series(const char *outdir, struct patch *v, size_t n, const char *signoff)
{
	char *series = xasprintf("%s/series", outdir);
	FILE *s = fopen(series, "w");

	if (!s)
		return error("%s: cannot write", series);
	for (size_t i = 0; i < n; i++) {
		char *name = xasprintf("%04zu-%s.patch", i + 1, v[i].slug);
		char *path = xasprintf("%s/%s", outdir, name);
		FILE *f = fopen(path, "w");

		if (!f) {
			fclose(s);
			return error("%s: cannot write", path);
		}
		fprintf(f, "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
			"From: %s\nDate: Thu, 1 Jan 1970 00:00:00 +0000\n"
			"Subject: [PATCH %zu/%zu] %s\n\n%s\nSigned-off-by: %s\n---\n%s-- \ngupcheck\n\n",
			signoff, i + 1, n, v[i].subject, v[i].body, signoff, v[i].diff);
		fclose(f);
		fprintf(s, "%s\n", name);
		free(name);
		free(path);
	}
	fclose(s);
	free(series);
	return 0;
}

/* git apply --check the whole series on the tree, then apply it: all or nothing. */
/* DIR/stays.txt: every pin or long-term pin site the series leaves as it is, and why, sorted. */
static int write_stays(const struct conv *c, const char *outdir, size_t *count)
{
	char *path = xasprintf("%s/stays.txt", outdir);
	FILE *f = fopen(path, "w");

	*count = 0;
	if (!f) {
		error("%s: cannot write", path);
		free(path);
		return -1;
	}
	for (size_t i = 0; i < c->rows.nsites; i++) {
		const struct plan_site_row *s = &c->rows.sites[i];

		if (c->converting[i] || !c->why[i] || !*c->why[i])
			continue;
		fprintf(f, "%s:%d:%d: %s() in %s(): %s, not converted: %s\n", s->path, s->line, s->col,
			s->api, s->function, s->verdict, c->why[i]);
		(*count)++;
	}
	fclose(f);
	free(path);
	return 0;
}

/*
 * git apply (with --check when check) in tree, of the patches outdir/series names.  Not the
 * repository of a folder above the tree: git apply would skip the tree's paths.
 */
static int git_apply(const char *tree, const char *outdir, const char *series, int check)
{
	struct child_process cp = CHILD_PROCESS_INIT;
	char *above = dir_of(tree);

	strvec_pushl(&cp.args, "git", "apply", NULL);
	if (check)
		strvec_push(&cp.args, "--check");
	for (const char *line = series, *end; *line; line = end + !!*end) {
		end = line + strcspn(line, "\n");
		if (end > line)
			strvec_pushf(&cp.args, "%s/%.*s", outdir, (int)(end - line), line);
	}
	/* the folder above the tree, as dirname(1) says: "/" above "/x" (tree is absolute) */
	strvec_pushf(&cp.env, "GIT_CEILING_DIRECTORIES=%s", *above ? above : "/");
	free(above);
	cp.dir = tree;
	return run_command(&cp);
}

static int apply_series(const char *tree, const char *outdir)
{
	char *path = xasprintf("%s/series", outdir), *series;
	size_t len;
	int rc = -1;

	series = read_file(path, &len);
	if (series)
		rc = git_apply(tree, outdir, series, 1) || git_apply(tree, outdir, series, 0);
	free(series);
	free(path);
	return rc ? error("%s: the series does not apply; the tree is unchanged", tree) : 0;
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

/* The first edit whose call no step since step from changed, or -1: spatch found no form there. */
static int unapplied(const struct conv *c, size_t from, const struct edit *e, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		int end = call_end(c, e[k].path, e[k].line), done = 0;

		for (int l = e[k].line; l <= end && !done; l++) {
			int line = l;

			for (size_t i = 0; i < c->nsteps && !done; i++) {
				if (strcmp(c->steps[i].path, e[k].path))
					continue;
				done = i >= from && diff_removes(c->steps[i].diff, line);
				line = diff_map_line(c->steps[i].diff, line);
			}
		}
		if (!done)
			return (int)k;
	}
	return -1;
}

/* Take the site that owns edit x out of group g (and of the series); -1 when no site owns it. */
static int drop_site(struct conv *c, struct group *g, const struct edit *x)
{
	for (size_t k = 0; k < g->nsites; k++) {
		const struct plan_site_row *s = &c->rows.sites[g->sites[k]];
		int owns = s->line == x->line && !strcmp(s->path, x->path);

		for (size_t m = 0; m < s->nrel && !owns; m++)
			owns = s->rel[m].line == x->line && !strcmp(s->rel[m].path, x->path);
		if (!owns)
			continue;
		c->converting[g->sites[k]] = 0;
		c->why[g->sites[k]] = "spatch found no form its rule rewrites";
		memmove(&g->sites[k], &g->sites[k + 1], (g->nsites - k - 1) * sizeof(*g->sites));
		g->nsites--;
		return 0;
	}
	return error("%s:%d: spatch %s.cocci changed nothing there", x->path, x->line, x->rule);
}

/* Put the group's files back as they were before it, and forget its steps. */
static int restore(struct conv *c, const struct strvec *files, size_t s0, size_t l0)
{
	for (size_t i = 0; i < files->n; i++) {
		char *before = xasprintf("%s/.before/%s", c->work, files->v[i]);
		char *work = xasprintf("%s/%s", c->work, files->v[i]);
		int rc = copy_file(before, work);

		free(before);
		free(work);
		if (rc)
			return error("%s: cannot restore in %s", files->v[i], c->work);
	}
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
	return 0;
}

/* How many of the group's sites become iov_iter_extract_pages(). */
static int group_extracts(const struct conv *c, const struct group *g)
{
	int n = 0, rename;

	for (size_t k = 0; k < g->nsites; k++)
		n += extracts(site_target(c, &c->rows.sites[g->sites[k]], &rename));
	return n;
}

static int convert(struct conv *c, const char *outdir, const char *signoff, int do_apply)
{
	struct plan_rows *r = &c->rows;
	struct group *g = NULL;
	struct patch *pv = NULL;
	size_t ng = 0, galloc = 0, np = 0, palloc = 0, nstay;
	int rc = -1;

	choose(c);
	for (size_t i = 0; i < r->nsites + r->nfindings; i++) {
		const char *path;
		char *dir;
		size_t k;

		if (i < r->nsites) {
			if (!c->converting[i])
				continue;
			path = r->sites[i].path;
		} else {
			const struct plan_finding_row *fd = &r->findings[i - r->nsites];

			if (!fd->check || strcmp(fd->check, "write-literal"))
				continue;
			path = fd->path;
		}
		dir = dir_of(path);
		for (k = 0; k < ng && strcmp(g[k].dir, dir); k++)
			;
		if (k == ng) {
			ALLOC_GROW(g, ng + 1, galloc);
			memset(&g[ng], 0, sizeof(*g));
			g[ng++].dir = dir;
		} else {
			free(dir);
		}
		if (i < r->nsites) {
			ALLOC_GROW(g[k].sites, g[k].nsites + 1, g[k].alloc);
			g[k].sites[g[k].nsites++] = i;
		}
	}
	for (size_t k = 0; k < ng; k++) {
		struct edit *e = NULL;
		size_t n = 0, ealloc = 0;
		struct strbuf msg = { 0 };
		struct strvec files = { 0 };
		int renames = 0, longterms = 0, writes = 0;
		char *sub = last_component(g[k].dir), *d;

		for (;;) {
			size_t s0 = c->nsteps, l0 = c->nloops;
			int bad;

			plan_group(c, &g[k], &e, &n, &ealloc, NULL, &renames, &longterms, &writes);
			if (apply_edits(c, e, n, &files) ||
			    ((bad = unapplied(c, s0, e, n)) >= 0 && drop_site(c, &g[k], &e[bad]))) {
				free(e);
				strvec_clear(&files);
				free(sub);
				goto out;
			}
			if (bad < 0)
				break;
			/* a site whose rewrite spatch did not make is dropped: the folder again without it */
			if (restore(c, &files, s0, l0)) {
				free(e);
				strvec_clear(&files);
				free(sub);
				goto out;
			}
			free(e);
			e = NULL;
			n = ealloc = 0;
			strvec_clear(&files);
			renames = longterms = writes = 0;
		}
		{	/* the message, knowing which loops collapsed */
			int r2 = 0, l2 = 0, w2 = 0;

			plan_group(c, &g[k], NULL, NULL, NULL, &msg, &r2, &l2, &w2);
		}
		d = group_diff(c, &files);
		if (*d) {
			struct strbuf body = { 0 };
			int extractions = group_extracts(c, &g[k]);

			ALLOC_GROW(pv, np + 1, palloc);
			strbuf_addf(&body, "%s", !renames ?
				    "Make these call sites say what gupcheck proved about them:\n\n" :
				    c->d == DIALECT_PIN_PUT_USER ?
				    "Pages of these call sites are used as the data of an I/O or a copy, so\n"
				    "they are pinned (Documentation/core-api/pin_user_pages.rst), and every\n"
				    "release of them becomes put_user_page*(), the release of pins in this\n"
				    "tree:\n\n" :
				    "Pages of these call sites are used as the data of an I/O or a copy, so\n"
				    "they are pinned (Documentation/core-api/pin_user_pages.rst), and every\n"
				    "release of them becomes the matching unpin:\n\n");
			strbuf_addstr(&body, msg.buf ? msg.buf : "");
			strbuf_addstr(&body, "\nThe sites and their releases were paired by gupcheck's flow analysis and\n"
				      "rewritten by its semantic patches (cocci/), at exactly these positions.\n");
			pv[np].subject = xasprintf("%s: %s", sub,
						   renames > extractions ? "convert get_user_pages() --> pin_user_pages()" :
						   renames ? "convert iov_iter_get_pages*() --> iov_iter_extract_pages()" :
						   longterms ? "mark long-term pins FOLL_LONGTERM" :
						   writes ? "pass FOLL_WRITE as gup_flags" :
						   c->d == DIALECT_PIN ? "release pinned pages with unpin_user_page()" :
						   c->d == DIALECT_PIN_PUT_USER ? "release pinned pages with put_user_page()" :
						   "convert put_page() to put_user_page*()");
			pv[np].slug = xasprintf("%s-%s", sub,
						renames > extractions ? "convert-get_user_pages-to-pin_user_pages" :
						renames ? "convert-iov_iter_get_pages-to-iov_iter_extract_pages" :
						longterms ? "mark-long-term-pins" : writes ? "pass-foll_write" :
						c->d == DIALECT_PIN ? "release-pinned-pages-with-unpin" :
						c->d == DIALECT_PIN_PUT_USER ? "release-pinned-pages-with-put_user_page" :
						"convert-put_page-to-put_user_page");
			pv[np].body = strbuf_detach(&body);
			pv[np++].diff = d;
		} else {
			free(d);
		}
		free(e);
		strbuf_release(&msg);
		strvec_clear(&files);
		free(sub);
	}
	if (write_series(outdir, pv, np, signoff) || write_stays(c, outdir, &nstay))
		goto out;
	printf("gupcheck: convert: %zu patches, %zu sites -> %s/series; %zu pin sites stay: %s/stays.txt\n",
	       np, count_converting(c), c->outdir_arg, nstay, c->outdir_arg);
	rc = do_apply && np ? apply_series(c->tree, outdir) : 0;
out:
	for (size_t k = 0; k < ng; k++) {
		free(g[k].dir);
		free(g[k].sites);
	}
	free(g);
	for (size_t i = 0; i < np; i++) {
		free(pv[i].subject);
		free(pv[i].body);
		free(pv[i].diff);
		free(pv[i].slug);
	}
	free(pv);
	return rc;
}

/* Has a file the plan touches changed since the scan?  Then positions are wrong: refuse. */
static int stale(struct facts_db *db, const char *tree, const struct plan_rows *r)
{
	for (size_t i = 0; i < r->nsites; i++)
		for (size_t k = 0; k <= r->sites[i].nrel; k++) {
			const char *path = k < r->sites[i].nrel ? r->sites[i].rel[k].path : r->sites[i].path;
			char *want = db_file_hash(db, path), *abs = xasprintf("%s/%s", tree, path), *buf;
			char got[17] = "";
			size_t len;
			int bad;

			if ((buf = read_file(abs, &len)))
				hash_hex(buf, len, got);
			bad = want && strcmp(want, got);
			free(buf);
			free(want);
			free(abs);
			if (bad)
				return error("%s/%s: changed since the scan: run 'gupcheck scan' on this tree again",
					     tree, path);
		}
	return 0;
}

/* Where cocci/ is: $GUPCHECK_COCCI, else beside the program (checker/gupcheck -> cocci/). */
static char *cocci_dir(void)
{
	char exe[4096];
	ssize_t n;
	char *slash;

	if (getenv("GUPCHECK_COCCI"))
		return xstrdup(getenv("GUPCHECK_COCCI"));
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return xstrdup("cocci");
	exe[n] = 0;
	if ((slash = strrchr(exe, '/')))
		*slash = 0;
	return xasprintf("%s/../cocci", exe);
}

int cmd_convert(int argc, char **argv)
{
	static const char usage[] = "usage: gupcheck convert TREE -o DIR [--api=auto|put_user_page|pin] [--apply]"
				    " [--signoff 'NAME <EMAIL>'] [--db FILE.db]";
	const char *tree = NULL, *outdir = NULL, *api = "auto", *dbpath = NULL;
	char *signoff = NULL, *tmpdb = NULL, *meta, *absout = NULL;
	struct conv c = { 0 };
	struct facts_db *db;
	int do_apply = 0, rc = EXIT_USAGE;
	char work[] = "/tmp/gupcheck-convert.XXXXXX";

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			outdir = argv[++i];
		else if (!strncmp(argv[i], "--api=", 6))
			api = argv[i] + 6;
		else if (!strcmp(argv[i], "--apply"))
			do_apply = 1;
		else if (!strcmp(argv[i], "--signoff") && i + 1 < argc)
			signoff = xstrdup(argv[++i]);
		else if (!strcmp(argv[i], "--db") && i + 1 < argc)
			dbpath = argv[++i];
		else if (argv[i][0] != '-' && !tree)
			tree = argv[i];
		else
			die("%s", usage);
	}
	if (!tree || !outdir)
		die("%s", usage);
	if (!dir_exists(tree))
		die("%s: no such directory", tree);
	if (strcmp(api, "auto") && strcmp(api, "pin") && strcmp(api, "put_user_page"))
		die("--api=%s: expected auto, put_user_page or pin", api);
	if (!signoff && !(signoff = signoff_from_git()))
		die("%s: no Signed-off-by: set git config user.name and user.email, or pass --signoff", outdir);
	if (mkdir(outdir, 0777) && !dir_exists(outdir))
		die("%s: cannot create the output folder", outdir);
	c.outdir_arg = outdir;
	outdir = absout = realpath(outdir, NULL);
	if (!dbpath) {
		tmpdb = xasprintf("%s/gupcheck-convert.%ld.db", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp",
				  (long)getpid());
		if (scan_run(tree, tmpdb, (int)sysconf(_SC_NPROCESSORS_ONLN), 1))
			goto out;
		dbpath = tmpdb;
	}
	if (!(db = db_open(dbpath)))
		goto out;
	if (api_dialect(db, tree, api, &c.d)) {
		db_close(db);
		goto out;
	}
	meta = db_get_meta(db, "has_extract");
	c.has_extract = meta && !strcmp(meta, "yes");
	free(meta);
	if (c.d == DIALECT_OLD) {
		error("%s: a tree before v5.2 (neither pin_user_pages nor put_user_page in"
		      " include/linux/mm.h): nothing to convert to", tree);
		db_close(db);
		goto out;
	}
	if (db_load_plan(db, &c.rows) || db_load_bio_reach(db, &c.reach)) {
		db_close(db);
		goto out;
	}
	if (stale(db, tree, &c.rows)) {
		db_close(db);
		plan_rows_release(&c.rows);
		goto out;
	}
	db_close(db);
	if (!mkdtemp(work)) {
		error("%s: cannot create a work folder", work);
		plan_rows_release(&c.rows);
		goto out;
	}
	c.tree = realpath(tree, NULL);
	c.work = work;
	c.cocci = cocci_dir();
	if (!convert(&c, outdir, signoff, do_apply))
		rc = EXIT_CLEAN;
	remove_tree(work);
	for (size_t i = 0; i < c.nsteps; i++) {
		free(c.steps[i].path);
		free(c.steps[i].diff);
	}
	free(c.steps);
	for (size_t i = 0; i < c.nloops; i++) {
		free(c.loops[i].path);
		free(c.loops[i].text);
	}
	free(c.loops);
	free(c.converting);
	free(c.why);
	free(c.split);
	reach_rows_release(&c.reach);
	free((char *)c.cocci);
	free((char *)c.tree);
	plan_rows_release(&c.rows);
out:
	if (tmpdb) {
		unlink(tmpdb);
		free(tmpdb);
	}
	free(signoff);
	free(absout);
	return rc;
}
