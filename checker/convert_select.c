/* gupcheck convert's site selection: which sites of the plan convert, and why the others stay. */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "convert.h"
#include "lex.h"

int api_kind_of(const char *name)
{
	const struct gup_api *a = api_lookup(name);

	return a ? (int)a->kind : -1;
}

int extracts(const char *target)
{
	return api_kind_of(target) == API_ITER_EXTRACT;
}

const char *site_target(const struct conv *c, const struct plan_site_row *s, int *rename)
{
	const char *t = verdict_acquire_target(s->verdict_id, s->api, c->d, c->has_extract);
	int kind = api_kind_of(t);

	*rename = strcmp(t, s->api) && (kind == API_PIN || kind == API_ITER_EXTRACT);
	return t;
}

int is_gup_release(const struct conv *c, const char *api)
{
	int kind = api_kind_of(api);

	return (dialect_pins(c->d) && kind == API_UNPIN) ||
	       (kind == API_PUT_USER && (c->d != DIALECT_PIN || dialect_put_user_releases_pins()));
}

/* Does a site whose target acquire is target hold pins (or extracted pages)? */
static int pins(const char *target)
{
	int kind = api_kind_of(target);

	return kind == API_PIN || kind == API_ITER_EXTRACT;
}

int release_rule(const struct conv *c, const char *api, const char *target, int loop)
{
	unsigned dialect = c->d == DIALECT_PIN ? RW_UNPIN : RW_PUT_USER;
	int kind = api_kind_of(api);

	/*
	 * Where the tree pins, the releases of references stay, but for the put_user_page*()
	 * of v5.2-v5.5, which v5.6+ does not have: the ones with a reference form take it.
	 */
	if (pins(target) && is_gup_release(c, api))
		return -1;	/* already right */
	if (c->d == DIALECT_PIN && !pins(target))
		dialect = kind == API_PUT_USER && old_release_ref_form(api) ? RW_REF : 0;
	for (int r = 0; kind >= 0 && r < RW_NR; r++)
		if ((rewrites[r].flags & dialect) && !(rewrites[r].flags & RW_LOOP) == !loop &&
		    rewrites[r].release == kind)
			return r;
	return -1;
}

const char *release_target(const struct conv *c, size_t i)
{
	int rename;

	if (c->converting[i] == CONV_RELEASES)
		return c->rows.sites[i].api;
	return site_target(c, &c->rows.sites[i], &rename);
}

int same_end_io(const struct reach_row *a, const struct reach_row *b)
{
	return !strcmp(a->end_io, b->end_io) && !strcmp(a->end_io_path, b->end_io_path);
}

int in_split(const struct conv *c, size_t i, const struct plan_release_row *rr)
{
	const struct reach_row *r = c->split[i] >= 0 ? &c->reach.v[c->split[i]] : NULL;

	return r && rr->function && !strcmp(rr->function, r->end_io) &&
	       !strcmp(rr->path, r->end_io_path);
}

/* Does the site have a release (not only dirtyings)? */
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
	if (!pages || (address && *pages++ != '&') ||
	    !(isalpha((unsigned char)*pages) || *pages == '_'))
		return 0;
	while (isalnum((unsigned char)*pages) || *pages == '_')
		pages++;
	return !*pages;
}

/* Why a release of an iov_iter_get_pages*() site rules out the extraction, or NULL. */
static const char *extract_release_blocker(const struct plan_site_row *s,
		const struct plan_release_row *rr)
{
	int kind = api_kind_of(rr->api);

	if (rr->dispatched || strcmp(rr->path, s->path) || !rr->function ||
	    strcmp(rr->function, s->function))
		return "a release is in another function, where the iterator is not in view:"
		       " iov_iter_extract_will_pin() has to be kept beside the pages";
	if (kind != API_PUT && kind != API_RELEASE)
		return "a release is neither put_page() nor release_pages()";
	return NULL;
}

/*
 * Why an iov_iter_get_pages*() site cannot become iov_iter_extract_pages(), or NULL: its
 * releases must test iov_iter_extract_will_pin() on the iterator, which is in view only in
 * the function that extracts.
 */
static const char *extract_blocker(const struct conv *c, const struct plan_site_row *s)
{
	int work = !extracts(s->api);
	const char *why;

	if (c->d != DIALECT_PIN)
		return "the release of an extraction is an unpin under iov_iter_extract_will_pin(),"
		       " not put_user_page()";
	for (size_t k = 0; k < s->nrel; k++) {
		const struct plan_release_row *rr = &s->rel[k];

		if (rr->dirty || is_gup_release(c, rr->api))
			continue;
		if ((why = extract_release_blocker(s, rr)))
			return why;
		work = 1;
	}
	if (extracts(s->api))	/* an extraction already: its releases only */
		return work ? NULL : "";
	/* the two forms cocci/iov_iter_extract_pages.cocci rewrites */
	if (!plain_array(s->pages, !strcmp(s->api, "iov_iter_get_pages_alloc2")) ||
	    (strcmp(s->api, "iov_iter_get_pages2") && strcmp(s->api, "iov_iter_get_pages_alloc2")))
		return "only iov_iter_get_pages2(it, pages, ...) and"
		       " iov_iter_get_pages_alloc2(it, &pages, ...) into an array variable are"
		       " rewritten";
	return NULL;
}

/* Do pages of acquire id get o's completion at o's assignment too? */
static int assigned_by(const struct conv *c, long long id, const struct reach_row *o)
{
	for (size_t q = 0; q < c->reach.n; q++) {
		const struct reach_row *r = &c->reach.v[q];

		if (r->acquire_id == id && same_end_io(r, o) && r->assign_line == o->assign_line &&
		    !strcmp(r->assign_path, o->assign_path))
			return 1;
	}
	return 0;
}

static int is_ident_char(char ch)
{
	return isalnum((unsigned char)ch) || ch == '_';
}

/*
 * Does line (NUL-terminated, comments and strings blanked) name fn as a word, other than as
 * "bi_end_io = fn;" (set) or a prototype (proto, ending the line with ';')?
 */
static int names_other_than(const char *line, const char *fn, const char *set, const char *proto)
{
	size_t fl = strlen(fn);

	if (strstr(line, set) || (strstr(line, proto) && line[strlen(line) - 1] == ';'))
		return 0;
	for (const char *p = line; (p = strstr(p, fn)); p += fl)
		if ((p == line || !is_ident_char(p[-1])) && !is_ident_char(p[fl]))
			return 1;
	return 0;
}

/*
 * The first line of path (in the tree) that names function fn other than its definition at
 * line def, a prototype, or "->bi_end_io = fn;": a use a split would break.  0 when none.
 */
static int other_use(const struct conv *c, const char *path, const char *fn, int def)
{
	char *abs = xasprintf("%s/%s", c->tree, path), *set = xasprintf("bi_end_io = %s;", fn);
	char *proto = xasprintf("static void %s(struct bio *", fn), *raw, *text = NULL;
	size_t len;
	int n = 1, ret = 0;

	raw = read_file(abs, &len);
	if (raw)
		text = lex_blank(raw, len);	/* comments and strings name nothing */
	for (char *line = text; line && *line && !ret; n++) {
		char *end = strchr(line, '\n');

		if (end)
			*end = 0;
		if (n != def && names_other_than(line, fn, set, proto))
			ret = n;
		line = end ? end + 1 : NULL;
	}
	free(raw);
	free(text);
	free(abs);
	free(set);
	free(proto);
	return ret;
}

/*
 * Why completion r (a reach row of site s), which other pages reach too, cannot be split, or
 * NULL.  *others: whether other pages reach it.
 */
static const char *shared_end_io(const struct conv *c, const struct plan_site_row *s,
				 const struct reach_row *r, int *others)
{
	*others = 0;
	for (size_t m = 0; m < c->reach.n; m++) {
		const struct reach_row *o = &c->reach.v[m];

		if (!same_end_io(o, r) || o->acquire_id == s->id)
			continue;
		if (o->acquire_id)
			return "its bio completion also completes the pages of another GUP site";
		if (assigned_by(c, s->id, o))
			return "other pages get its bio completion at the same assignment, so one"
			       " bio may hold both: no split separates them";
		if (strcmp(o->assign_path, r->end_io_path) ||
		    strcmp(r->assign_path, r->end_io_path))
			return "its bio completion, which other pages reach too, is set in another"
			       " file";
		*others = 1;
	}
	return NULL;
}

/* Why completion r, which other pages reach too, is not split (split: the one chosen so far). */
static const char *split_blocker(const struct conv *c, const struct reach_row *r, long split)
{
	if (c->d != DIALECT_PIN)
		return "its bio completion, which other pages reach too, is split only where the"
		       " tree pins";
	if (split >= 0)
		return "its pages reach two bio completions that other pages reach too";
	if (!r->end_io_static)
		return "its bio completion, which other pages reach too, is not static: a split"
		       " would change its users in other files";
	if (other_use(c, r->end_io_path, r->end_io, r->end_io_line))
		return "its bio completion, which other pages reach too, is used other than as"
		       " bi_end_io";
	return NULL;
}

/* Why the releases of site s do not fit the split of completion r, or NULL. */
static const char *split_release_blocker(const struct plan_site_row *s, const struct reach_row *r)
{
	for (size_t k = 0; k < s->nrel; k++) {
		const struct plan_release_row *rr = &s->rel[k];

		if (rr->dirty || (rr->function && !strcmp(rr->function, s->function)))
			continue;
		if (!rr->function || strcmp(rr->function, r->end_io) ||
		    strcmp(rr->path, r->end_io_path))
			return "a release is in a helper of its bio completion, which other pages"
			       " reach too";
		if (api_kind_of(rr->api) != API_PUT)
			return "its bio completion, which other pages reach too, releases with"
			       " another call than put_page()";
	}
	return NULL;
}

/*
 * A site whose pages go into bios (they reach submit_bio()) is in view when gupcheck followed
 * them to their completions.  A completion only its pages reach converts as any release; one
 * that other pages reach too, through other assignments, is split (*split: its first reach
 * row).  NULL, or why not.
 */
static const char *bio_blocker(const struct conv *c, const struct plan_site_row *s, long *split)
{
	const char *why;
	int seen = 0, others;

	*split = -1;
	for (size_t k = 0; k < c->reach.n; k++) {
		const struct reach_row *r = &c->reach.v[k];

		if (r->acquire_id != s->id || (*split >= 0 && same_end_io(r, &c->reach.v[*split])))
			continue;
		seen = 1;
		if ((why = shared_end_io(c, s, r, &others)))
			return why;
		if (!others)
			continue;
		if ((why = split_blocker(c, r, *split)))
			return why;
		*split = (long)k;
	}
	if (!seen)
		return "its pages reach submit_bio(), and no completion of their bios was found";
	return *split >= 0 ? split_release_blocker(s, &c->reach.v[*split]) : NULL;
}

/* Are the site's pages GUP pages whose release the dialect names: pins (v5.6+), or before
 * v5.6 get_user_pages*() pages (as named: __get_user_pages_fast() is not among them)? */
static int pinned(const struct conv *c, const struct plan_site_row *s)
{
	return api_kind_of(s->api) == API_PIN ||
	       (c->d == DIALECT_PUT_USER && !strncmp(s->api, "get_user_pages", 14));
}

/*
 * A new pin (or, before v5.6, a new put_user_page() discipline) needs every release in view:
 * pages that reach a function outside the files read, or go back to unseen callers, may be
 * put there, and no release at all would leak the pin.  Why site i's are not, or NULL.
 */
static const char *release_blocker(struct conv *c, size_t i)
{
	const struct plan_site_row *s = &c->rows.sites[i];
	const char *why;

	if (s->reaches && strcmp(s->reaches, "submit_bio"))
		return "its pages reach a function outside the files read";
	if (s->reaches && (why = bio_blocker(c, s, &c->split[i])))
		return why;
	if (s->returned)
		return "its pages go back to callers the files do not show";
	if (!has_release(s))
		return "no release of its pages was found";
	return NULL;
}

/*
 * Is release rr one that pages of another origin reach too, with nothing between them (a
 * mixed-origin finding at it)?  Unpinning it would unpin pages GUP did not pin: a site with
 * such a release stays until a branch or flag splits the release (gupcheck does not split it).
 */
static int mixed_origin_at(const struct conv *c, const struct plan_release_row *rr)
{
	for (size_t f = 0; f < c->rows.nfindings; f++) {
		const struct plan_finding_row *fd = &c->rows.findings[f];

		if (fd->check && fd->check_id == CHECK_mixed_origin && fd->line == rr->line &&
		    !strcmp(fd->path, rr->path))
			return 1;
	}
	return 0;
}

/* Are flags (an acquire's flags argument as written) FOLL_* names, numbers and '|' only? */
static int constant_flags(const char *flags)
{
	const char *p = flags;

	while (p && *p) {
		size_t w = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789abcdefghijklmnopqrstuvwxyz");

		if (w && strncmp(p, "FOLL_", 5) && !isdigit((unsigned char)*p))
			return 0;
		p += w;
		p += strspn(p, " \t\n|()");
		if (!w && *p && !strchr(" \t\n|()", *p))
			return 0;
	}
	return flags != NULL;
}

/*
 * How helper fn is defined in path (comments and strings blanked): *exported when the file
 * names it in EXPORT_SYMBOL*(), *external when a line that starts with a type and names fn(
 * at column 0's declaration is not "static".  -1 when the file cannot be read.
 */
static int helper_linkage(const struct conv *c, const char *path, const char *fn,
			  int *exported, int *external)
{
	char *abs = xasprintf("%s/%s", c->tree, path), *raw, *text, *call = xasprintf("%s(", fn);
	char *exp = xasprintf("(%s)", fn);
	size_t len, fl = strlen(call);

	*exported = *external = 0;
	raw = read_file(abs, &len);
	free(abs);
	text = raw ? lex_blank(raw, len) : NULL;
	for (char *line = text; line && *line;) {
		char *end = strchr(line, '\n'), *at;

		if (end)
			*end = 0;
		at = strstr(line, call);
		if (!strncmp(line, "EXPORT_SYMBOL", 13) && strstr(line, exp))
			*exported = 1;
		else if (at && isalpha((unsigned char)*line) && (at == line || !is_ident_char(at[-1])) &&
			 strncmp(line, "static", 6) && at[fl - 1] == '(')
			*external = 1;
		line = end ? end + 1 : NULL;
	}
	free(raw);
	free(text);
	free(call);
	free(exp);
	return raw ? 0 : -1;
}

/*
 * Why helper site s cannot take a new flags parameter passed FOLL_LONGTERM at its keeping
 * calls, or NULL.  Every caller must be in view and its call rewritten in the same patch.  An
 * exported helper stays: modules outside the tree call it with the old signature.  A helper
 * with external linkage stays when a call is in another file: the prototype those files see
 * is in a header convert does not rewrite yet.
 */
static const char *param_blocker(const struct conv *c, const struct plan_site_row *s)
{
	int exported, external;

	if (s->callers_out)
		return "FOLL_LONGTERM is needed at some of its callers only, and not every caller is"
		       " in view (the plan's callers line): the helper's signature stays";
	if (!constant_flags(s->flags))
		return "FOLL_LONGTERM is needed at some of its callers only (the plan's caller lines),"
		       " and its flags argument is not constants: a flags parameter is added only"
		       " to an acquire whose flags are FOLL_* names";
	if (helper_linkage(c, s->path, s->function, &exported, &external))
		return "its file cannot be read";
	if (exported)
		return "FOLL_LONGTERM is needed at some of its callers only (the plan's caller lines),"
		       " and the helper is exported: modules outside the tree call it, so its"
		       " signature stays";
	for (size_t k = 0; external && k < s->ncallers; k++)
		if (strcmp(s->callers[k].path, s->path))
			return "FOLL_LONGTERM is needed at some of its callers only (the plan's caller"
			       " lines), and a caller is in another file: the prototype in a header is"
			       " not rewritten yet, so the helper's signature stays";
	return NULL;
}

/*
 * Why a helper's site, whose calls differ on FOLL_LONGTERM (some keep the pages, some use them
 * once: flow_callers.c), does not take FOLL_LONGTERM, or NULL.  It belongs at the keeping
 * calls, through a new flags parameter (*param set: param_blocker()).  Where the helper
 * passes its callers' flags (carried flags) the acquire takes FOLL_LONGTERM as before: adding
 * it to the keeping calls' flags is not done yet.
 */
static const char *caller_blocker(const struct conv *c, const struct plan_site_row *s,
				  const char *t, int *param)
{
	size_t lt = 0;

	*param = 0;
	if (!verdict_longterm_add(s->verdict_id, t, s->longterm, c->d) || s->ncallers < 2)
		return NULL;
	for (size_t k = 0; k < s->ncallers; k++)
		lt += s->callers[k].verdict_id == VERDICT_LONGTERM_PIN;
	for (size_t k = 0; k < s->ncallers; k++)
		if (s->callers[k].longterm)
			return NULL;	/* carried flags: FOLL_LONGTERM at the acquire, as before */
	if (!lt || lt == s->ncallers)
		return NULL;
	*param = 1;
	return param_blocker(c, s);
}

/* Fill c->param_args with site s's callers' positions arguments; c->flags_param[i] says where. */
static void add_param_args(struct conv *c, size_t i)
{
	const struct plan_site_row *s = &c->rows.sites[i];

	c->flags_param[i] = (long)c->param_args.n;
	for (size_t k = 0; k < s->ncallers; k++)
		strvec_pushf(&c->param_args, "call %s %s", s->function,
			     s->callers[k].verdict_id == VERDICT_LONGTERM_PIN ? "FOLL_LONGTERM" : "0");
}

/* Why a pin-verdict site does not convert, or NULL when it does (before shared releases). */
static const char *blocker(struct conv *c, size_t i)
{
	const struct plan_site_row *s = &c->rows.sites[i];
	int rename, work, param, kind = api_kind_of(s->api);
	const char *t = site_target(c, s, &rename), *why;

	if (!rename && !pinned(c, s) && !extracts(t))
		return kind == API_ITER_GET || kind == API_ITER_EXTRACT ?
		       "this tree has no iov_iter_extract_pages()" :
		       "the dialect has no pinning form of it";
	if ((rename || c->d == DIALECT_PUT_USER) && (why = release_blocker(c, i)))
		return why;
	if ((why = caller_blocker(c, s, t, &param)))
		return why;
	if (param)
		add_param_args(c, i);
	if (extracts(t))
		return extract_blocker(c, s);
	work = rename || verdict_longterm_add(s->verdict_id, t, s->longterm, c->d);
	for (size_t k = 0; k < s->nrel; k++) {
		const struct plan_release_row *rr = &s->rel[k];

		if (rr->dirty || rr->dispatched || is_gup_release(c, rr->api) || in_split(c, i, rr))
			continue;
		if (mixed_origin_at(c, rr))
			return "a release also releases pages GUP did not take, with no branch or flag"
			       " between them (mixed-origin): it needs one before the pages can be pinned";
		if (release_rule(c, rr->api, t, 0) < 0)
			return "a release no rule converts: the pages would stay unbalanced";
		work = 1;
	}
	return work ? NULL : "";	/* "": nothing to change */
}

/* Does a site that does not convert have release rr too? */
static int stays_with(const struct conv *c, const struct plan_release_row *rr)
{
	const struct plan_rows *r = &c->rows;

	for (size_t j = 0; j < r->nsites; j++) {
		if (c->converting[j] == CONV_SITE)
			continue;
		for (size_t m = 0; m < r->sites[j].nrel; m++)
			if (r->sites[j].rel[m].line == rr->line &&
			    !strcmp(r->sites[j].rel[m].path, rr->path))
				return 1;
	}
	return 0;
}

/* Does converting site i share a release a rule converts with a site that does not convert? */
static int shares_release(const struct conv *c, size_t i)
{
	const struct plan_site_row *s = &c->rows.sites[i];
	const char *t = release_target(c, i);

	for (size_t k = 0; k < s->nrel; k++) {
		const struct plan_release_row *rr = &s->rel[k];

		if (rr->dirty || rr->dispatched || release_rule(c, rr->api, t, 0) < 0)
			continue;
		if (stays_with(c, rr))
			return 1;
	}
	return 0;
}

/*
 * Where the tree pins, is site i, which stays as it is, released by a put_user_page*() that
 * has a reference form (put_page(), release_pages())?  Its pages stay references, and v5.6+
 * has no put_user_page*(): those releases become the reference form.
 */
static int old_releases(const struct conv *c, size_t i)
{
	const struct plan_site_row *s = &c->rows.sites[i];

	if (c->d != DIALECT_PIN || !s->function || s->rule_id == RULE_IMPLEMENTATION)
		return 0;
	for (size_t k = 0; k < s->nrel; k++)
		if (!s->rel[k].dirty && !s->rel[k].dispatched &&
		    api_kind_of(s->rel[k].api) == API_PUT_USER &&
		    release_rule(c, s->rel[k].api, s->api, 0) >= 0)
			return 1;
	return 0;
}

/*
 * Which sites convert: a pin verdict whose every release (not picked by kind at run time) is
 * put_page()/release_pages()/put_user_page*() or already an unpin, and whose releases no site
 * that stays a reference shares; repeated to a fixpoint.  Then, where the tree pins, each site
 * that stays and is released by put_user_page*() gets those releases in their reference form.
 */
void select_sites(struct conv *c)
{
	struct plan_rows *r = &c->rows;
	int changed = 1;

	c->converting = xcalloc(r->nsites + 1, 1);
	c->why = xcalloc(r->nsites + 1, sizeof(*c->why));
	c->split = xcalloc(r->nsites + 1, sizeof(*c->split));
	c->flags_param = xcalloc(r->nsites + 1, sizeof(*c->flags_param));
	for (size_t i = 0; i < r->nsites; i++) {
		const struct plan_site_row *s = &r->sites[i];

		c->split[i] = -1;
		c->flags_param[i] = -1;
		if (!s->function || s->rule_id == RULE_IMPLEMENTATION ||
		    (s->verdict_id != VERDICT_PIN && s->verdict_id != VERDICT_LONGTERM_PIN))
			continue;
		c->why[i] = blocker(c, i);
		c->converting[i] = c->why[i] ? CONV_STAYS : CONV_SITE;
	}
	/* A release shared with a site that stays as it is cannot change: neither converts. */
	while (changed) {
		changed = 0;
		for (size_t i = 0; i < r->nsites; i++) {
			if (!c->converting[i] || !shares_release(c, i))
				continue;
			c->converting[i] = 0;
			c->why[i] = "it shares a release with a site that does not convert";
			changed = 1;
		}
	}
	for (size_t i = 0; i < r->nsites; i++)
		if (c->converting[i] == CONV_STAYS && old_releases(c, i))
			c->converting[i] = CONV_RELEASES;
}

size_t count_old_releases(const struct conv *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->rows.nsites; i++)
		n += c->converting[i] == CONV_RELEASES;
	return n;
}

size_t count_converting(const struct conv *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->rows.nsites; i++)
		n += c->converting[i] == CONV_SITE;
	return n;
}
