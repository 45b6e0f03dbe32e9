/*
 * Ring 2: the files beside the acquiring side that meet it by name (a field, a function the
 * pages go to or come from) and release pages, and the headers whose inline functions it
 * calls with pages, read round by round until a round adds nothing.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include "flow.h"
#include "kernel.h"
#include "lex.h"
#include "parse.h"
#include "scan_int.h"

struct ring2 {
	struct strvec dirs;	/* folders holding an acquire site, sorted */
	/* "dir\tf\tstruct s\tfield", "dir\tc\tcallee", "dir\tu\tfunction", sorted */
	struct strvec names;
	struct strvec fresh;	/* names found, merged into names */
	struct strvec have;	/* paths read, sorted */
	struct strvec defined;	/* functions defined in the files read, sorted */
	struct strvec wrappers;	/* "dir\tname": a function of dir whose summary releases a parameter */
	struct strvec headers;	/* headers read for their inlines */
	struct strvec looked;	/* accessor names whose header was looked for, each once */
	size_t from;		/* job->facts[from..] are the files the last round added */
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int sorted_has(const struct strvec *v, const char *s)
{
	return s && bsearch(&s, v->v, v->n, sizeof(*v->v), cmp_str) != NULL;
}

static int ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), m = strlen(tail);

	return n >= m && !strcmp(s + n - m, tail);
}

/* "struct s\tf" for a location "field:struct s.f" or "&field:...", else NULL; caller frees. */
static char *field_key(const char *loc)
{
	const char *dot;

	while (loc && *loc == '&')
		loc++;
	if (!loc || strncmp(loc, "field:", 6) || !(dot = strrchr(loc, '.')))
		return NULL;
	return xasprintf("%.*s\t%s", (int)(dot - loc - 6), loc + 6, dot + 1);
}

/* Remember that files in dir may meet the pages through what (see names_one()). */
static void add_name(struct ring2 *r, const char *dir, char kind, const char *what)
{
	if (what && *what && *what != '(')
		strvec_pushf(&r->fresh, "%s\t%c\t%s", dir, kind, what);
}

/*
 * The acquiring side of ff, sorted into side: the functions that call a GUP-family acquire
 * (compiled), and the functions of the same file that call one of them.
 */
static void acquiring_side(const struct file_facts *ff, struct strvec *side)
{
	struct strvec acq = { 0 };

	for (size_t k = 0; k < ff->ncalls; k++)
		if (api_is_acquire(ff->calls[k].api) && ff->calls[k].compiled &&
		    ff->calls[k].function)
			strvec_push(&acq, ff->calls[k].function);
	strvec_sort_unique(&acq);
	for (size_t i = 0; i < acq.n; i++)
		strvec_push(side, acq.v[i]);
	for (size_t k = 0; k < ff->nflows; k++)
		if (ff->flows[k].kind == FLOW_CALL && ff->flows[k].function &&
		    ff->flows[k].callee && sorted_has(&acq, ff->flows[k].callee))
			strvec_push(side, ff->flows[k].function);
	strvec_sort_unique(side);
	strvec_clear(&acq);
}

/*
 * The names flow f of ff adds (its function is on the pages' side): the fields it names, the
 * callee outside the files read it passes pages to, and its function when a caller elsewhere
 * can hand pages in or get them back (once per non-static definition).
 */
static void add_flow_names(struct ring2 *r, const char *dir, const struct file_facts *ff,
			   const struct flow_fact *f)
{
	char *key;

	add_name(r, dir, 'f', key = field_key(f->dst));
	free(key);
	add_name(r, dir, 'f', key = field_key(f->src));
	free(key);
	if ((f->kind == FLOW_PASS || f->kind == FLOW_ENDIO) && !sorted_has(&r->defined, f->callee))
		add_name(r, dir, 'c', f->callee);
	if (f->kind != FLOW_PARAM && f->kind != FLOW_RETURN)
		return;
	for (size_t n = 0; n < ff->nfns; n++)
		if (!ff->fns[n].is_static && !strcmp(ff->fns[n].name, f->function))
			add_name(r, dir, 'u', f->function);
}

/* Does ff acquire (compiled), and is it not the GUP implementation, which pairs nothing? */
static int acquiring_file(const struct file_facts *ff)
{
	int acquires = 0;

	for (size_t k = 0; k < ff->ncalls; k++)
		acquires |= api_is_acquire(ff->calls[k].api) && ff->calls[k].compiled;
	for (size_t k = 0; k < ff->nfns; k++) {
		const struct gup_api *api = api_lookup(ff->fns[k].name);

		if (api && api_is_acquire(api) && !ff->fns[k].is_static)
			return 0;
	}
	return acquires;
}

/* The names of one ring-1 file ff: its acquiring side's; its folder holds an acquire site. */
static void ring1_names(struct ring2 *r, const struct file_facts *ff)
{
	struct strvec side = { 0 };
	char *dir, *key;

	if (!acquiring_file(ff))
		return;
	acquiring_side(ff, &side);
	dir = dir_of(ff->path);
	strvec_push(&r->dirs, dir);
	for (size_t k = 0; k < ff->ncalls; k++) {
		add_name(r, dir, 'f', key = field_key(ff->calls[k].pages_to));
		free(key);
	}
	for (size_t k = 0; k < ff->nflows; k++)
		if (ff->flows[k].function && sorted_has(&side, ff->flows[k].function))
			add_flow_names(r, dir, ff, &ff->flows[k]);
	strvec_clear(&side);
	free(dir);
}

/* What the files read so far are: their paths and the functions they define. */
static void ring_index(struct ring2 *r, const struct scan_job *job)
{
	strvec_clear(&r->have);
	strvec_clear(&r->defined);
	for (size_t i = 0; i < job->n; i++) {
		const struct file_facts *ff = &job->facts[i];

		strvec_push(&r->have, ff->path);
		for (size_t k = 0; k < ff->nfns; k++)
			strvec_push(&r->defined, ff->fns[k].name);
	}
	strvec_sort_unique(&r->have);
	strvec_sort_unique(&r->defined);
}

/*
 * r->wrappers: the functions of the files read whose summary releases a parameter and that
 * another file can call (not static, or static in a header): release names like the APIs.
 */
static void ring_wrappers(struct ring2 *r, struct scan_job *job)
{
	struct plan plan = { .facts = job->facts, .nfiles = job->n };

	flow_analyse(&plan);
	strvec_clear(&r->wrappers);
	for (size_t i = 0; i < plan.nsums; i++) {
		const struct file_facts *ff = &job->facts[plan.sums[i].file];
		const struct fn_fact *fn = &ff->fns[plan.sums[i].fn];

		char *dir = dir_of(ff->path);

		if (!fn->is_static || ends_with(ff->path, ".h"))
			strvec_pushf(&r->wrappers, "%s\t%s", dir, fn->name);
		free(dir);
	}
	strvec_sort_unique(&r->wrappers);
	plan_release(&plan);
}

/*
 * The names, from ring 1 in the first round only: a later round's new release wrappers make
 * more files of the same folders release pages.  Names from ring-2 files (the fields and
 * callees of the functions the pages reach there) led, in mm/, net/core/ and fs/, to every
 * page-cache, pipe-buffer and skb put.
 */
static void ring_names(struct ring2 *r, const struct scan_job *job, int round)
{
	for (size_t i = 0; !round && i < job->n; i++)
		ring1_names(r, &job->facts[i]);
	for (size_t i = 0; i < r->fresh.n; i++)
		strvec_push(&r->names, r->fresh.v[i]);
	strvec_clear(&r->fresh);
	strvec_sort_unique(&r->names);
	strvec_sort_unique(&r->dirs);
}

/* Is buf[i..] a definition of a function: its line starts at column 0, and no ';' ends it? */
static int defines_at(const char *buf, size_t len, size_t i)
{
	size_t b = i, e = i;

	while (b > 0 && buf[b - 1] != '\n')
		b--;
	while (e < len && buf[e] != '\n')
		e++;
	return isalpha((unsigned char)buf[b]) && !memchr(buf + i, ';', e - i);
}

/* Is the word of n bytes at p a whole identifier? */
static int whole(const char *buf, size_t len, const char *p, size_t n)
{
	char before = p > buf ? p[-1] : ' ', after = p + n < buf + len ? p[n] : ' ';

	return !(isalnum((unsigned char)before) || before == '_') &&
	       !(isalnum((unsigned char)after) || after == '_');
}

/* Does buf call (not define) one of the names "dir\tname" of v? */
static int calls_one(const struct strvec *v, const char *dir, const char *buf, size_t len)
{
	size_t dl = strlen(dir);

	for (size_t i = 0; i < v->n; i++) {
		const char *name = v->v[i] + dl + 1;
		size_t nl = strlen(name);

		if (strncmp(v->v[i], dir, dl) || v->v[i][dl] != '\t')
			continue;
		for (const char *p = buf; (p = memmem(p, len - (p - buf), name, nl)); p += nl)
			if (whole(buf, len, p, nl) && p + nl < buf + len && p[nl] == '(' &&
			    !defines_at(buf, len, p - buf))
				return 1;
	}
	return 0;
}

/*
 * Does buf meet dir's pages: a field "struct s\tf" used as "->f" or ".f" in a file that names
 * struct s, a callee "c" defined here, or a call to "u", a function of the pages' side that
 * takes or returns pages?
 */
static int names_one(const struct ring2 *r, const char *dir, const char *buf, size_t len)
{
	size_t dl = strlen(dir);

	for (size_t i = 0; i < r->names.n; i++) {
		const char *e = r->names.v[i], *what = e + dl + 3, *tab, *name, *p;
		char kind = e[dl + 1];
		size_t nl;

		if (strncmp(e, dir, dl) || e[dl] != '\t')
			continue;
		name = kind == 'f' && (tab = strchr(what, '\t')) ? tab + 1 : what;
		if (kind == 'f' && !memmem(buf, len, what, name - 1 - what))
			continue;
		nl = strlen(name);
		for (p = buf; (p = memmem(p, len - (p - buf), name, nl)); p += nl) {
			int call = p + nl < buf + len && p[nl] == '(';

			if (!whole(buf, len, p, nl))
				continue;
			if (kind == 'f' && p > buf && (p[-1] == '.' || p[-1] == '>'))
				return 1;
			if (kind == 'c' && call && defines_at(buf, len, p - buf))
				return 1;
			if (kind == 'u' && call && !defines_at(buf, len, p - buf))
				return 1;
		}
	}
	return 0;
}

/* Add the file rel (taken) of content buf to job, with includer (taken, may be NULL). */
static void job_push(struct scan_job *job, size_t *alloc, char *rel, char *includer,
		     const char *buf, size_t len)
{
	struct candidate *c;

	ALLOC_GROW(job->files, job->n + 1, *alloc);
	c = &job->files[job->n++];
	memset(c, 0, sizeof(*c));
	hash_hex(buf, len, c->hash);
	c->rel = rel;
	c->includer = includer;
	c->size = (off_t)len;
}

/* Does the file buf of dir release pages: a release API's name, or a call of dir's wrapper? */
static int releases(const struct ring2 *r, const char *dir, const char *buf, size_t len)
{
	return kernel_in_text(buf, len, ROLE_RING2) || calls_one(&r->wrappers, dir, buf, len);
}

/* The .c files of folder dir not read yet that meet its pages by name and release pages. */
static void ring2_dir(const struct kernel_tree *t, const struct ring2 *r, const char *dir,
		      struct scan_job *more, size_t *alloc)
{
	char *path = xasprintf("%s/%s", t->root, dir);
	DIR *dh = opendir(path);
	struct dirent *e;

	while (dh && (e = readdir(dh))) {
		size_t flen;
		char *rel, *abs, *buf;

		if (!ends_with(e->d_name, ".c") || strlen(e->d_name) < 3)
			continue;
		rel = xasprintf("%s/%s", dir, e->d_name);
		if (sorted_has(&r->have, rel)) {
			free(rel);
			continue;
		}
		abs = xasprintf("%s/%s", t->root, rel);
		buf = read_file(abs, &flen);
		if (buf && releases(r, dir, buf, flen) && names_one(r, dir, buf, flen)) {
			job_push(more, alloc, rel, NULL, buf, flen);
			rel = NULL;
		}
		free(buf);
		free(abs);
		free(rel);
	}
	if (dh)
		closedir(dh);
	free(path);
}

/* Does kernel.def say what name does with pages?  Kernel knowledge wins over a header's body. */
static int kernel_knows(const char *name)
{
	static const enum kernel_role roles[] = {
		ROLE_SAME_PAGE, ROLE_ITER_LINK, ROLE_FILL, ROLE_BIO_MERGE, ROLE_BIO_FLAG, ROLE_FREE,
		ROLE_ORIGIN_PAGECACHE, ROLE_ORIGIN_ALLOC, ROLE_ORIGIN_KERNEL, ROLE_ORIGIN_ZERO,
		ROLE_INSPECT, ROLE_USE,
	};

	for (size_t i = 0; i < sizeof(roles) / sizeof(*roles); i++)
		if (kernel_has(name, roles[i]))
			return 1;
	return 0;
}

/* The start of the line holding p. */
static const char *line_start(const char *buf, const char *p)
{
	while (p > buf && p[-1] != '\n')
		p--;
	return p;
}

/* Does the line starting at l (before the text at stop) continue a declaration to it? */
static int continues(const char *l, const char *stop)
{
	const char *t = stop;

	while (t > l && isspace((unsigned char)t[-1]))
		t--;
	while (l < t && isspace((unsigned char)*l))
		l++;
	return l < t && *l != '#' && !strchr(";{})", t[-1]);
}

/*
 * The signature [*b, *e) of a definition of the function named by the n bytes at p, in text
 * blanked of comments and strings: p's line and at most two lines before it that continue
 * it, up to the ')' that a '{' follows.  0 when p starts no definition.
 */
static int signature(const char *buf, size_t len, const char *p, size_t n,
		     const char **b, const char **e)
{
	const char *q = p + n, *end = buf + len;
	int depth = 0;

	*b = line_start(buf, p);
	for (int k = 0; k < 2 && *b > buf; k++) {
		const char *prev = line_start(buf, *b - 1);

		if (!continues(prev, *b - 1))
			break;
		*b = prev;
	}
	while (q < end && isspace((unsigned char)*q))
		q++;
	if (q == end || *q != '(')
		return 0;
	for (; q < end; q++)
		if (*q == '(')
			depth++;
		else if (*q == ')' && !--depth)
			break;
	*e = q;
	while (q < end && ++q < end && isspace((unsigned char)*q))
		;
	return q < end && *q == '{';
}

/*
 * The names of the static inline functions header text buf defines that take or return a
 * page array (struct page **), one a line.  Single-page helpers are mostly the kernel's own
 * (kernel.def's rows); reading include/linux's would pair GUP pages with every page-cache and
 * skb put.  Only a text that has "struct page **" is blanked and read for them.
 */
char *page_array_inlines(const char *buf, size_t len)
{
	static const char mark[] = "struct page **";
	struct strbuf out = { 0 };
	char *blank;

	if (!memmem(buf, len, mark, sizeof(mark) - 1))
		return xstrdup("");
	blank = lex_blank(buf, len);
	for (const char *q = blank; (q = memchr(q, '(', len - (q - blank))); q++) {
		const char *e = q, *p, *b, *se;
		char *ret, *args;
		int ok;

		while (e > blank && isspace((unsigned char)e[-1]))
			e--;
		for (p = e; p > blank && (isalnum((unsigned char)p[-1]) || p[-1] == '_'); p--)
			;
		if (p == e || isdigit((unsigned char)*p) ||
		    !signature(blank, len, p, e - p, &b, &se))
			continue;
		ret = xstrndup(b, p - b);
		args = xstrndup(e, se - e);
		ok = strstr(ret, "static") && strstr(ret, "inline") &&
		     (strstr(ret, mark) || strstr(args, mark));
		if (ok)
			strbuf_addf(&out, "%.*s\n", (int)(e - p), p);
		free(ret);
		free(args);
	}
	free(blank);
	return strbuf_detach(&out);
}

/* Is name one of the lines of list? */
static int has_line(const char *list, const char *name)
{
	size_t n = strlen(name);

	for (const char *p = list; (p = strstr(p, name)); p += n)
		if ((p == list || p[-1] == '\n') && p[n] == '\n')
			return 1;
	return 0;
}

/* Is name, which a file read calls with pages or takes pages from, defined in no file read? */
static int unresolved(const struct ring2 *r, const char *name)
{
	return name && *name && *name != '(' && !sorted_has(&r->defined, name) &&
	       !api_lookup(name) && !kernel_knows(name);
}

/* Add header h to more (once) when it defines ff's accessor name (its inlines are memoised). */
static void try_header(const struct kernel_tree *t, struct ring2 *r, struct fact_cache *fc,
		       const struct file_facts *ff, const char *h, const char *name,
		       struct scan_job *more, size_t *alloc)
{
	struct candidate *c;
	char hash[17];
	off_t size;

	if (h[0] == '/' || !ends_with(h, ".h") || sorted_has(&r->have, h))
		return;
	for (size_t i = 0; i < r->headers.n; i++)
		if (!strcmp(r->headers.v[i], h))
			return;
	if (!has_line(header_inlines(fc, t, h, hash, &size), name))
		return;
	strvec_push(&r->headers, h);
	ALLOC_GROW(more->files, more->n + 1, *alloc);
	c = &more->files[more->n++];
	memset(c, 0, sizeof(*c));
	memcpy(c->hash, hash, sizeof(hash));
	c->rel = xstrdup(h);
	c->includer = xstrdup(ff->path);
	c->size = size;
}

/* The accessor name loc ("call:F") or callee of a pass of ff, unresolved: find its header. */
static void accessor(const struct kernel_tree *t, struct ring2 *r, struct fact_cache *fc,
		     const struct file_facts *ff, const char *name, struct scan_job *more,
		     size_t *alloc)
{
	size_t before = r->headers.n;

	if (!unresolved(r, name))
		return;
	for (size_t i = 0; i < r->looked.n; i++)
		if (!strcmp(r->looked.v[i], name))
			return;
	for (size_t i = 0; i < ff->includes.n && r->headers.n == before; i++)
		try_header(t, r, fc, ff, ff->includes.v[i], name, more, alloc);
	strvec_push(&r->looked, name);
}

static const char *call_name(const char *loc)
{
	while (loc && *loc == '&')
		loc++;
	return loc && !strncmp(loc, "call:", 5) ? loc + 5 : NULL;
}

/* The headers of the inline functions the last round's files hand pages to or take them from. */
static void ring_headers(const struct kernel_tree *t, struct ring2 *r, struct fact_cache *fc,
			 const struct scan_job *job, struct scan_job *more, size_t *alloc)
{
	for (size_t i = r->from; i < job->n; i++) {
		const struct file_facts *ff = &job->facts[i];

		if (ff->status == PARSE_FAILED || ff->status == PARSE_OTHER_ARCH || !ff->includes.n)
			continue;
		for (size_t k = 0; k < ff->ncalls; k++)
			accessor(t, r, fc, ff, call_name(ff->calls[k].pages_to), more, alloc);
		for (size_t k = 0; k < ff->nflows; k++) {
			const struct flow_fact *f = &ff->flows[k];

			accessor(t, r, fc, ff, call_name(f->src), more, alloc);
			accessor(t, r, fc, ff, call_name(f->dst), more, alloc);
			if (f->kind == FLOW_PASS)
				accessor(t, r, fc, ff, f->callee, more, alloc);
		}
	}
}

/* Parse more's files (those fc does not give) and move them into job with ring 2. */
static void ring_add(struct scan_job *job, struct scan_job *more, struct fact_cache *fc,
		     int jobs)
{
	more->tree = job->tree;
	more->facts = xcalloc(more->n, sizeof(*more->facts));
	pthread_mutex_init(&more->lock, NULL);
	run_workers(more, fc, jobs);
	pthread_mutex_destroy(&more->lock);
	job->files = xrealloc(job->files, (job->n + more->n) * sizeof(*job->files));
	job->facts = xrealloc(job->facts, (job->n + more->n) * sizeof(*job->facts));
	for (size_t i = 0; i < more->n; i++) {
		more->facts[i].ring = 2;
		job->files[job->n] = more->files[i];
		job->facts[job->n++] = more->facts[i];
	}
	free(more->files);
	free(more->facts);
}

/* One round: the new names, wrappers and headers; 0 when it added no file. */
static size_t ring_round(const struct kernel_tree *t, struct ring2 *r, struct scan_job *job,
			 struct fact_cache *fc, int jobs, int round)
{
	struct scan_job more = { 0 };
	size_t alloc = 0, n = job->n;

	ring_index(r, job);
	ring_names(r, job, round);
	ring_headers(t, r, fc, job, &more, &alloc);
	ring_wrappers(r, job);
	for (size_t d = 0; d < r->dirs.n; d++)
		ring2_dir(t, r, r->dirs.v[d], &more, &alloc);
	r->from = n;
	if (more.n)
		ring_add(job, &more, fc, jobs);
	return more.n;
}

void scan_ring2(const struct kernel_tree *t, struct scan_job *job, struct fact_cache *fc,
		int jobs)
{
	struct ring2 r = { 0 };

	for (int round = 0; round < RING_ROUNDS; round++)
		if (!ring_round(t, &r, job, fc, jobs, round))
			break;
	strvec_clear(&r.dirs);
	strvec_clear(&r.names);
	strvec_clear(&r.fresh);
	strvec_clear(&r.have);
	strvec_clear(&r.defined);
	strvec_clear(&r.wrappers);
	strvec_clear(&r.headers);
	strvec_clear(&r.looked);
}
