/* gupcheck convert's output: commit messages, patches, the series, stays.txt, sign-off, --apply. */
#define _GNU_SOURCE
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "convert.h"
#include "run.h"

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

/* A line of the message, wrapped, continuation lines indented by indent spaces. */
__attribute__((format(printf, 3, 4)))
static void add_line(struct group_plan *gp, int indent, const char *fmt, ...)
{
	va_list ap;
	char *line;

	if (!gp->msg)
		return;
	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	add_wrapped(gp->msg, line, indent);
	free(line);
}

/* Add the edit rule at path:line with its positions argument arg (or NULL), once. */
static void add_edit_arg(struct group_plan *gp, enum rewrite_id rule, const char *path, int line,
			 const char *arg)
{
	if (!gp->edits)
		return;
	for (size_t i = 0; i < gp->n; i++)
		if (gp->e[i].line == line && gp->e[i].rule == rule && !strcmp(gp->e[i].path, path))
			return;
	ALLOC_GROW(gp->e, gp->n + 1, gp->alloc);
	gp->e[gp->n++] = (struct edit){ .rule = rule, .path = path, .line = line, .arg = arg };
}

static void add_edit(struct group_plan *gp, enum rewrite_id rule, const char *path, int line)
{
	add_edit_arg(gp, rule, path, line, NULL);
}

/*
 * Helper site i takes a flags parameter (c->flags_param): the edit at its acquire (the
 * definition), one at each call, and the message's line naming the keeping calls.
 */
static void group_flags_param(const struct conv *c, size_t i, struct group_plan *gp)
{
	const struct plan_site_row *s = &c->rows.sites[i];
	struct strbuf keep = { 0 };
	size_t nkeep = 0;

	add_edit(gp, RW_FLAGS_PARAM, s->path, s->line);
	for (size_t k = 0; k < s->ncallers; k++) {
		const struct plan_caller_row *cr = &s->callers[k];

		add_edit_arg(gp, RW_FLAGS_PARAM, cr->path, cr->line,
			     c->param_args.v[c->flags_param[i] + (long)k]);
		if (cr->verdict_id != VERDICT_LONGTERM_PIN)
			continue;
		strbuf_addf(&keep, "%s%s() at %s:%d", keep.len ? ", " : "", cr->function,
			    cr->path, cr->line);
		nkeep++;
	}
	add_line(gp, 4, "  %s() takes a flags parameter gup_flags, ORed into its %s()'s flags:"
		 " FOLL_LONGTERM at the calls that keep the pages (%s), 0 at its %zu other calls.",
		 s->function, s->api, keep.buf, s->ncallers - nkeep);
	strbuf_release(&keep);
	gp->longterms++;
}

/* The split of site s's bio completion r: its edits and its line of the message. */
static void group_split(const struct conv *c, const struct plan_site_row *s,
		       const struct reach_row *r, struct group_plan *gp)
{
	struct strbuf sets = { 0 };

	add_edit(gp, RW_END_IO_SPLIT, r->end_io_path, r->end_io_line);
	for (size_t q = 0; q < c->reach.n; q++) {
		const struct reach_row *o = &c->reach.v[q];

		if (o->acquire_id != s->id || !same_end_io(o, r))
			continue;
		add_edit(gp, RW_END_IO_SPLIT, o->assign_path, o->assign_line);
		strbuf_addf(&sets, "%s%s:%d", sets.len ? ", " : "", o->assign_path, o->assign_line);
	}
	add_line(gp, 4, "  Its bio completion %s() (%s:%d) is reached by other pages too, through"
		 " other assignments: it is split into %s_gup() for the bios set at %s and"
		 " %s_normal() for the others, over %s_common(bio, gup).", r->end_io,
		 r->end_io_path, r->end_io_line, r->end_io, sets.buf, r->end_io, r->end_io);
	strbuf_release(&sets);
}

/* Release rr of site i (target acquire t): its edits and its line of the message. */
static void group_release(const struct conv *c, size_t i, const char *t,
			 const struct plan_release_row *rr, struct group_plan *gp)
{
	const char *fn = rr->function ? rr->function : "?", *loop_text;
	int rule, loop;

	if (rr->dirty || rr->dispatched)
		return;
	if (!extracts(t))
		rule = release_rule(c, rr->api, t, 0);
	else
		rule = is_gup_release(c, rr->api) ? -1 : RW_EXTRACT_RELEASE;
	if (rule < 0)
		return;
	if (in_split(c, i, rr)) {
		add_edit(gp, RW_END_IO_SPLIT, rr->path, rr->line);
		add_line(gp, 4, "  Its release %s() at %s:%d in %s() becomes"
			 " %s_put_page(page, gup): unpin_user_page() for GUP pages, put_page()"
			 " for the others.",
			 rr->api, rr->path, rr->line, rr->function, rr->function);
		return;
	}
	if (extracts(t)) {
		add_edit(gp, (enum rewrite_id)rule, rr->path, rr->line);
		add_line(gp, 4, "  Its release %s() at %s:%d in %s() becomes %s() where"
			 " iov_iter_extract_will_pin() says the pages were pinned.",
			 rr->api, rr->path, rr->line, rr->function,
			 api_kind_of(rr->api) == API_PUT ? "unpin_user_page" : "unpin_user_pages");
		return;
	}
	loop = release_rule(c, rr->api, t, 1);
	if (loop >= 0)
		add_edit(gp, (enum rewrite_id)loop, rr->path, rr->line);
	add_edit(gp, (enum rewrite_id)rule, rr->path, rr->line);
	gp->refs += rewrites[rule].flags & RW_REF ? 1 : 0;
	loop_text = spatch_collapsed_to(c, rr->path, rr->line);
	if (loop_text)
		add_line(gp, 4, "  Its release %s() at %s:%d in %s() and the loop around it"
			 " become %s", rr->api, rr->path, rr->line, fn, loop_text);
	else
		add_line(gp, 4, "  Its release %s() at %s:%d in %s() becomes %s()%s.", rr->api,
			 rr->path, rr->line, fn, target_release(rr->api, t, c->d),
			 rewrites[rule].flags & RW_REF ? ": v5.6+ has no put_user_page*()" :
			 "");
}

/* Site i: its edits and its lines of the message. */
static void group_site(const struct conv *c, size_t i, struct group_plan *gp)
{
	const struct plan_site_row *s = &c->rows.sites[i];
	int rename = 0, add, old = c->converting[i] == CONV_RELEASES;
	const char *t = old ? s->api : site_target(c, s, &rename);

	rename = rename && !old;
	add = !old && verdict_longterm_add(s->verdict_id, t, s->longterm, c->d) &&
	      c->flags_param[i] < 0;
	add_line(gp, 2, "- %s:%d %s() in %s(): %s%s%s [%s]: %s%s%s.", s->path, s->line, s->api,
		 s->function, rename ? "becomes " : "stays ", t, add ? " with FOLL_LONGTERM" : "",
		 rule_name(s->rule_id), s->evidence, old && c->why[i] ? "; it is not converted: " :
		 "", old && c->why[i] ? c->why[i] : "");
	if (rename) {
		add_edit(gp, extracts(t) ? RW_EXTRACT : RW_PIN_USER_PAGES, s->path, s->line);
		gp->renames++;
	}
	if (add) {
		add_edit(gp, RW_FOLL_LONGTERM, s->path, s->line);
		gp->longterms++;
	}
	if (!old && c->flags_param[i] >= 0)
		group_flags_param(c, i, gp);
	if (c->split[i] >= 0)
		group_split(c, s, &c->reach.v[c->split[i]], gp);
	for (size_t m = 0; m < s->nrel; m++)
		group_release(c, i, t, &s->rel[m], gp);
}

void group_plan(const struct conv *c, const struct group *g, struct group_plan *gp)
{
	const struct plan_rows *r = &c->rows;

	for (size_t k = 0; k < g->nsites; k++)
		group_site(c, g->sites[k], gp);
	for (size_t f = 0; f < r->nfindings; f++) {
		const struct plan_finding_row *fd = &r->findings[f];
		char *dir;

		if (!fd->check || fd->check_id != CHECK_write_literal)
			continue;
		dir = dir_of(fd->path);
		if (!strcmp(dir, g->dir)) {
			add_line(gp, 2, "- %s:%d: %s.", fd->path, fd->line, fd->message);
			add_edit(gp, RW_WRITE_FLAG, fd->path, fd->line);
			gp->writes++;
		}
		free(dir);
	}
}

/* The patch's subsystem prefix: the last folder of the acquire's folder ("vmw_vmci", "acrn"). */
static char *last_component(const char *dir)
{
	const char *slash = strrchr(dir, '/');

	return xstrdup(slash ? slash + 1 : *dir ? dir : "tree");
}

/* How many of the group's sites become iov_iter_extract_pages(). */
static int group_extracts(const struct conv *c, const struct group *g)
{
	int n = 0, rename;

	for (size_t k = 0; k < g->nsites; k++)
		n += extracts(site_target(c, &c->rows.sites[g->sites[k]], &rename));
	return n;
}

/* What a patch does, as its subject says it (slug: as its file name says it). */
static const char *patch_title(const struct conv *c, const struct group_plan *gp, int extractions,
			       int slug)
{
	if (gp->renames > extractions)
		return slug ? "convert-get_user_pages-to-pin_user_pages" :
		       "convert get_user_pages() --> pin_user_pages()";
	if (gp->renames)
		return slug ? "convert-iov_iter_get_pages-to-iov_iter_extract_pages" :
		       "convert iov_iter_get_pages*() --> iov_iter_extract_pages()";
	if (gp->longterms)
		return slug ? "mark-long-term-pins" : "mark long-term pins FOLL_LONGTERM";
	if (gp->writes)
		return slug ? "pass-foll_write" : "pass FOLL_WRITE as gup_flags";
	if (gp->refs)
		return slug ? "release-references-with-put_page" :
		       "release references with put_page(), not put_user_page()";
	if (c->d == DIALECT_PIN)
		return slug ? "release-pinned-pages-with-unpin" :
		       "release pinned pages with unpin_user_page()";
	if (c->d == DIALECT_PIN_PUT_USER)
		return slug ? "release-pinned-pages-with-put_user_page" :
		       "release pinned pages with put_user_page()";
	return slug ? "convert-put_page-to-put_user_page" :
	       "convert put_page() to put_user_page*()";
}

/* The first paragraph of a patch's body. */
static const char *patch_intro(const struct conv *c, const struct group_plan *gp)
{
	if (!gp->renames)
		return "Make these call sites say what gupcheck proved about them:\n\n";
	if (c->d == DIALECT_PIN_PUT_USER)
		return "Pages of these call sites are used as the data of an I/O or a copy, so\n"
		       "they are pinned (Documentation/core-api/pin_user_pages.rst), and every\n"
		       "release of them becomes put_user_page*(), the release of pins in this\n"
		       "tree:\n\n";
	return "Pages of these call sites are used as the data of an I/O or a copy, so\n"
	       "they are pinned (Documentation/core-api/pin_user_pages.rst), and every\n"
	       "release of them becomes the matching unpin:\n\n";
}

void group_patch(const struct conv *c, const struct group *g, const struct group_plan *gp,
		 const char *msg, char *d, struct patch *p)
{
	struct strbuf body = { 0 };
	int extractions = group_extracts(c, g);
	char *sub = last_component(g->dir);

	strbuf_addstr(&body, patch_intro(c, gp));
	strbuf_addstr(&body, msg ? msg : "");
	strbuf_addstr(&body, "\nThe sites and their releases were paired by gupcheck's flow"
		      " analysis and\nrewritten by its semantic patches (cocci/), at exactly these"
		      " positions.\n");
	p->subject = xasprintf("%s: %s", sub, patch_title(c, gp, extractions, 0));
	p->slug = xasprintf("%s-%s", sub, patch_title(c, gp, extractions, 1));
	p->body = strbuf_detach(&body);
	p->diff = d;
	free(sub);
}

void patch_release(struct patch *p)
{
	free(p->subject);
	free(p->body);
	free(p->diff);
	free(p->slug);
}

/* Close f, written to path (freed here): -1 after saying so when a write failed. */
static int close_written(FILE *f, char *path)
{
	int rc = ferror(f) | fclose(f);

	if (rc)
		error("%s: cannot write", path);
	free(path);
	return rc ? -1 : 0;
}

/* Write patch i + 1 of n, v, as outdir/name. */
static int write_patch(const char *outdir, const char *name, const struct patch *v, size_t i,
		       size_t n, const char *signoff)
{
	char *path = xasprintf("%s/%s", outdir, name);
	FILE *f = fopen(path, "w");

	if (!f) {
		error("%s: cannot write", path);
		free(path);
		return -1;
	}
	fprintf(f, "From 0000000000000000000000000000000000000000 Mon Sep 17 00:00:00 2001\n"
		"From: %s\nDate: Thu, 1 Jan 1970 00:00:00 +0000\n"
		"Subject: [PATCH %zu/%zu] %s\n\n%s\nSigned-off-by: %s\n---\n%s-- \ngupcheck\n\n",
		signoff, i + 1, n, v->subject, v->body, signoff, v->diff);
	return close_written(f, path);
}

int write_series(const char *outdir, const struct patch *v, size_t n, const char *signoff)
{
	char *series = xasprintf("%s/series", outdir);
	FILE *s = fopen(series, "w");
	int rc = 0;

	if (!s) {
		error("%s: cannot write", series);
		free(series);
		return -1;
	}
	for (size_t i = 0; i < n && !rc; i++) {
		char *name = xasprintf("%04zu-%s.patch", i + 1, v[i].slug);

		rc = write_patch(outdir, name, &v[i], i, n, signoff);
		if (!rc)
			fprintf(s, "%s\n", name);
		free(name);
	}
	return close_written(s, series) || rc;
}

/* Is release rr of site i (k-th) an earlier site's release too?  It is said once. */
static int said_before(const struct conv *c, size_t i, const struct plan_release_row *rr)
{
	for (size_t j = 0; j <= i; j++)
		for (size_t m = 0; m < c->rows.sites[j].nrel; m++) {
			const struct plan_release_row *o = &c->rows.sites[j].rel[m];

			if (o == rr)
				return 0;
			if (o->line == rr->line && !strcmp(o->path, rr->path))
				return 1;
		}
	return 0;
}

/*
 * Where the tree pins, the put_user_page*() releases of site i that keep their name, which
 * v5.6+ does not have: the site's pages stay references and the release has no reference
 * form (put_user_pages_dirty_lock()), or the site is not converted at all.
 */
static void stays_old_releases(const struct conv *c, size_t i, FILE *f)
{
	const struct plan_site_row *s = &c->rows.sites[i];
	const char *t = release_target(c, i);

	if (c->d != DIALECT_PIN || c->converting[i] == CONV_SITE ||
	    s->rule_id == RULE_IMPLEMENTATION)
		return;
	for (size_t k = 0; k < s->nrel; k++) {
		const struct plan_release_row *rr = &s->rel[k];

		if (rr->dirty || rr->dispatched || api_kind_of(rr->api) != API_PUT_USER ||
		    (c->converting[i] == CONV_RELEASES && release_rule(c, rr->api, t, 0) >= 0) ||
		    said_before(c, i, rr))
			continue;
		fprintf(f, "%s:%d:%d: %s() in %s(): releases %s() of %s:%d, keeps its name, which"
			" v5.6+ does not have: %s%s\n", rr->path, rr->line, rr->col, rr->api,
			rr->function ? rr->function : "?", s->api, s->path, s->line,
			c->converting[i] == CONV_RELEASES ? "the pages stay references, which have"
			" no release of its form" : "the site is not converted",
			c->converting[i] != CONV_RELEASES && c->why[i] && *c->why[i] ? ": see above" :
			"");
	}
}

int write_stays(const struct conv *c, const char *outdir, size_t *count)
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

		if (c->converting[i] == CONV_SITE || !c->why[i] || !*c->why[i])
			continue;
		fprintf(f, "%s:%d:%d: %s() in %s(): %s, not converted: %s\n", s->path, s->line,
			s->col, s->api, s->function, verdict_name(s->verdict_id), c->why[i]);
		(*count)++;
	}
	for (size_t i = 0; i < c->rows.nsites; i++)
		stays_old_releases(c, i, f);	/* after the sites, not counted among them */
	return close_written(f, path);
}

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

char *signoff_from_git(void)
{
	char *name = git_config("user.name"), *email = name ? git_config("user.email") : NULL;
	char *signoff = name && email && *name && *email ? xasprintf("%s <%s>", name, email) : NULL;

	free(name);
	free(email);
	return signoff;
}

/*
 * git apply in tree of the patches outdir/series names, with option (--check, --numstat -z)
 * when given, stdout into out when given.  Not the repository of a folder above the tree: git
 * apply would skip the tree's paths.
 */
static int git_apply(const char *tree, const char *outdir, const char *series,
		     const char *option, struct strbuf *out)
{
	struct child_process cp = CHILD_PROCESS_INIT;
	char *above = dir_of(tree);

	strvec_pushl(&cp.args, "git", "apply", NULL);
	if (option)
		strvec_push(&cp.args, option);
	if (out)
		strvec_push(&cp.args, "-z");
	for (const char *line = series, *end; *line; line = end + !!*end) {
		end = line + strcspn(line, "\n");
		if (end > line)
			strvec_pushf(&cp.args, "%s/%.*s", outdir, (int)(end - line), line);
	}
	/* the folder above the tree, as dirname(1) says: "/" above "/x" (tree is absolute) */
	strvec_pushf(&cp.env, "GIT_CEILING_DIRECTORIES=%s", *above ? above : "/");
	free(above);
	cp.dir = tree;
	cp.capture = out;
	return run_command(&cp);
}

/* A file of the tree as it was before the series: its content, or NULL when it did not exist. */
struct saved_file {
	char *path, *content;
	size_t len;
	mode_t mode;
};

/* Save every file the series touches ("git apply --numstat -z": ADDED TAB DELETED TAB PATH NUL). */
static int save_files(const char *tree, const char *outdir, const char *series,
		      struct saved_file **v, size_t *n)
{
	struct strbuf out = { 0 };
	size_t alloc = 0;
	int rc = 0;

	*v = NULL;
	*n = 0;
	if (git_apply(tree, outdir, series, "--numstat", &out)) {
		strbuf_release(&out);
		return error("%s: git apply --numstat failed: the files the series touches are"
			     " unknown; the tree is unchanged", tree);
	}
	for (const char *p = out.buf; out.buf && p < out.buf + out.len; p += strlen(p) + 1) {
		const char *name = strchr(p, '\t') ? strchr(strchr(p, '\t') + 1, '\t') : NULL;
		struct saved_file *f;
		struct stat st;

		if (!name)
			continue;
		ALLOC_GROW(*v, *n + 1, alloc);
		f = &(*v)[(*n)++];
		f->path = xasprintf("%s/%s", tree, name + 1);
		f->content = stat(f->path, &st) ? NULL : read_file(f->path, &f->len);
		f->mode = f->content ? st.st_mode & 07777 : 0;
		if (!f->content && !stat(f->path, &st)) {
			/* it exists but cannot be kept: a restore would have to remove it */
			rc = error("%s: cannot read it to keep a copy (%s); the tree is unchanged",
				   f->path, strerror(errno));
			break;
		}
	}
	strbuf_release(&out);
	return rc;
}

/* Put f back as it was, through a temporary file and a rename; -1 when it could not be. */
static int restore_file(const struct saved_file *f)
{
	char *tmp;
	FILE *out;
	int rc;

	if (!f->content)
		return unlink(f->path) && errno != ENOENT ? -1 : 0;
	tmp = xasprintf("%s.gupcheck-restore.%ld", f->path, (long)getpid());
	out = fopen(tmp, "w");
	rc = !out || fwrite(f->content, 1, f->len, out) != f->len;
	rc |= out && fclose(out);
	rc = rc || chmod(tmp, f->mode) || rename(tmp, f->path);
	if (rc)
		unlink(tmp);
	free(tmp);
	return rc ? -1 : 0;
}

int apply_series(const char *tree, const char *outdir)
{
	char *path = xasprintf("%s/series", outdir), *series;
	struct saved_file *saved = NULL;
	size_t len, nsaved = 0, lost = 0;
	int rc = -1, kept;

	series = read_file(path, &len);
	free(path);
	if (!series || git_apply(tree, outdir, series, "--check", NULL)) {
		free(series);
		return error("%s: the series does not apply; the tree is unchanged", tree);
	}
	kept = !save_files(tree, outdir, series, &saved, &nsaved);	/* else said why */
	rc = kept ? git_apply(tree, outdir, series, NULL, NULL) : -1;
	for (size_t i = 0; i < nsaved; i++) {
		if (rc && kept && restore_file(&saved[i]))
			lost += !!error("%s: could not be restored", saved[i].path);
		free(saved[i].path);
		free(saved[i].content);
	}
	free(saved);
	free(series);
	if (!kept)
		return -1;	/* nothing was applied */
	if (rc && lost)
		return error("%s: the series did not apply, and %zu of the %zu files it touches could"
			     " not be restored: the tree is partly changed", tree, lost, nsaved);
	if (rc)
		return error("%s: the series did not apply; the %zu files it touches are restored",
			     tree, nsaved);
	return 0;
}
