/* The typed interface to the facts database; every SQL statement of gupcheck lives behind it. */
#ifndef GUPCHECK_DB_H
#define GUPCHECK_DB_H

#include <stdio.h>
#include "facts.h"

#define DB_SCHEMA_VERSION 1

struct facts_db;

/*
 * Start a new database that will replace final_path: it is built in a temporary
 * file beside it, inside one transaction.  Returns NULL after printing an error.
 * Finish with db_commit() or db_abort(); both free the handle.
 */
struct facts_db *db_create(const char *final_path);
int db_set_meta(struct facts_db *db, const char *key, const char *value);
/* Record one file and all its facts. */
int db_add_file(struct facts_db *db, const struct file_facts *ff);
/* Build the indexes, commit, and rename the file over final_path: all or nothing. */
int db_commit(struct facts_db *db);
/* Drop everything; final_path is left as it was. */
void db_abort(struct facts_db *db);

/* Open an existing database read-only; refuses a missing file or another schema version. */
struct facts_db *db_open(const char *path);
void db_close(struct facts_db *db);
/* Value of a meta key, malloc'ed, or NULL. */
char *db_get_meta(struct facts_db *db, const char *key);

struct scan_summary {
	long files, ok, errors, failed, other_arch;
	long acquires, acquires_not_compiled, releases, stores;
};
int db_summary(struct facts_db *db, struct scan_summary *s);

/*
 * Print the facts of every file (or of the file named path) in the sorted text
 * format of the fixtures: "path:line:col: acquire NAME; key=value; ...".
 */
int db_print_facts(struct facts_db *db, const char *path, FILE *out);

#endif
