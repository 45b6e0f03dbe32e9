/* gupcheck gate: scan a tree and fail (exit 1) on a finding its baseline does not accept. */
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "baseline.h"
#include "commands.h"
#include "db.h"
#include "report.h"
#include "run.h"

struct gate {
	const char *tree, *baseline_file, *db_file, *since, *paths_file;
	enum report_format format;
	int allow_degraded, jobs;
	struct baseline bl;
	struct path_filter paths;
	struct strvec changed;	/* --since: the files changed, sorted */
	pthread_t git_thread;	/* --since: lists them while the scan runs */
	char *git_error;	/* what listing them said when it failed, malloc'ed */
	size_t outside_paths, outside_change;	/* new findings not gated, and why */
};

/*
 * Run git with the arguments that follow (up to NULL) in the tree, its stdout and stderr
 * into out; git's exit status, or -1 when it could not run.
 */
static int git(const struct gate *g, struct strbuf *out, ...) __attribute__((sentinel));
static int git(const struct gate *g, struct strbuf *out, ...)
{
	struct child_process cp = CHILD_PROCESS_INIT;
	const char *arg;
	va_list ap;

	strvec_pushl(&cp.args, "git", "-C", g->tree, NULL);
	va_start(ap, out);
	while ((arg = va_arg(ap, const char *)))
		strvec_push(&cp.args, arg);
	va_end(ap);
	cp.capture = out;
	cp.err_to_out = 1;
	return run_command(&cp);
}

/* Push the NUL-separated names of buf[0..len) onto sv. */
static void push_names(struct strvec *sv, const char *buf, size_t len)
{
	for (const char *p = buf; p < buf + len; p += strlen(p) + 1)
		if (*p)
			strvec_push(sv, p);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* --since REV: a git work tree, and REV one of its commits; 0, or -1 after one line. */
static int since_valid(const struct gate *g)
{
	struct strbuf out = { 0 };
	char *rev;
	int bad;

	bad = git(g, &out, "rev-parse", "--is-inside-work-tree", NULL) || !out.buf ||
	      strcmp(out.buf, "true\n");
	strbuf_release(&out);
	if (bad)
		return error("%s: not a git work tree (--since needs one)", g->tree);
	rev = xasprintf("%s^{commit}", g->since);
	bad = g->since[0] == '-' || git(g, &out, "rev-parse", "--verify", "--quiet", rev, NULL);
	strbuf_release(&out);
	free(rev);
	if (bad)
		return error("--since %s: no such revision in %s", g->since, g->tree);
	return 0;
}

/*
 * The files of the tree that differ from REV into g->changed, sorted: tracked ones changed
 * since it (staged or not, renames as a deletion and an addition) and untracked ones that
 * .gitignore does not hide.  Run on its own thread while the scan reads the tree (git reads
 * it too: on two cores the two overlap); a failure leaves its line in g->git_error, and the
 * gate then exits 2 (REV was verified before the scan; the database holds the new scan).
 */
static void *list_changed(void *arg)
{
	struct gate *g = arg;
	struct strbuf out = { 0 };

	if (git(g, &out, "diff", "--name-only", "-z", "--relative", "--no-renames", g->since, "--",
		NULL)) {
		g->git_error = xasprintf("%s: git diff --name-only %s failed: %s", g->tree,
					 g->since, out.buf);
		goto out;
	}
	push_names(&g->changed, out.buf, out.len);
	out.len = 0;
	if (git(g, &out, "ls-files", "-z", "--others", "--exclude-standard", NULL)) {
		g->git_error = xasprintf("%s: git ls-files --others failed: %s", g->tree, out.buf);
		goto out;
	}
	push_names(&g->changed, out.buf, out.len);
	qsort(g->changed.v, g->changed.n, sizeof(*g->changed.v), by_name);
out:
	strbuf_release(&out);
	return NULL;
}

static int changed(const struct gate *g, const char *path)
{
	return path && bsearch(&path, g->changed.v, g->changed.n, sizeof(*g->changed.v), by_name);
}

/*
 * Is f in or caused by the change since REV?  Its place, its site's acquire or one of the
 * site's releases is in a changed file.  Since the plan pairs acquires with releases across
 * files (summaries, fields, end_io joins), a change to a helper, a teardown or a completion
 * carries to the sites whose pages reach it.  Not seen: a finding whose cause was removed
 * from another file (the last release of a site, deleted there).
 */
static int in_change(const struct gate *g, const struct plan_rows *rows,
		     const struct plan_finding_row *f)
{
	const struct plan_site_row *s;

	if (changed(g, f->path))
		return 1;
	if (!(s = plan_rows_site(rows, f->acquire_id)))
		return 0;
	if (changed(g, s->path))
		return 1;
	for (size_t r = 0; r < s->nrel; r++)
		if (changed(g, s->rel[r].path))
			return 1;
	return 0;
}

/*
 * The findings of rows the gate holds against the baseline, into *out (a plan_rows sharing
 * rows' strings: free only its findings array): new ones in --paths and in the change.
 * Baseline entries found again are marked seen.
 */
static void new_findings(struct gate *g, const struct plan_rows *rows, struct plan_rows *out)
{
	size_t alloc = 0;

	*out = (struct plan_rows){ rows->sites, rows->nsites, NULL, 0 };
	for (size_t i = 0; i < rows->nfindings; i++) {
		const struct plan_finding_row *f = &rows->findings[i];
		struct baseline_entry *e;

		if (!f->check || !check_set_has(&g->bl.checks, f->check_id))
			continue;
		if ((e = baseline_find(&g->bl, f->fingerprint))) {
			e->seen = 1;
			continue;
		}
		if (g->paths_file && !path_filter_match(&g->paths, f->path)) {
			g->outside_paths++;
			continue;
		}
		if (g->since && !in_change(g, rows, f)) {
			g->outside_change++;
			continue;
		}
		ALLOC_GROW(out->findings, out->nfindings + 1, alloc);
		out->findings[out->nfindings++] = *f;
	}
}

/*
 * Where a fixed note points: the first acquire or release the plan still has in the
 * finding's function (a fixed release usually stays, as another call), else line 0.
 */
static void fixed_place(const struct plan_rows *rows, const struct baseline_entry *e, int *line,
			int *col)
{
	*line = *col = 0;
	for (size_t i = 0; e->function && i < rows->nsites; i++) {
		const struct plan_site_row *s = &rows->sites[i];

		if (s->function && !strcmp(s->path, e->path) && !strcmp(s->function, e->function)) {
			*line = s->line;
			*col = s->col;
			return;
		}
		for (size_t r = 0; r < s->nrel; r++) {
			const struct plan_release_row *rr = &s->rel[r];

			if (rr->function && !strcmp(rr->path, e->path) &&
			    !strcmp(rr->function, e->function)) {
				*line = rr->line;
				*col = rr->col;
				return;
			}
		}
	}
}

/* Add the baseline's findings that are gone (in --paths) to r as fixed notes; how many. */
static size_t add_fixed(struct gate *g, const struct plan_rows *rows, struct report *r)
{
	size_t n = 0;

	for (size_t i = 0; i < g->bl.n; i++) {
		const struct baseline_entry *e = &g->bl.v[i];
		int line, col;

		if (e->seen || (g->paths_file && !path_filter_match(&g->paths, e->path)))
			continue;
		fixed_place(rows, e, &line, &col);
		report_add(r, e->check, e->path, line, col, e->function, e->message,
			   e->fingerprint)->fixed = 1;
		n++;
	}
	return n;
}

/* The baseline, --paths and --since, and the tree against the baseline: all before any scan. */
static int gate_inputs(struct gate *g)
{
	struct tree_id id;

	if (baseline_read(&g->bl, g->baseline_file))
		return -1;
	if (g->paths_file && path_filter_read(&g->paths, g->paths_file))
		return -1;
	if (tree_identity(g->tree, &id))
		return -1;
	if (strcmp(id.version, g->bl.version) || strcmp(id.arch, g->bl.arch))
		return error("%s: a baseline of kernel %s arch %s, but %s is kernel %s arch %s:"
			     " make the baseline from this tree", g->baseline_file, g->bl.version,
			     g->bl.arch, g->tree, id.version, id.arch);
	if (id.degraded && !g->allow_degraded)
		return refuse_degraded(g->tree);
	if (g->since && since_valid(g))
		return -1;
	return 0;
}

/* Scan, compare, print; the exit status. */
static int gate_run(struct gate *g, const char *dbpath)
{
	struct facts_db *db;
	struct plan_rows rows, fresh;
	struct report r;
	size_t fixed;
	int rc = EXIT_USAGE;

	if (g->since && pthread_create(&g->git_thread, NULL, list_changed, g))
		die("cannot start a thread");
	rc = scan_run_checks(g->tree, dbpath, g->jobs, 1, &g->bl.checks) ? EXIT_USAGE : EXIT_CLEAN;
	if (g->since)
		pthread_join(g->git_thread, NULL);
	if (g->git_error) {
		error("%s", g->git_error);
		return EXIT_USAGE;
	}
	if (rc)
		return rc;
	rc = EXIT_USAGE;
	if (!(db = db_open(dbpath)))
		return EXIT_USAGE;
	if (report_init_db(&r, db, "gate"))
		goto release;
	if (r.degraded && !g->allow_degraded) {
		refuse_degraded(g->tree);
		goto release;
	}
	if (db_load_plan(db, &rows))
		goto release;
	new_findings(g, &rows, &fresh);
	report_add_plan(&r, &fresh, &g->bl.checks);
	fixed = add_fixed(g, &rows, &r);
	if (!report_print(stdout, g->format, &r))
		rc = fresh.nfindings ? EXIT_FINDINGS : EXIT_CLEAN;
	fprintf(stderr, "gupcheck: gate: %zu new, %zu fixed, %zu accepted by %s\n",
		fresh.nfindings, fixed, g->bl.n - fixed, g->baseline_file);
	if (g->outside_paths)
		fprintf(stderr, "gupcheck: note: %zu new findings outside the --paths list, not"
			" gated\n", g->outside_paths);
	if (g->outside_change)
		fprintf(stderr, "gupcheck: note: %zu new findings not in the change since %s, not"
			" gated\n", g->outside_change, g->since);
	free(fresh.findings);
	plan_rows_release(&rows);
release:
	report_release(&r);
	db_close(db);
	return rc;
}

#define GATE_USAGE "usage: gupcheck gate TREE --baseline FILE [--db FILE.db] [--since REV]" \
	" [--paths FILE] [--format=gcc|json|sarif] [--allow-degraded] [-j N]"

static void gate_options(struct gate *g, int argc, char **argv)
{
	const char *format = "gcc";
	int f;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--baseline") && i + 1 < argc)
			g->baseline_file = argv[++i];
		else if (!strcmp(argv[i], "--db") && i + 1 < argc)
			g->db_file = argv[++i];
		else if (!strcmp(argv[i], "--since") && i + 1 < argc)
			g->since = argv[++i];
		else if (!strcmp(argv[i], "--paths") && i + 1 < argc)
			g->paths_file = argv[++i];
		else if (!strncmp(argv[i], "--format=", 9))
			format = argv[i] + 9;
		else if (!strcmp(argv[i], "--allow-degraded"))
			g->allow_degraded = 1;
		else if (!strcmp(argv[i], "-j") && i + 1 < argc)
			g->jobs = parse_jobs("-j", argv[++i]);
		else if (!strncmp(argv[i], "-j", 2) && argv[i][2])
			g->jobs = parse_jobs("-j", argv[i] + 2);
		else if (argv[i][0] != '-' && !g->tree)
			g->tree = argv[i];
		else
			die_usage(GATE_USAGE, argv[i]);
	}
	if (!g->tree || !g->baseline_file)
		die(GATE_USAGE);
	if ((f = report_format_from_name(format)) < 0)
		die("--format=%s: expected gcc, json or sarif", format);
	g->format = f;
}

int cmd_gate(int argc, char **argv)
{
	struct gate g = { .jobs = (int)sysconf(_SC_NPROCESSORS_ONLN) };
	char *tmp = NULL;
	int rc = EXIT_USAGE;

	gate_options(&g, argc, argv);
	if (!dir_exists(g.tree)) {
		error("%s: not a folder: gate scans a kernel tree", g.tree);
		return EXIT_USAGE;
	}
	if (gate_inputs(&g))
		goto out;
	if (!g.db_file)
		tmp = temp_db_path("gate");
	rc = gate_run(&g, g.db_file ? g.db_file : tmp);
out:
	if (tmp) {
		unlink(tmp);
		free(tmp);
	}
	baseline_release(&g.bl);
	path_filter_release(&g.paths);
	strvec_clear(&g.changed);
	free(g.git_error);
	return rc;
}
