/* Inside db/ only: the database handle and the statement helpers the storage files share. */
#ifndef GUPCHECK_DB_INT_H
#define GUPCHECK_DB_INT_H

#include <sqlite3.h>
#include "db.h"
#include "util.h"

struct facts_db {
	sqlite3 *h;
	char *final_path, *tmp_path;	/* tmp_path is NULL for a database opened read-only */
	sqlite3_stmt *ins_file, *ins_fn, *ins_call, *ins_store, *ins_flow;
	sqlite3_stmt *ins_cache, *ins_header, *ins_walk;	/* db_cache.c's */
	sqlite3_stmt *ins_site_config;				/* db_census.c's */
};

/* Finalize the insert statements of db (db.c's and db_cache.c's) and NULL them. */
void db_finalize_inserts(struct facts_db *db);

/*
 * db_tmp.c: the temporary file of a new database.  begin removes final_path's temporary files
 * left by dead scans and removes tmp_path itself on SIGINT, SIGTERM or SIGHUP until end;
 * commit syncs tmp_path, renames it over final_path and syncs the folder (-1 after an error).
 */
void db_tmp_begin(const char *tmp_path, const char *final_path);
void db_tmp_end(void);
int db_tmp_commit(const char *tmp_path, const char *final_path);

/* Print "FILE: what: sqlite's message" as an error(); returns -1. */
int db_error(struct facts_db *db, const char *what);
/* Prepare sql into *st (the caller finalizes it); -1 after printing an error. */
int db_prepare(struct facts_db *db, sqlite3_stmt **st, const char *sql);
/* Bind s (not copied: it must outlive the step) or NULL to parameter i. */
void db_bind_opt(sqlite3_stmt *st, int i, const char *s);
/* Run an insert and reset it, bindings cleared; -1 after printing an error naming what. */
int db_step(struct facts_db *db, sqlite3_stmt *st, const char *what);
/* Column i of the current row as a malloc'ed string, or NULL for SQL NULL. */
char *db_col_dup(sqlite3_stmt *st, int i);

#endif
