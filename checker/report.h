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

/* One finding, as every format prints it. */
struct report_item {
	enum check check;
	char *path, *function, *message;
	char *fingerprint;	/* stable: no line numbers (plan.c's plan_report()) */
	int line, col;
	struct report_loc *related;	/* the paired acquire, then its releases */
	size_t nrelated, related_alloc;
	int fixed;		/* gate: a finding of the baseline that is gone, printed as a note */
};

/* What a run saw, beside its findings: SARIF's run properties, the JSON "run" line. */
struct report {
	const char *command;	/* "plan", "gate", "cc" */
	const char *tree;	/* absolute root of the tree, SARIF's SRCROOT; may be NULL */
	int degraded;		/* the scan's tree was not configured */
	struct strvec parse_problems;	/* "path: status: first error", sorted */
	struct report_item *items;
	size_t n, alloc;
};

/* Print r in format f to out, items sorted by path, line, column and check; 0, or -1. */
int report_print(FILE *out, enum report_format f, const struct report *r);
void report_release(struct report *r);

#endif
