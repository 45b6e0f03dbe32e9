/* Each acquire site's verdict (GUP.md cases 1-5) and the API it and its releases should use. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "flow.h"

static const char *const verdict_names[NR_VERDICTS] = {
	[VERDICT_REF] = "ref", [VERDICT_PIN] = "pin", [VERDICT_LONGTERM_PIN] = "longterm-pin",
	[VERDICT_UNKNOWN] = "unknown",
};

static const char *const rule_names[NR_RULES] = {
	[RULE_CASE_1] = "case 1", [RULE_CASE_2] = "case 2", [RULE_CASE_3] = "case 3",
	[RULE_CASE_4] = "case 4", [RULE_CASE_5] = "case 5", [RULE_AS_WRITTEN] = "as written",
	[RULE_IMPLEMENTATION] = "implementation", [RULE_NOT_COMPILED] = "not compiled",
	[RULE_RETURNED] = "returned",
};

static const char *const severity_names[NR_SEVERITIES] = {
	[SEV_ERROR] = "error", [SEV_WARNING] = "warning",
};

int name_lookup(const char *const *names, size_t n, const char *name)
{
	for (size_t i = 0; i < n; i++)
		if (names[i] && !strcmp(names[i], name))
			return (int)i;
	return -1;
}

const char *verdict_name(enum verdict v)
{
	return verdict_names[v];
}

int verdict_from_name(const char *name)
{
	return name_lookup(verdict_names, NR_VERDICTS, name);
}

const char *rule_name(enum rule r)
{
	return rule_names[r];
}

int rule_from_name(const char *name)
{
	return name_lookup(rule_names, NR_RULES, name);
}

const char *severity_name(enum severity s)
{
	return severity_names[s];
}

int call_has_longterm(const struct call_fact *c)
{
	return c->longterm || (c->flags_names && strstr(c->flags_names, "FOLL_LONGTERM"));
}

static const char *fn_of(const struct plan *p, struct call_ref r)
{
	const char *f = call_at(p, r)->function;

	return f ? f : "";
}

/*
 * A release reached through a field or global in a teardown path, or NULL: a release's first
 * path, else any other (release, via) path the walks found (site.paths).
 */
static const struct reached *teardown_release(const struct site *s)
{
	for (size_t i = 0; i < s->nrel; i++)
		if (s->rel[i].teardown)
			return &s->rel[i];
	for (size_t i = 0; i < s->npaths; i++)
		if (s->paths[i].teardown)
			return &s->paths[i];
	return NULL;
}

static void say(struct site *s, enum rule rule, enum verdict verdict, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void say(struct site *s, enum rule rule, enum verdict verdict, const char *fmt, ...)
{
	va_list ap;
	char *msg;

	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	s->rule = rule;
	s->verdict = verdict;
	s->evidence = msg;
}

/*
 * The file whose MMU notifiers follow the site's pages: its own (for one caller of a helper,
 * judged alone: the caller's file), or, when every release of them lies in other files that
 * use notifiers (a wrapper acquire API's callers: the driver
 * that keeps the address), the first of those; NULL if none.
 */
static const struct file_facts *notifier_file(const struct plan *p, const struct site *s)
{
	size_t own = s->from_caller ? s->caller_file : s->at.file;
	const struct file_facts *ff = &p->facts[own];

	if (ff->mmu_notifier || !s->nrel)
		return ff->mmu_notifier ? ff : NULL;
	for (size_t r = 0; r < s->nrel; r++)
		if (s->rel[r].at.file == own || !p->facts[s->rel[r].at.file].mmu_notifier)
			return NULL;
	return &p->facts[s->rel[0].at.file];
}

/*
 * The words before the place s's pages are kept in: "; pages kept in " (or, without pages,
 * "; kept in "), "; page numbers kept in " when only their numbers (pfns, addresses given to a
 * device) are kept there, "" when nothing keeps them.
 */
static const char *kept_in(const struct site *s, int pages)
{
	if (!s->escape)
		return "";
	if (s->escape_numbers)
		return "; page numbers kept in ";
	return pages ? "; pages kept in " : "; kept in ";
}

/*
 * Does nothing contradict case 3 for s's pages: they are not kept in an object (only their
 * numbers, or pages found again from them: the address the device follows), not given to a
 * function the walk cannot follow, and not filled into a container of an object?
 */
/* Are s's pages themselves kept in an object (not only their numbers)? */
static int kept_pages(const struct site *s)
{
	return s->escape && !s->escape_numbers && !s->escape_via_number;
}

static int notifier_proven(const struct site *s)
{
	return !kept_pages(s) && !s->unknown_call && !s->fills_into;
}

/* Why notifier_proven() failed, in words (the first reason). */
static const char *notifier_doubt(const struct site *s)
{
	static char buf[256];

	if (s->fills_into)
		snprintf(buf, sizeof(buf), "the pages are filled into %s", s->fills_into);
	else if (s->unknown_call)
		snprintf(buf, sizeof(buf), "the pages reach %s, which gupcheck cannot follow",
			 s->unknown_call);
	else
		snprintf(buf, sizeof(buf), "the pages are kept in an object");
	return buf;
}

/*
 * The words of case 4's positive evidence: what the walk saw touch only struct page (an
 * INSPECT callee, a release), or NULL when it saw nothing.  Caller frees.
 */
static char *struct_page_only(const struct site *s)
{
	if (s->inspected)
		return xasprintf("the pages are only inspected as struct page (%s())%s",
				 s->inspected, s->nrel ? " and released" : "");
	if (s->nrel)
		return xstrdup("the pages are only released (their struct page's count)");
	return NULL;
}

/*
 * Are the pages held, for writing, across the call that receives their user address
 * (call_fact.addr_use)?  Not when every release of them in the acquiring function comes
 * before that call; a release elsewhere, or none, leaves them held.  GUP.md case 4: such a
 * call reaches their data.
 */
static int held_across_addr_use(const struct plan *p, const struct site *s,
				const struct call_fact *c)
{
	int before = 0;

	if (!c->write || !c->addr_use)
		return 0;
	for (size_t i = 0; i < s->nrel; i++) {
		const struct call_fact *r = call_at(p, s->rel[i].at);

		if (s->rel[i].at.file != s->at.file || !r->function || !c->function ||
		    strcmp(r->function, c->function) || r->line >= c->addr_use_line)
			return 1;
		before = 1;
	}
	return !before;
}

static void decide(const struct plan *p, struct site *s)
{
	const struct call_fact *c = call_at(p, s->at);
	const struct file_facts *ff = &p->facts[s->at.file], *nf;
	enum api_kind k = c->api->kind;
	const struct reached *td;

	if (!c->compiled || strcmp(c->seen_by, "clang")) {
		say(s, RULE_NOT_COMPILED, VERDICT_UNKNOWN, "%s", c->note ? c->note : "not seen by the compiler");
		return;
	}
	if (p->impl[s->at.file]) {
		say(s, RULE_IMPLEMENTATION, k == API_GET || k == API_ITER_GET ? VERDICT_REF : VERDICT_PIN,
		    "%s implements GUP-family functions: its calls pass their callers' flags and pages",
		    ff->path);
		return;
	}
	if (k == API_ITER_EXTRACT) {
		say(s, RULE_AS_WRITTEN, VERDICT_PIN,
		    "iov_iter_extract_pages() pins user-backed iterators itself");
		return;
	}
	if (k == API_ITER_GET) {
		say(s, RULE_CASE_1, VERDICT_PIN, "iov_iter pages are taken for one I/O (direct IO)%s",
		    p->has_extract ? "" : "; this tree has no iov_iter_extract_pages(): references stay");
		return;
	}
	if (call_has_longterm(c)) {
		say(s, RULE_AS_WRITTEN, VERDICT_LONGTERM_PIN, "FOLL_LONGTERM is written at the call");
		return;
	}
	if (s->carried && s->carried_all_longterm) {
		say(s, RULE_AS_WRITTEN, VERDICT_LONGTERM_PIN,
		    "FOLL_LONGTERM is passed at every call of %s()", c->function);
		return;
	}
	if (k == API_LONGTERM) {
		say(s, RULE_AS_WRITTEN, VERDICT_LONGTERM_PIN,
		    "get_user_pages_longterm() asks for a long-term reference");
		return;
	}
	if (!c->pages_to || !strcmp(c->pages_to, "null")) {
		say(s, RULE_CASE_4, k == API_PIN ? VERDICT_PIN : VERDICT_REF,
		    "no pages array: the call only faults the pages in");
		return;
	}
	/*
	 * Case 3 is a device that keeps no page: it takes the page's address, drops
	 * or keeps the reference briefly, and follows invalidations (KVM, ODP).
	 * Pages stored in an object of a file that also has a notifier (i915
	 * userptr, gntdev's copy batch) are held like any DMA buffer; their numbers
	 * kept, or pages found again from kept numbers (KVM's pfns, kvm_vcpu_map()),
	 * are the address case 3 is about.
	 */
	nf = notifier_file(p, s);
	if (nf && !notifier_proven(s) && !kept_pages(s)) {
		say(s, RULE_CASE_5, VERDICT_PIN, "%s uses MMU notifiers or HMM, but %s: a pin is the"
		    " safe choice%s%s", nf->path, notifier_doubt(s), kept_in(s, 1),
		    s->escape ? s->escape : "");
		return;
	}
	if (nf && notifier_proven(s)) {
		if (k == API_PIN)
			say(s, RULE_CASE_3, VERDICT_PIN, "%s uses MMU notifiers or HMM: the pin is dropped on"
			    " invalidation, not long-term", nf->path);
		else
			say(s, RULE_CASE_3, VERDICT_REF, "%s uses MMU notifiers or HMM: the device follows"
			    " invalidations", nf->path);
		return;
	}
	if ((td = teardown_release(s))) {
		const char *fn = fn_of(p, td->at);
		char *from = strcmp(fn, td->teardown) ? xasprintf(", called from %s()", td->teardown) :
			     xstrdup("");

		say(s, RULE_CASE_2, VERDICT_LONGTERM_PIN, "%s kept in %s, released in %s() (%s:%u)%s"
		    " in the teardown that frees their holder: they outlive the system call",
		    s->escape && s->escape_numbers ? "page numbers" : "pages",
		    s->escape ? s->escape : td->via, fn, p->facts[td->at.file].path,
		    call_at(p, td->at)->line, from);
		free(from);
		return;
	}
	if (k == API_PIN) {
		say(s, RULE_AS_WRITTEN, VERDICT_PIN, "already a pin%s%s", kept_in(s, 1),
		    s->escape ? s->escape : "");
		return;
	}
	if (s->returned && !s->data_use && !s->fills && !s->escape && !s->nrel) {
		say(s, RULE_RETURNED, VERDICT_UNKNOWN,
		    "the pages are handed to callers outside the files read");
		return;
	}
	if (!s->data_use && !s->fills && !s->escape && !s->returned && !s->unknown) {
		char *why = struct_page_only(s);

		if (why && held_across_addr_use(p, s, c))
			say(s, RULE_CASE_5, VERDICT_PIN, "the pages are held for writing across %s()"
			    " (line %u), which receives their user address %s: their data is used",
			    c->addr_use, c->addr_use_line, c->addr);
		else if (why)
			say(s, RULE_CASE_4, VERDICT_REF, "%s", why);
		else
			say(s, RULE_CASE_5, VERDICT_PIN, "nothing the walk sees uses the pages, so"
			    " nothing shows they are only inspected as struct page: a pin is the safe"
			    " choice");
		free(why);
		return;
	}
	if (s->fills)
		say(s, RULE_CASE_1, VERDICT_PIN, "pages go into an sg table or bio for DMA%s%s",
		    kept_in(s, 0), s->escape ? s->escape : "");
	else if (s->data_use)
		say(s, RULE_CASE_5, VERDICT_PIN, "the pages' data is used (%s)%s%s", s->data_use,
		    kept_in(s, 0), s->escape ? s->escape : "");
	else
		say(s, RULE_CASE_5, VERDICT_PIN, "the pages reach %s, which gupcheck cannot follow: a pin is"
		    " the safe choice%s%s", s->unknown ? s->unknown : "their callers",
		    kept_in(s, 0), s->escape ? s->escape : "");
}

void plan_decide(struct plan *p)
{
	for (size_t i = 0; i < p->nsites; i++) {
		struct site *s = &p->sites[i];
		char *more;

		decide(p, s);
		if (!s->carried)
			continue;
		more = xasprintf("%s; %s", s->evidence, s->carried);
		free(s->evidence);
		s->evidence = more;
	}
}

static const char *pin_name(const char *get)
{
	const struct gup_api *a = api_lookup(get);

	return a && a->pin ? a->pin : get;
}

const char *old_release_ref_form(const char *api)
{
	for (const struct gup_api *a = gup_apis; a->name; a++)
		if (a->put_user && !strcmp(a->put_user, api))
			return a->name;
	return NULL;
}

const char *target_release(const char *api, const char *acquire_target, enum dialect d)
{
	const struct gup_api *a = api_lookup(api);
	const char *to = NULL;
	int pinned = !strncmp(acquire_target, "pin_user_pages", 14) ||
		     !strcmp(acquire_target, "iov_iter_extract_pages");

	if (!a)
		return api;
	if (d == DIALECT_PIN && pinned && a->kind == API_PUT_USER && dialect_put_user_releases_pins())
		to = api;	/* the tree's own release of pins */
	else if (d == DIALECT_PIN && pinned)
		to = a->unpin;
	else if (d == DIALECT_PIN && a->kind == API_PUT_USER)
		to = old_release_ref_form(api);	/* v5.6+ has no put_user_page*() */
	else if ((d == DIALECT_PUT_USER && !strncmp(acquire_target, "get_user_pages", 14)) ||
		 (d == DIALECT_PIN_PUT_USER && pinned))
		to = a->put_user;
	return to ? to : api;
}

static int word_char(char c)
{
	return isalnum((unsigned char)c) || c == '_';
}

/*
 * An expression with its whitespace folded: dropped, but for one space between two word
 * characters ("a [i]" and "a[i]" are one text, "unsigned long" keeps its space).  Caller frees.
 */
static char *fold_space(const char *s)
{
	struct strbuf sb = { 0 };

	for (; *s; s++) {
		if (!isspace((unsigned char)*s)) {
			strbuf_add(&sb, s, 1);
			continue;
		}
		while (isspace((unsigned char)s[1]))
			s++;
		if (sb.len && word_char(sb.buf[sb.len - 1]) && word_char(s[1]))
			strbuf_add(&sb, " ", 1);
	}
	return strbuf_detach(&sb);
}

/* What a finding's fingerprint hashes: file, function, check, folded pages expression. */
static char *finding_key(const struct plan *p, const struct finding *f)
{
	const struct call_fact *c = call_at(p, f->at);
	char *pages = fold_space(c->pages ? c->pages : "");
	char *key = xasprintf("%s\n%s\n%s\n%s", p->facts[f->at.file].path,
			      c->function ? c->function : "", check_name(f->check), pages);

	free(pages);
	return key;
}

/* Is a's call before b's in their (one) file? */
static int call_before(const struct plan *p, const struct finding *a, const struct finding *b)
{
	const struct call_fact *x = call_at(p, a->at), *y = call_at(p, b->at);

	if (x->line != y->line)
		return x->line < y->line;
	if (x->col != y->col)
		return x->col < y->col;
	return a->at.call < b->at.call;
}

/*
 * Give f, the newest finding, its fingerprint, and renumber the findings with its key.  Two
 * findings of one check on one pages expression in one function (two put_page(pages[i])
 * loops) share a key: they are told apart by their order in the function, the first hashing
 * the key alone, the n-th the key and "#n".  A line move keeps every fingerprint; a new twin
 * above an old one shifts the old one's number (the gate then names the later one as new).
 */
static void fingerprint(struct plan *p, struct finding *f)
{
	char *key = finding_key(p, f);

	for (size_t i = 0; i < p->nfindings; i++) {
		struct finding *g = &p->findings[i];
		size_t nth = 1;
		char *k;

		if (g->at.file != f->at.file || g->check != f->check)
			continue;
		k = g == f ? NULL : finding_key(p, g);
		if (k && strcmp(k, key)) {
			free(k);
			continue;
		}
		free(k);
		for (size_t j = 0; j < p->nfindings; j++) {
			struct finding *h = &p->findings[j];

			if (h == g || h->at.file != g->at.file || h->check != g->check ||
			    !call_before(p, h, g))
				continue;
			k = finding_key(p, h);
			nth += !strcmp(k, key);
			free(k);
		}
		k = nth == 1 ? xstrdup(key) : xasprintf("%s\n#%zu", key, nth);
		hash_hex(k, strlen(k), g->fingerprint);
		free(k);
	}
	free(key);
}

void plan_report(struct plan *p, struct call_ref r, long site, enum check check,
		 const char *fmt, ...)
{
	struct finding *f;
	va_list ap;

	for (size_t i = 0; i < p->nfindings; i++)
		if (p->findings[i].at.file == r.file && p->findings[i].at.call == r.call &&
		    p->findings[i].check == check)
			return;	/* one release shared by several sites is reported once */
	ALLOC_GROW(p->findings, p->nfindings + 1, p->findings_alloc);
	f = &p->findings[p->nfindings++];
	f->at = r;
	f->site = site;
	f->check = check;
	va_start(ap, fmt);
	if (vasprintf(&f->message, fmt, ap) < 0)
		die("out of memory");
	va_end(ap);
	fingerprint(p, f);
}

void plan_release(struct plan *p)
{
	for (size_t i = 0; i < p->nsites; i++) {
		free(p->sites[i].rel);
		free(p->sites[i].paths);
		free(p->sites[i].dirty);
		free(p->sites[i].endios);
		free(p->sites[i].evidence);
		free(p->sites[i].carried);
		free(p->sites[i].carried_missing);
	}
	for (size_t i = 0; i < p->norigins; i++) {
		free(p->origins[i].endios);
		free(p->origins[i].rel);
	}
	free(p->origins);
	for (size_t i = 0; i < p->nprobes; i++)
		free(p->probes[i].belief);
	free(p->probes);
	for (size_t i = 0; i < p->nfindings; i++)
		free(p->findings[i].message);
	for (size_t f = 0; p->dispatched && f < p->nfiles; f++)
		free(p->dispatched[f]);
	free(p->dispatched);
	for (size_t f = 0; p->dispatch_cond && f < p->nfiles; f++)
		free(p->dispatch_cond[f]);
	free(p->dispatch_cond);
	free(p->impl);
	free(p->sites);
	free(p->findings);
	free(p->sums);
	strvec_clear(&p->pool);
}

const char *verdict_acquire_target(enum verdict v, const char *api, enum dialect d,
				   int has_extract)
{
	if (v != VERDICT_PIN && v != VERDICT_LONGTERM_PIN)
		return api;
	if (!strncmp(api, "iov_iter_get_pages", 18))
		return has_extract && dialect_pins(d) ? "iov_iter_extract_pages" : api;
	if (dialect_pins(d))
		return pin_name(api);
	if (d == DIALECT_PUT_USER && !strcmp(api, "get_user_pages_longterm"))
		return "get_user_pages";
	if (d == DIALECT_OLD && v == VERDICT_LONGTERM_PIN && !strcmp(api, "get_user_pages"))
		return "get_user_pages_longterm";
	return api;
}

int verdict_longterm_add(enum verdict v, const char *target, int has_longterm, enum dialect d)
{
	return d != DIALECT_OLD && v == VERDICT_LONGTERM_PIN && !has_longterm &&
	       strncmp(target, "iov_iter", 8);
}

void plan_decide_site(const struct plan *p, struct site *s)
{
	decide(p, s);
}
