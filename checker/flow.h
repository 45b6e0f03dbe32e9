/* The flow model over a whole tree's facts: which releases each acquire's pages reach. */
#ifndef GUPCHECK_FLOW_H
#define GUPCHECK_FLOW_H

#include "plan.h"

/* Follow every acquire's pages through the facts; fills plan->sites (releases, escapes), ->sums. */
void flow_analyse(struct plan *plan);

#endif
