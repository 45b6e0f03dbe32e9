/* What the reports say about a scan beside its findings: the files it could not parse. */
#include <stdlib.h>
#include "db_int.h"

int db_parse_problems(struct facts_db *db, struct strvec *out)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (db_prepare(db, &st, "SELECT path, status, coalesce(first_diagnostic, '') FROM files"
		       " WHERE status IN ('errors', 'failed') ORDER BY path"))
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		strvec_pushf(out, "%s: %s: %s", (const char *)sqlite3_column_text(st, 0),
			     (const char *)sqlite3_column_text(st, 1),
			     (const char *)sqlite3_column_text(st, 2));
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : db_error(db, "read parse problems");
}
