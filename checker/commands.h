/* The subcommands of gupcheck, each a small client of the parser and the database. */
#ifndef GUPCHECK_COMMANDS_H
#define GUPCHECK_COMMANDS_H

#include "flow.h"

/* Each takes argv from the subcommand name on and returns the exit status. */
int cmd_scan(int argc, char **argv);
int cmd_facts(int argc, char **argv);
int cmd_flags(int argc, char **argv);
int cmd_plan(int argc, char **argv);
int cmd_end_io(int argc, char **argv);
int cmd_convert(int argc, char **argv);

/* Scan tree_path into the database out with jobs threads; quiet drops the progress and summary. */
int scan_run(const char *tree_path, const char *out, int jobs, int quiet);

/*
 * The dialect of a scanned tree (database db, named what in errors) that --api=api asks for;
 * -1 after printing an error when the tree lacks that API.
 */
struct facts_db;
int api_dialect(struct facts_db *db, const char *what, const char *api, enum dialect *d);

#endif
