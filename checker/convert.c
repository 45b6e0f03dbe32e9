/* gupcheck convert: the plan turned into a git-am-able patch series by cocci/'s rules. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "commands.h"
#include "convert.h"
#include "outdir.h"
#include "tree.h"

/* The group of folder dir in g[0..*ng), added when there is none. */
static struct group *group_of(struct group **g, size_t *ng, size_t *alloc, const char *path)
{
	char *dir = dir_of(path);
	size_t k;

	for (k = 0; k < *ng && strcmp((*g)[k].dir, dir); k++)
		;
	if (k < *ng) {
		free(dir);
		return &(*g)[k];
	}
	ALLOC_GROW(*g, *ng + 1, *alloc);
	memset(&(*g)[*ng], 0, sizeof(**g));
	(*g)[*ng].dir = dir;
	return &(*g)[(*ng)++];
}

/*
 * The converting sites by folder, in plan order, and the folders of write-literal findings
 * (which get a group, maybe with no site); *ng gets the number of groups.
 */
static struct group *group_sites(const struct conv *c, size_t *ng)
{
	const struct plan_rows *r = &c->rows;
	struct group *g = NULL, *one;
	size_t alloc = 0;

	*ng = 0;
	for (size_t i = 0; i < r->nsites; i++) {
		if (!c->converting[i])
			continue;
		one = group_of(&g, ng, &alloc, r->sites[i].path);
		ALLOC_GROW(one->sites, one->nsites + 1, one->alloc);
		one->sites[one->nsites++] = i;
	}
	for (size_t f = 0; f < r->nfindings; f++) {
		const struct plan_finding_row *fd = &r->findings[f];

		if (fd->check && fd->check_id == CHECK_write_literal)
			group_of(&g, ng, &alloc, fd->path);
	}
	return g;
}

/* Take the site that owns edit x out of group g (and of the series); -1 when no site owns it. */
static int drop_site(struct conv *c, struct group *g, const struct edit *x)
{
	for (size_t k = 0; k < g->nsites; k++) {
		const struct plan_site_row *s = &c->rows.sites[g->sites[k]];
		int owns = s->line == x->line && !strcmp(s->path, x->path);

		for (size_t m = 0; m < s->nrel && !owns; m++)
			owns = s->rel[m].line == x->line && !strcmp(s->rel[m].path, x->path);
		if (!owns)
			continue;
		c->converting[g->sites[k]] = 0;
		c->why[g->sites[k]] = "spatch found no form its rule rewrites";
		memmove(&g->sites[k], &g->sites[k + 1], (g->nsites - k - 1) * sizeof(*g->sites));
		g->nsites--;
		return 0;
	}
	return error("%s:%d: spatch %s.cocci changed nothing there", x->path, x->line,
		     rewrites[x->rule].name);
}

/*
 * Rewrite group g in the work copy: its edits, applied; a site whose rewrite spatch did not
 * make is dropped, and the folder is done again without it.  files gets the group's files, gp
 * its edits and their counts (the caller frees gp->e).
 */
static int rewrite_group(struct conv *c, struct group *g, struct strvec *files,
			 struct group_plan *gp)
{
	for (;;) {
		size_t s0 = c->nsteps, l0 = c->nloops;
		int bad;

		*gp = (struct group_plan){ .edits = 1 };
		group_plan(c, g, gp);
		if (spatch_apply(c, gp->e, gp->n, files))
			return -1;
		bad = spatch_unapplied(c, s0, gp->e, gp->n);
		if (bad < 0)
			return 0;
		if (drop_site(c, g, &gp->e[bad]) || spatch_restore(c, files, s0, l0))
			return -1;
		free(gp->e);
		strvec_clear(files);
	}
}

/* Group g's patch into pv[*np] (none when the group changed nothing); -1 after an error. */
static int convert_group(struct conv *c, struct group *g, struct patch **pv, size_t *np,
			 size_t *palloc)
{
	struct strvec files = { 0 };
	struct strbuf msg = { 0 };
	struct group_plan gp, text = { .msg = &msg };
	char *d;

	if (rewrite_group(c, g, &files, &gp)) {
		free(gp.e);
		strvec_clear(&files);
		return -1;
	}
	group_plan(c, g, &text);	/* the message, knowing which loops collapsed */
	d = spatch_group_diff(c, &files);
	if (*d) {
		ALLOC_GROW(*pv, *np + 1, *palloc);
		group_patch(c, g, &gp, msg.buf, d, &(*pv)[(*np)++]);
	} else {
		free(d);
	}
	free(gp.e);
	strbuf_release(&msg);
	strvec_clear(&files);
	return 0;
}

/*
 * Write the series into outdir.tmp.PID, then put it in place of outdir: a failed run leaves
 * outdir as it was.  The absolute path of outdir goes to *abs.
 */
static int write_output(const struct conv *c, const char *outdir, const struct patch *pv,
			size_t np, const char *signoff, size_t *nstay, char **abs)
{
	char *tmp = outdir_begin(outdir), *abstmp;
	int replaced, rc;

	if (!tmp)
		return -1;
	abstmp = realpath(tmp, NULL);
	rc = !abstmp || write_series(abstmp, pv, np, signoff) || write_stays(c, abstmp, nstay) ||
	     outdir_commit(tmp, outdir, &replaced);
	if (rc)
		outdir_abort(tmp);
	else if (replaced)
		fprintf(stderr, "gupcheck: convert: %s held a previous series: replaced\n", outdir);
	*abs = rc ? NULL : realpath(outdir, NULL);
	free(abstmp);
	free(tmp);
	return rc || !*abs ? -1 : 0;
}

static int convert(struct conv *c, const char *outdir, const char *signoff, int do_apply)
{
	struct group *g;
	struct patch *pv = NULL;
	size_t ng, np = 0, palloc = 0, nstay;
	char *abs = NULL;
	int rc = -1;

	select_sites(c);
	g = group_sites(c, &ng);
	for (size_t k = 0; k < ng; k++)
		if (convert_group(c, &g[k], &pv, &np, &palloc))
			goto out;
	if (write_output(c, outdir, pv, np, signoff, &nstay, &abs))
		goto out;
	printf("gupcheck: convert: %zu patches, %zu sites", np, count_converting(c));
	if (count_old_releases(c))	/* only a tree written against v5.2-v5.5 has them */
		printf(" (and %zu that stay with their put_user_page*() releases made put_page()"
		       " or release_pages())", count_old_releases(c));
	printf(" -> %s/series; %zu pin sites stay: %s/stays.txt\n", c->outdir_arg, nstay,
	       c->outdir_arg);
	rc = do_apply && np ? apply_series(c->tree, abs) : 0;
out:
	free(abs);
	for (size_t k = 0; k < ng; k++) {
		free(g[k].dir);
		free(g[k].sites);
	}
	free(g);
	for (size_t i = 0; i < np; i++)
		patch_release(&pv[i]);
	free(pv);
	return rc;
}

/* One file the scan read, against the tree: the same content, or -1 after saying what differs. */
static int same_file(const char *path, const char *want, void *tree)
{
	char *abs = xasprintf("%s/%s", (const char *)tree, path), *buf;
	char got[17] = "";
	size_t len;

	if ((buf = read_file(abs, &len)))
		hash_hex(buf, len, got);
	free(buf);
	free(abs);
	if (!want || !strcmp(want, got))
		return 0;
	return error("%s/%s: %s since the scan: run 'gupcheck scan' on this tree again",
		     (const char *)tree, path, *got ? "changed" : "gone");
}

/*
 * Is db (read from dbpath) a scan of tree as it is now?  Its kernel version, and every
 * file it read, with the content it read (so a database of another tree, or of this one
 * before a change, is refused: its positions would be wrong).  -1 after saying what differs.
 */
static int stale(struct facts_db *db, const char *dbpath, const char *tree)
{
	struct kernel_tree t;
	char *version = db_get_meta(db, "version"), now[64];
	int rc = -1;

	if (tree_open(&t, tree))
		goto out;
	snprintf(now, sizeof(now), "%d.%d.%d", t.version, t.patchlevel, t.sublevel);
	tree_release(&t);
	if (!version || strcmp(version, now)) {
		error("%s: a scan of a %s tree, and %s is %s: scan this tree", dbpath,
		      version ? version : "(unknown)", tree, now);
		goto out;
	}
	rc = db_each_file(db, same_file, (void *)tree) ? -1 : 0;
out:
	free(version);
	return rc;
}

/* Where cocci/ is: $GUPCHECK_COCCI, else beside the program (checker/gupcheck -> cocci/). */
static char *cocci_dir(void)
{
	char exe[4096];
	ssize_t n;
	char *slash;

	if (getenv("GUPCHECK_COCCI"))
		return xstrdup(getenv("GUPCHECK_COCCI"));
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return xstrdup("cocci");
	exe[n] = 0;
	if ((slash = strrchr(exe, '/')))
		*slash = 0;
	return xasprintf("%s/../cocci", exe);
}

int cmd_convert(int argc, char **argv)
{
	static const char usage[] = "usage: gupcheck convert TREE -o DIR"
				    " [--api=auto|put_user_page|pin] [--apply]"
				    " [--signoff 'NAME <EMAIL>'] [--db FILE.db]";
	const char *tree = NULL, *outdir = NULL, *api = "auto", *dbpath = NULL;
	char *signoff = NULL, *tmpdb = NULL, *meta, *absout = NULL;
	struct conv c = { 0 };
	struct facts_db *db;
	int do_apply = 0, rc = EXIT_USAGE;
	char work[] = "/tmp/gupcheck-convert.XXXXXX";

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-o") && i + 1 < argc)
			outdir = argv[++i];
		else if (!strncmp(argv[i], "--api=", 6))
			api = argv[i] + 6;
		else if (!strcmp(argv[i], "--apply"))
			do_apply = 1;
		else if (!strcmp(argv[i], "--signoff") && i + 1 < argc)
			signoff = xstrdup(argv[++i]);
		else if (!strcmp(argv[i], "--db") && i + 1 < argc)
			dbpath = argv[++i];
		else if (argv[i][0] != '-' && !tree)
			tree = argv[i];
		else
			die_usage(usage, argv[i]);
	}
	if (!tree || !outdir)
		die("%s", usage);
	if (!dir_exists(tree))
		die("%s: no such directory", tree);
	if (strcmp(api, "auto") && strcmp(api, "pin") && strcmp(api, "put_user_page"))
		die("--api=%s: expected auto, put_user_page or pin", api);
	if (!signoff && !(signoff = signoff_from_git()))
		die("%s: no Signed-off-by: set git config user.name and user.email, or pass"
		    " --signoff", outdir);
	c.outdir_arg = outdir;
	outdir = absout = outdir_clean(outdir);
	if (outdir_check(outdir))
		goto out;
	if (!dbpath) {
		tmpdb = temp_db_path("convert");
		if (scan_run(tree, tmpdb, (int)sysconf(_SC_NPROCESSORS_ONLN), 1))
			goto out;
		dbpath = tmpdb;
	}
	if (!(db = tmpdb ? db_open(dbpath) : open_scanned(dbpath)))
		goto out;
	if (api_dialect(db, tree, api, &c.d)) {
		db_close(db);
		goto out;
	}
	meta = db_get_meta(db, "has_extract");
	c.has_extract = meta && !strcmp(meta, "yes");
	free(meta);
	if (c.d == DIALECT_OLD) {
		error("%s: a tree before v5.2 (neither pin_user_pages nor put_user_page in"
		      " include/linux/mm.h): nothing to convert to", tree);
		db_close(db);
		goto out;
	}
	if (db_load_plan(db, &c.rows) || db_load_bio_reach(db, &c.reach)) {
		db_close(db);
		goto out;
	}
	if (stale(db, dbpath, tree)) {
		db_close(db);
		plan_rows_release(&c.rows);
		goto out;
	}
	db_close(db);
	if (!mkdtemp(work)) {
		error("%s: cannot create a work folder", work);
		plan_rows_release(&c.rows);
		goto out;
	}
	c.tree = realpath(tree, NULL);
	c.work = work;
	c.cocci = cocci_dir();
	if (!convert(&c, outdir, signoff, do_apply))
		rc = EXIT_CLEAN;
	remove_tree(work);
	spatch_release(&c);
	free(c.converting);
	free(c.why);
	free(c.split);
	free(c.flags_param);
	strvec_clear(&c.param_args);
	reach_rows_release(&c.reach);
	free((char *)c.cocci);
	free((char *)c.tree);
	plan_rows_release(&c.rows);
out:
	if (tmpdb) {
		unlink(tmpdb);
		free(tmpdb);
	}
	free(signoff);
	free(absout);
	return rc;
}
