/*
 * Findings for people and machines: gcc-style text, JSON lines and SARIF 2.1.0, all printed
 * from one model that plan and gate fill (checker/report.c).
 */
#ifndef GUPCHECK_REPORT_H
#define GUPCHECK_REPORT_H

#include <stdio.h>
#include "plan.h"
#include "util.h"

enum report_format { REPORT_GCC, REPORT_JSON, REPORT_SARIF, NR_REPORT_FORMATS };
/* "gcc", "json", "sarif"; report_format_from_name() returns -1 for another name. */
const char *report_format_name(enum report_format f);
int report_format_from_name(const char *name);

/* A place tied to a finding: its site's acquire, a release, a step of the evidence. */
struct report_loc {
	char *path;		/* relative to the tree */
	int line, col;
	char *message;		/* "acquire: pin_user_pages_fast() in f", "release: ..." */
};

/* One finding, as every format prints it.  Every string is malloc'ed and owned by the item. */
struct report_item {
	enum check check;
	char *path, *function, *message;	/* function may be NULL */
	char *fingerprint;	/* stable: no line numbers (plan.c's plan_report()) */
	int line, col;
	struct report_loc *related;	/* the paired acquire, then its releases */
	size_t nrelated, related_alloc;
	/*
	 * related[] is the path that is the evidence (the acquire, then the releases it reaches):
	 * SARIF prints it again as a codeFlow.
	 */
	int flow;
	int fixed;		/* gate: a finding of the baseline that is gone, printed as a note */
};

/* What a run saw, beside its findings: SARIF's run properties, the JSON "run" line. */
struct report {
	const char *command;	/* "plan", "gate", "cc": not freed */
	char *tree;		/* absolute root of the tree, SARIF's SRCROOT, malloc'ed; may be NULL */
	int degraded;		/* the scan's tree was not configured */
	struct strvec parse_problems;	/* "path: status: first error", sorted */
	/* the API the releases' targets are named in (report_add_plan()) */
	enum dialect dialect;
	int has_extract;
	struct report_item *items;
	size_t n, alloc;
};

/*
 * Start r (zeroed first) for command from the database db: tree, degraded (meta configured),
 * parse_problems (db_parse_problems(), with the tree's root taken out of the diagnostics, so
 * that they name files as the findings do), and the tree's own dialect (what --api=auto gives;
 * the caller may change r->dialect before report_add_plan()).  0, or -1 after an error.
 */
struct facts_db;
int report_init_db(struct report *r, struct facts_db *db, const char *command);

/*
 * Add to r the findings (not the probes) of the checks of the selection checks (NULL: all) in
 * the stored plan rows (db.h's db_load_plan()), in rows' order.  Each gets, as related
 * locations, its site's acquire ("acquire: pin_user_pages_fast() in f") and that site's
 * releases and dirtyings ("release: put_page() in g -> unpin_user_page via ...", named in
 * r->dialect); a finding tied to no site gets none.  Nothing of rows is kept.
 */
struct plan_rows;
void report_add_plan(struct report *r, const struct plan_rows *rows,
		     const struct check_set *checks);

/* A new item of r (zeroed but for what is given; strings copied), to fill further. */
struct report_item *report_add(struct report *r, enum check check, const char *path, int line,
			       int col, const char *function, const char *message,
			       const char *fingerprint);
/* Append a related location to item (strings copied). */
void report_item_add_related(struct report_item *item, const char *path, int line, int col,
			     const char *message);

/*
 * Print r in format f to out, items sorted by path, line, column, check and message (r is not
 * changed); 0, or -1 when writing to out failed.
 *
 * gcc: "path:line:col: error|warning: message [check]", then "path:line:col: note: ..." for
 * each related location; a fixed item is "path:line:col: note: fixed: message [check]".
 * Control bytes (and backslash) in paths and messages are written as \ooo octal escapes, so
 * one finding is one line whatever the tree's file names.
 *
 * json: JSON lines.  The first line is the run, {"type":"run","command","tree","degraded",
 * "parse_problems":[...]}; then one {"type":"finding","check","severity","path","line","col",
 * "function","message","fingerprint","related":[{"path","line","col","message"}],"fixed"}
 * per item.
 *
 * sarif: one SARIF 2.1.0 log of one run, on one line (checker/report.c says which fields and
 * which of GitHub code scanning's limits it keeps).
 *
 * In json and sarif every string is valid JSON whatever its bytes: quotes, backslashes and
 * control characters are escaped, and a byte that is not part of valid UTF-8 is replaced by
 * U+FFFD.  SARIF URIs instead keep every byte: they are percent-encoded (RFC 3986).
 */
int report_print(FILE *out, enum report_format f, const struct report *r);
/* Free everything r holds (not command) and zero it. */
void report_release(struct report *r);

/*
 * The words for a release or dirtying rr of pages an acquire takes for target, in dialect d:
 * "release: put_page() in f -> unpin_user_page via field struct s.f if c" ("dirty: ..." for
 * a dirtying), with its place ("path:line:col: ") after the colon when place is set, as the
 * plan's text prints it.  Caller frees.
 */
/*
 * s as a JSON string on out, for every JSON gupcheck prints: NULL is null, control characters
 * are escaped, a byte that is not valid UTF-8 becomes U+FFFD.
 */
void report_json_str(FILE *out, const char *s);

struct plan_release_row;
char *report_release_text(const struct plan_release_row *rr, const char *target, enum dialect d,
			  int place);

#endif
