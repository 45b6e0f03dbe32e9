/* The output folder of gupcheck convert: checked before any work, written beside it, swapped in. */
#ifndef GUPCHECK_OUTDIR_H
#define GUPCHECK_OUTDIR_H

#include "util.h"

/* outdir without trailing slashes; malloc'ed. */
char *outdir_clean(const char *outdir);

/*
 * Can outdir take a new series?  Yes when it does not exist and its folder does, when it is
 * an empty folder, or a folder that holds only a previous series (series, stays.txt,
 * NNNN-*.patch); else -1 after saying why.  Nothing is changed.
 */
int outdir_check(const char *outdir);

/* Create the folder the series is written into first, outdir.tmp.PID; NULL after an error. */
char *outdir_begin(const char *outdir);

/*
 * Put tmp (from outdir_begin()) in place of outdir, each step a rename: a previous series
 * there is moved aside, then removed (*replaced says so).  -1 after an error that says where
 * the series and the previous one are.
 */
int outdir_commit(const char *tmp, const char *outdir, int *replaced);

/* Remove tmp and what it holds, after a failure: the output folder keeps what it had. */
void outdir_abort(const char *tmp);

#endif
