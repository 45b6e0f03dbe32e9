/* Child processes started from an argv array (git's run_command()): no shell sees an argument. */
#ifndef GUPCHECK_RUN_H
#define GUPCHECK_RUN_H

#include "util.h"

/*
 * One child process.  Zero-initialise (CHILD_PROCESS_INIT), push the program and its arguments
 * on args (args.v[0] is looked up in PATH), set what else is needed, and call run_command().
 */
struct child_process {
	struct strvec args;	/* the program and its arguments */
	struct strvec env;	/* "NAME=value" entries added to the environment (or replacing) */
	const char *dir;	/* the folder it runs in; NULL: the caller's */
	const char *in;		/* its stdin is this file; NULL: /dev/null */
	const char *out;	/* its stdout goes to this file, created or truncated; NULL: ours */
	struct strbuf *capture;	/* its stdout is appended here instead (out is then ignored) */
	int err_to_out;		/* its stderr goes where its stdout goes */
};
#define CHILD_PROCESS_INIT { 0 }

/*
 * Run cp and wait for it.  in and out are opened by the caller's process, relative to the
 * caller's folder, not to cp->dir.  Returns the exit status (0-255), 128 + N when signal N
 * ended it, or -1 after printing an error when it could not be started (no such program, an
 * unreadable in, an unwritable out, no such dir).  cp->args and cp->env are cleared either
 * way; cp->capture stays the caller's.
 */
int run_command(struct child_process *cp);

/* Release what cp holds (args and env), for a child_process that is not run after all. */
void child_process_clear(struct child_process *cp);

#endif
