/* The flow model over a whole tree's facts: which releases each acquire's pages reach. */
#ifndef GUPCHECK_FLOW_H
#define GUPCHECK_FLOW_H

#include "plan.h"

/* Follow every acquire's pages through the facts; fills plan->sites (releases, escapes), ->sums. */
void flow_analyse(struct plan *plan);
/*
 * Are the if-branch lists a and b (branch_arms()'s "IF:ARM,...", NULL for none) exclusive: one
 * if statement is in both, with different arms (flow_walk.c)?
 */
int arms_exclusive(const char *a, const char *b);
/*
 * The if statement of ff (a kind test: enum cond_class's COND_KIND) that separates the if-branch
 * lists a and b of one function of ff: one if with a in one arm and b in the other, or two ifs
 * whose conditions are one test both ways ("flags & FOLL_PIN" / "!(flags & FOLL_PIN)"); NULL
 * when none does (flow_release.c).
 */
const struct if_fact *arms_kind_split(const struct file_facts *ff, const char *a, const char *b);
/* The first if on the pages' kind among arms (flow_release.c), or NULL. */
const struct if_fact *arms_kind_test(const struct file_facts *ff, const char *arms);

/*
 * Wrapper acquire APIs: push to out (sorted, each once; the caller clears it) the names of the
 * non-static functions of facts[0..n), outside GUP's own files, whose acquire's pages reach one
 * of their own parameters or their return value through their local edges.
 */
void flow_find_wrappers(struct file_facts *facts, size_t n, struct strvec *out);

#endif
