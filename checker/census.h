/* One census of several configurations: what each configuration says of each acquire site. */
#ifndef GUPCHECK_CENSUS_H
#define GUPCHECK_CENSUS_H

#include <stddef.h>
#include "plan.h"

/* One configuration's word on one acquire site it compiles. */
struct census_site {
	char *path;
	unsigned line, col;
	size_t config;		/* index into census.names */
	enum verdict verdict;
	char *checks;		/* the checks reporting it there, sorted, "a,b"; "" for none */
};

struct census {
	char **names;		/* the configurations, in the order given (owned) */
	size_t nconfigs;
	struct census_site *sites;	/* sorted by path, line, col, config */
	size_t nsites, alloc;
};

/* Record the compiled acquire sites of p (configuration config's own plan) and their checks. */
void census_record(struct census *c, size_t config, const struct plan *p);
/* Sort the sites once every configuration is recorded. */
void census_sort(struct census *c);
/* The records of the site at path:line:col, *n of them (none: NULL), in configuration order. */
const struct census_site *census_find(const struct census *c, const char *path, unsigned line,
				      unsigned col, size_t *n);
void census_release(struct census *c);

/*
 * The census's facts (scan_merge.c): for each file read in any configuration, the facts of the
 * configuration that compiles most of its acquire calls (then: one that parses it, builds it,
 * the first given), moved out of facts[c] (their slots zeroed), with the calls no configuration
 * compiles noted by what each says, and for a branch under CONFIG_ symbols no configuration
 * sets (trees[c] is configuration c), what the tree's Kconfig says of them.  facts[c] holds
 * nfacts[c] files sorted by path; returns the merged array, sorted by path, *n files.
 */
struct kernel_tree;
struct file_facts *census_merge(struct file_facts **facts, const size_t *nfacts,
				const struct census *c, const struct kernel_tree *const *trees,
				size_t *n);

#endif
