/* The census of several configurations: each one's verdicts and checks, and the merged facts. */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "api.h"
#include "census.h"
#include "kconfig.h"
#include "tree.h"

/* The checks reporting site i of p, sorted, each once, "a,b" ("" for none); malloc'ed. */
static char *site_checks(const struct plan *p, size_t i)
{
	struct strvec v = { 0 };
	struct strbuf sb = { 0 };

	for (size_t f = 0; f < p->nfindings; f++)
		if (p->findings[f].site == (long)i)
			strvec_push(&v, check_name(p->findings[f].check));
	strvec_sort_unique(&v);
	for (size_t k = 0; k < v.n; k++)
		strbuf_addf(&sb, "%s%s", k ? "," : "", v.v[k]);
	strvec_clear(&v);
	return sb.buf ? strbuf_detach(&sb) : xstrdup("");
}

void census_record(struct census *c, size_t config, const struct plan *p)
{
	for (size_t i = 0; i < p->nsites; i++) {
		const struct site *s = &p->sites[i];
		const struct call_fact *a = &p->facts[s->at.file].calls[s->at.call];
		struct census_site *cs;

		if (s->from_caller || !a->compiled || !api_is_acquire(a->api))
			continue;
		ALLOC_GROW(c->sites, c->nsites + 1, c->alloc);
		cs = &c->sites[c->nsites++];
		cs->path = xstrdup(p->facts[s->at.file].path);
		cs->line = a->line;
		cs->col = a->col;
		cs->config = config;
		cs->verdict = s->verdict;
		cs->checks = site_checks(p, i);
	}
}

static int cmp_site(const void *x, const void *y)
{
	const struct census_site *a = x, *b = y;
	int d = strcmp(a->path, b->path);

	if (d)
		return d;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return (a->config > b->config) - (a->config < b->config);
}

void census_sort(struct census *c)
{
	if (c->nsites)
		qsort(c->sites, c->nsites, sizeof(*c->sites), cmp_site);
}

const struct census_site *census_find(const struct census *c, const char *path, unsigned line,
				      unsigned col, size_t *n)
{
	struct census_site key = { .path = (char *)path, .line = line, .col = col };
	size_t lo = 0, hi = c->nsites;

	*n = 0;
	/* the first record at or after path:line:col, config 0 */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (cmp_site(&c->sites[mid], &key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (hi = lo; hi < c->nsites && !strcmp(c->sites[hi].path, path) &&
		      c->sites[hi].line == line && c->sites[hi].col == col; hi++)
		;
	*n = hi - lo;
	return *n ? &c->sites[lo] : NULL;
}

void census_release(struct census *c)
{
	for (size_t i = 0; i < c->nsites; i++) {
		free(c->sites[i].path);
		free(c->sites[i].checks);
	}
	free(c->sites);
	for (size_t i = 0; i < c->nconfigs; i++)
		free(c->names[i]);
	free(c->names);
	memset(c, 0, sizeof(*c));
}

/* One configuration's facts of one file, for the merge. */
struct slot {
	const char *path;
	size_t config, at;
};

static int cmp_slot(const void *x, const void *y)
{
	const struct slot *a = x, *b = y;
	int d = strcmp(a->path, b->path);

	return d ? d : (a->config > b->config) - (a->config < b->config);
}

/* How many of ff's acquire calls are compiled. */
static size_t compiled_acquires(const struct file_facts *ff)
{
	size_t n = 0;

	for (size_t i = 0; i < ff->ncalls; i++)
		n += ff->calls[i].compiled && api_is_acquire(ff->calls[i].api);
	return n;
}

/* Lower is better: parsed cleanly, with errors, failed, another ARCH; then built, unknown, not. */
static int rank(const struct file_facts *ff)
{
	static const int by_status[] = {
		[PARSE_OK] = 0, [PARSE_ERRORS] = 1, [PARSE_FAILED] = 2, [PARSE_OTHER_ARCH] = 3
	};

	return by_status[ff->status] * 3 + (ff->built == 1 ? 0 : ff->built < 0 ? 1 : 2);
}

/* Is a the better configuration of one file than b (a given later than b)? */
static int better(const struct file_facts *a, const struct file_facts *b)
{
	size_t ca = compiled_acquires(a), cb = compiled_acquires(b);

	return ca != cb ? ca > cb : rank(a) < rank(b);
}

/* The call of ff at line:col, or NULL. */
static const struct call_fact *call_at_pos(const struct file_facts *ff, unsigned line,
					   unsigned col)
{
	for (size_t i = 0; i < ff->ncalls; i++)
		if (ff->calls[i].line == line && ff->calls[i].col == col)
			return &ff->calls[i];
	return NULL;
}

/* What one configuration says of a call (NULL: the file has no such call there). */
static const char *config_note(const struct call_fact *c)
{
	if (c && c->compiled)
		return "compiled there (its verdict: the compiled in line)";
	return c && c->note ? c->note : "not seen";
}

/*
 * The note of call cf, compiled in no configuration: what each says, configurations that say
 * the same grouped ("x86, arm64: the file is not built in this configuration; powerpc: ...").
 * A file of another ARCH in every configuration says which ARCHes were tried.
 */
static char *merged_note(struct file_facts **facts, const struct slot *g, size_t ng,
			 const struct census *c, const struct call_fact *cf)
{
	struct strbuf sb = { 0 };
	char *used = xcalloc(ng, 1);
	int all_other = 1;

	/* each configuration's reason is that the file is another ARCH's (not "no clang target") */
	for (size_t k = 0; k < ng; k++) {
		const struct file_facts *ff = &facts[g[k].config][g[k].at];

		all_other &= ff->status == PARSE_OTHER_ARCH && !strncmp(ff->path, "arch/", 5) &&
			     ff->first_diag && !strncmp(ff->first_diag, "arch/", 5);
	}
	if (all_other && ng == c->nconfigs) {
		const char *p = facts[g[0].config][g[0].at].path;
		size_t n = strcspn(p + 5, "/");

		strbuf_addf(&sb, "arch/%.*s is the ARCH of no configuration (", (int)n, p + 5);
		for (size_t k = 0; k < c->nconfigs; k++)
			strbuf_addf(&sb, "%s%s", k ? ", " : "", c->names[k]);
		strbuf_addstr(&sb, ")");
		free(used);
		return strbuf_detach(&sb);
	}
	for (size_t k = 0; k < ng; k++) {
		const struct call_fact *ck = call_at_pos(&facts[g[k].config][g[k].at], cf->line,
							 cf->col);
		const char *note = config_note(ck);

		if (used[k])
			continue;
		strbuf_addf(&sb, "%s%s", sb.len ? "; " : "", c->names[g[k].config]);
		for (size_t j = k + 1; j < ng; j++) {
			const struct call_fact *cj = call_at_pos(&facts[g[j].config][g[j].at],
								 cf->line, cf->col);

			if (!used[j] && !strcmp(config_note(cj), note)) {
				used[j] = 1;
				strbuf_addf(&sb, ", %s", c->names[g[j].config]);
			}
		}
		strbuf_addf(&sb, ": %s", note);
	}
	free(used);
	return strbuf_detach(&sb);
}

/* Is CONFIG_ symbol name (n bytes) set in no configuration? */
static int set_in_none(const struct kernel_tree *const *trees, size_t ntrees, const char *name,
		       size_t n)
{
	char *s = xstrndup(name, n);
	int none = 1;

	for (size_t k = 0; none && k < ntrees; k++)
		none = !tree_config_set(trees[k], s);
	free(s);
	return none;
}

/* The CONFIG_ symbols of the directive in note's "(...)" that no configuration sets, once each. */
static void unset_symbols(const char *note, const struct kernel_tree *const *trees,
			  size_t ntrees, struct strvec *out)
{
	static const char *const phrases[] = {
		"disabled in this configuration (", "not built in this configuration (", NULL
	};

	for (int k = 0; phrases[k]; k++)
		for (const char *at = note; (at = strstr(at, phrases[k])); ) {
			const char *p = at + strlen(phrases[k]), *end = strchr(p, ')');

			for (; end && (p = strstr(p, "CONFIG_")) && p < end; ) {
				size_t n = 7;

				while (isalnum((unsigned char)p[n]) || p[n] == '_')
					n++;
				if (!(isalnum((unsigned char)p[-1]) || p[-1] == '_') &&
				    set_in_none(trees, ntrees, p, n))
					strvec_pushf(out, "%.*s", (int)(n - 7), p + 7);
				p += n;
			}
			at += strlen(phrases[k]);
		}
}

/*
 * Add to each note of a branch under CONFIG_ symbols no configuration sets what the Kconfig
 * files say of them: "...; CONFIG_SH_DMA is set in no configuration (arch/sh/drivers/dma/
 * Kconfig: depends on CPU_SH3 || CPU_SH4)", or "(no Kconfig file defines it)".
 */
static void explain_unset(struct file_facts *merged, size_t n, const struct kernel_tree *const *trees,
			  size_t ntrees)
{
	struct strvec names = { 0 };
	char **whys;

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < merged[i].ncalls; k++)
			if (!merged[i].calls[k].compiled && merged[i].calls[k].note)
				unset_symbols(merged[i].calls[k].note, trees, ntrees, &names);
	strvec_sort_unique(&names);
	if (!names.n)
		return;
	kconfig_why(trees[0]->root, &names, &whys);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < merged[i].ncalls; k++) {
			struct call_fact *cf = &merged[i].calls[k];
			struct strvec mine = { 0 };
			struct strbuf sb = { 0 };

			if (cf->compiled || !cf->note)
				continue;
			unset_symbols(cf->note, trees, ntrees, &mine);
			strvec_sort_unique(&mine);
			if (!mine.n)
				continue;
			strbuf_addstr(&sb, cf->note);
			for (size_t m = 0; m < mine.n; m++) {
				size_t at = 0;

				while (strcmp(names.v[at], mine.v[m]))
					at++;
				strbuf_addf(&sb, "; CONFIG_%s is set in no configuration (%s)", mine.v[m],
					    whys[at] ? whys[at] : "no Kconfig file defines it");
			}
			free(cf->note);
			cf->note = strbuf_detach(&sb);
			strvec_clear(&mine);
		}
	for (size_t i = 0; i < names.n; i++)
		free(whys[i]);
	free(whys);
	strvec_clear(&names);
}

struct file_facts *census_merge(struct file_facts **facts, const size_t *nfacts,
				const struct census *c, const struct kernel_tree *const *trees,
				size_t *n)
{
	struct slot *slots;
	size_t nslots = 0, total = 0, out = 0;
	struct file_facts *merged;

	for (size_t k = 0; k < c->nconfigs; k++)
		total += nfacts[k];
	slots = xcalloc(total + 1, sizeof(*slots));
	for (size_t k = 0; k < c->nconfigs; k++)
		for (size_t i = 0; i < nfacts[k]; i++)
			slots[nslots++] = (struct slot){ facts[k][i].path, k, i };
	qsort(slots, nslots, sizeof(*slots), cmp_slot);
	merged = xcalloc(nslots + 1, sizeof(*merged));
	for (size_t i = 0; i < nslots; ) {
		size_t j = i, best = i;

		while (j < nslots && !strcmp(slots[j].path, slots[i].path))
			j++;
		for (size_t k = i + 1; k < j; k++)
			if (better(&facts[slots[k].config][slots[k].at],
				   &facts[slots[best].config][slots[best].at]))
				best = k;
		struct file_facts *ff = &merged[out++];
		*ff = facts[slots[best].config][slots[best].at];
		for (size_t k = 0; k < ff->ncalls; k++) {
			struct call_fact *cf = &ff->calls[k];

			if (cf->compiled || !api_is_acquire(cf->api))
				continue;
			char *note = merged_note(facts, slots + i, j - i, c, cf);
			free(cf->note);
			cf->note = note;
		}
		/* the slot keeps its path, for the others' notes; the driver frees the rest */
		memset(&facts[slots[best].config][slots[best].at], 0, sizeof(*ff));
		facts[slots[best].config][slots[best].at].path = xstrdup(ff->path);
		i = j;
	}
	free(slots);
	explain_unset(merged, out, trees, c->nconfigs);
	*n = out;
	return merged;
}
