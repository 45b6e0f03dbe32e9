/* gupcheck convert's parts: the state of one conversion, and what each of its files offers. */
#ifndef GUPCHECK_CONVERT_H
#define GUPCHECK_CONVERT_H

#include <stddef.h>
#include "api.h"
#include "db.h"
#include "flow.h"
#include "util.h"

/* A rewrite's properties (rewrites.def): the driver and the selection read these, not names. */
enum rewrite_flags {
	RW_ONE_BY_ONE = 1 << 0,	/* one spatch run per position: spatch parses a function it changed
				 * anew, and the positions after it are lost */
	RW_LOOP = 1 << 1,	/* collapses the loop around a release: what it wrote goes into the
				 * commit message */
	RW_TYPES = 1 << 2,	/* reads the headers beside the file, for types (--all-includes
				 * --include-headers-for-types -I DIR); the others read no header */
	RW_UNPIN = 1 << 3,	/* a release rule of the pin dialect: unpin_user_page*() */
	RW_PUT_USER = 1 << 4,	/* a release rule of the put_user_page dialects: put_user_page*() */
	RW_REF = 1 << 5,	/* a release rule for references where the tree pins: a
				 * put_user_page*() of v5.2-v5.5 becomes put_page() */
};

/* What convert does with a site (struct conv.converting). */
enum conv_state {
	CONV_STAYS,	/* nothing */
	CONV_SITE,	/* the site and its releases, by the plan */
	CONV_RELEASES,	/* the site stays (a reference, or a pin that cannot convert) and its
			 * put_user_page*() releases, gone from v5.6+, become put_page() */
};
#define NO_RELEASE (-1)

/* The rewrites, in the order they run on a file: rewrites.def. */
enum rewrite_id {
#define REWRITE(id, name, flags, release) id,
#include "rewrites.def"
#undef REWRITE
	RW_NR
};

struct rewrite {
	const char *name;	/* cocci/NAME.cocci */
	unsigned flags;		/* enum rewrite_flags */
	int release;		/* the api_kind a release rule rewrites, or NO_RELEASE */
};
extern const struct rewrite rewrites[RW_NR];

/*
 * One rewrite at one position: the rule and the line in the original tree; arg, when not
 * NULL, follows the position in the rule's positions file ("call NAME VALUE", "proto NAME").
 */
struct edit {
	enum rewrite_id rule;
	const char *path;
	int line;
	const char *arg;
};

/* Line maps of the files already rewritten: for each file, each diff applied, in order. */
struct applied {
	char *path;
	char *diff;	/* unified diff of one step, "diff -u" output */
};

/* A release whose loop an RW_LOOP rule collapsed into one call (text, as written). */
struct collapsed {
	char *path;
	int line;	/* the release's line in the original tree */
	char *text;
};

/* One conversion: the plan, which sites convert, and the rewrites made so far in the work copy. */
struct conv {
	const char *tree, *work, *cocci;	/* absolute: the tree, the work copy, cocci/ */
	const char *outdir_arg;	/* the output folder as the user wrote it, for messages */
	struct plan_rows rows;
	enum dialect d;
	int has_extract;
	char *converting;	/* per site: an enum conv_state */
	const char **why;	/* per pin site that does not convert: the reason */
	struct reach_rows reach;	/* the completions the sites' (or other) pages reach */
	long *split;		/* per site: its completion to split (a reach row), or -1 */
	/*
	 * per site: -1, or FOLL_LONGTERM goes to its helper's keeping calls through a new flags
	 * parameter (cocci/flags_param.cocci): the index in param_args of its first caller's
	 * positions argument ("call NAME VALUE"), one per caller in the site's order
	 */
	long *flags_param;
	struct strvec param_args;
	struct applied *steps;
	size_t nsteps, steps_alloc;
	struct collapsed *loops;
	size_t nloops, loops_alloc;
	struct strvec renamed;	/* tree paths the work copy holds under another name (spatch.c) */
};

/* The sites of one folder, which become one patch (indexes into conv.rows.sites). */
struct group {
	char *dir;
	size_t *sites;
	size_t nsites, alloc;
};

/* What group_plan() collects for one group: its edits, its commit message, their counts. */
struct group_plan {
	int edits;		/* collect the edits into e[0..n) (the caller frees e) */
	struct edit *e;
	size_t n, alloc;
	struct strbuf *msg;	/* the commit message's list of sites goes here, when not NULL */
	int renames, longterms, writes;
	int refs;		/* put_user_page*() releases of references made put_page() */
};

/* One patch of the series; all four strings are malloc'ed. */
struct patch {
	char *subject, *body, *diff, *slug;
};

/* convert_select.c: which sites convert, and the rules their releases take. */

/* The kind of a GUP-family function (an enum api_kind), or -1 for any other name. */
int api_kind_of(const char *name);
/* Is target (a target acquire) iov_iter_extract_pages()? */
int extracts(const char *target);
/* The site's target acquire and whether it is renamed to a pin (or to an extraction). */
const char *site_target(const struct conv *c, const struct plan_site_row *s, int *rename);
/* Is api already a release of GUP pages in the dialect (unpins are, where the tree pins)? */
int is_gup_release(const struct conv *c, const char *api);
/*
 * The rule (enum rewrite_id) that converts release api of a site whose target acquire is
 * target in the dialect, or with loop the one that collapses the loop around it (tried first);
 * -1 when none does.
 */
int release_rule(const struct conv *c, const char *api, const char *target, int loop);
/* The target of site i's releases: its target acquire, or for CONV_RELEASES its api. */
const char *release_target(const struct conv *c, size_t i);
/* Is release rr of site i made by the split of its bio completion? */
int in_split(const struct conv *c, size_t i, const struct plan_release_row *rr);
int same_end_io(const struct reach_row *a, const struct reach_row *b);
/* Fill c->converting, c->why and c->split (the caller frees them). */
void select_sites(struct conv *c);
/* How many sites convert (CONV_SITE); how many only have their releases renamed. */
size_t count_converting(const struct conv *c);
size_t count_old_releases(const struct conv *c);

/* spatch.c: the rules run guided on the work copy, and what their diffs say. */

/* Apply a group's edits to the work copy, file by file, rule by rule; files gets the files. */
int spatch_apply(struct conv *c, const struct edit *e, size_t n, struct strvec *files);
/* The first edit whose call no step since step from changed, or -1: spatch found no form there. */
int spatch_unapplied(const struct conv *c, size_t from, const struct edit *e, size_t n);
/* Put the files back as they were before the group, and forget the steps since s0 and l0. */
int spatch_restore(struct conv *c, const struct strvec *files, size_t s0, size_t l0);
/* The text a loop rule wrote for the release at path:line, or NULL when its loop stayed. */
const char *spatch_collapsed_to(const struct conv *c, const char *path, int line);
/* The group's files before and after, as one "git diff" text (malloc'ed, "" for no change). */
char *spatch_group_diff(const struct conv *c, const struct strvec *files);
/* Free the steps and the collapsed loops. */
void spatch_release(struct conv *c);

/* series.c: commit messages, patch files, the series, stays.txt, the sign-off, --apply. */

/* Everything gupcheck proved for one folder: its edits and its commit message (gp says which). */
void group_plan(const struct conv *c, const struct group *g, struct group_plan *gp);
/*
 * The patch of group g: its subject and slug from gp's counts, its body around msg (the list
 * of sites), its diff d (taken over).
 */
void group_patch(const struct conv *c, const struct group *g, const struct group_plan *gp,
		 const char *msg, char *d, struct patch *p);
void patch_release(struct patch *p);
int write_series(const char *outdir, const struct patch *v, size_t n, const char *signoff);
/* DIR/stays.txt: every pin or long-term pin site the series leaves as it is, and why, sorted. */
int write_stays(const struct conv *c, const char *outdir, size_t *count);
/* "NAME <EMAIL>" from git config (malloc'ed), or NULL. */
char *signoff_from_git(void);
/*
 * git apply --check the whole series on the tree, then apply it; when that fails, every file
 * it touches is put back as it was (the error says so, or which could not be).
 */
int apply_series(const char *tree, const char *outdir);

#endif
