/* The configurations of a scan and, for several, each one's word on each acquire site. */
#include "db_int.h"

int db_add_config(struct facts_db *db, const char *name, const char *arch, const char *target,
		  const char *build, long files)
{
	sqlite3_stmt *st;
	int rc;

	if (db_prepare(db, &st, "INSERT INTO configs(name, arch, target, build, files)"
		       " VALUES (?, ?, ?, ?, ?)"))
		return -1;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, arch, -1, SQLITE_STATIC);
	if (target)
		sqlite3_bind_text(st, 3, target, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, build, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 5, files);
	rc = db_step(db, st, "insert configuration");
	sqlite3_finalize(st);
	return rc;
}

int db_add_site_config(struct facts_db *db, const char *path, unsigned line, unsigned col,
		       const char *config, const char *verdict, const char *checks)
{
	sqlite3_stmt *st;

	if (!db->ins_site_config &&
	    db_prepare(db, &db->ins_site_config, "INSERT INTO site_configs(call_id, config, verdict,"
		       " checks) SELECT c.id, ?, ?, ? FROM calls c JOIN files f ON f.id = c.file_id"
		       " JOIN apis a ON a.name = c.api"
		       " WHERE f.path = ? AND c.line = ? AND c.col = ? AND a.is_acquire"))
		return -1;
	st = db->ins_site_config;
	sqlite3_bind_text(st, 1, config, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, verdict, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 3, checks, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, path, -1, SQLITE_STATIC);
	sqlite3_bind_int(st, 5, (int)line);
	sqlite3_bind_int(st, 6, (int)col);
	return db_step(db, st, "insert site configuration");
}

long db_config_count(struct facts_db *db)
{
	sqlite3_stmt *st;
	long n = -1;

	if (db_prepare(db, &st, "SELECT count(*) FROM configs"))
		return -1;
	if (sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}
