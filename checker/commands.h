/* The subcommands of gupcheck, each a small client of the parser and the database. */
#ifndef GUPCHECK_COMMANDS_H
#define GUPCHECK_COMMANDS_H

#include <stdio.h>
#include "plan.h"

/* Each takes argv from the subcommand name on and returns the exit status. */
int cmd_scan(int argc, char **argv);
int cmd_facts(int argc, char **argv);
int cmd_flags(int argc, char **argv);
int cmd_cfg(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_end_io(int argc, char **argv);
int cmd_convert(int argc, char **argv);
int cmd_baseline(int argc, char **argv);
int cmd_gate(int argc, char **argv);
int cmd_cc(int argc, char **argv);

/*
 * Scan tree_path into the database out with jobs threads, running the checks of the
 * selection checks (NULL: all); quiet drops the progress and summary.  scan_run() runs all.
 */
int scan_run_checks(const char *tree_path, const char *out, int jobs, int quiet,
		    const struct check_set *checks);
int scan_run(const char *tree_path, const char *out, int jobs, int quiet);

/*
 * Write the database out (atomically: db_create() .. db_commit()) from the facts of n files of
 * t: meta, the files and their facts, the plan with the checks of the selection checks (NULL:
 * all) and the facts cache (each file whose facts.key is set, with the headers in its
 * includes, hashed now).  facts is sorted by path in place and neither taken nor freed; ring
 * is the caller's.  0, or -1 after printing an error (out is then left as it was).  This is
 * what a scan ends with, and what kbuild mode writes its facts with.
 */
struct kernel_tree;
struct file_facts;
int scan_store(const struct kernel_tree *t, struct file_facts *facts, size_t n, const char *out,
	       const struct check_set *checks);

/*
 * kbuild mode's store (gupcheck cc): the database out gets ff's facts (taken) in place of the
 * ones it had for ff->path, beside the other ring-1 files it had (as cached); ring 2 is found
 * again from the tree, and the plan made anew, written as scan_store() does.  A previous
 * database that is not one of t is not read (said so).  0, or -1 after printing an error.
 */
int scan_store_one(const struct kernel_tree *t, struct file_facts *ff, const char *out,
		   const struct check_set *checks);

/*
 * The database of what: what itself, or, when what is a kernel tree, a scan of it (with the
 * checks of the selection, NULL: all) into a temporary file *tmp, which the caller unlinks
 * and frees.  NULL after printing an error.
 */
struct facts_db;
struct facts_db *scan_or_open(const char *what, const struct check_set *checks, char **tmp);
/* db_open() of a scan's database, with a warning on stderr when that scan was degraded. */
struct facts_db *open_scanned(const char *path);

/* Print the end-io report of db (end_io.c); *unbalanced counts the unbalanced completions. */
int end_io_report(struct facts_db *db, FILE *out, long *unbalanced);

#endif
