/* gupcheck cc: kbuild's $(CHECK): one compiled file, parsed with its real flags, into a database. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>
#include "commands.h"
#include "db.h"
#include "lex.h"
#include "parse.h"
#include "report.h"
#include "tree.h"

#define CC_USAGE "usage: gupcheck cc --db FILE.db [--werror] [--format=gcc|json|sarif]" \
	" [--checks=A,B] [--no-checks=A,B] COMPILER-ARGUMENTS... FILE.c"

struct cc_options {
	const char *db;
	int werror;
	enum report_format format;
	struct check_set checks;
};

/*
 * gupcheck's own options, which come first; the compiler's command line starts at the first
 * argument that is not one of them (or after "--").  Returns its index.
 */
static int cc_options(int argc, char **argv, struct cc_options *o)
{
	int i, f;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--db") && i + 1 < argc)
			o->db = argv[++i];
		else if (!strncmp(argv[i], "--db=", 5))
			o->db = argv[i] + 5;
		else if (!strcmp(argv[i], "--werror"))
			o->werror = 1;
		else if (!strncmp(argv[i], "--format=", 9)) {
			if ((f = report_format_from_name(argv[i] + 9)) < 0)
				die("--format=%s: expected gcc, json or sarif", argv[i] + 9);
			o->format = f;
		} else if (check_set_option(&o->checks, argv[i]))
			continue;
		else if (!strcmp(argv[i], "--"))
			return i + 1;
		else
			break;
	}
	return i;
}

/* Does the compiler option a take the next argument as its value? */
static int takes_value(const char *a)
{
	static const char *const opts[] = {
		"-o", "-include", "-imacros", "-isystem", "-iquote", "-idirafter", "-I", "-D", "-U",
		"-MF", "-MT", "-MQ", "-x", "--param", "-Xclang", "-target", NULL
	};

	for (int i = 0; opts[i]; i++)
		if (!strcmp(a, opts[i]))
			return 1;
	return 0;
}

/* The index of the file a compiler command line compiles: its last .c argument, or -1. */
static int source_of(char **args, int n)
{
	int src = -1;

	for (int i = 0; i < n; i++) {
		size_t len = strlen(args[i]);

		if (args[i][0] == '-') {
			i += takes_value(args[i]);
			continue;
		}
		if (len > 2 && !strcmp(args[i] + len - 2, ".c"))
			src = i;
	}
	return src;
}

/*
 * Hold the lock of the database at path: an exclusive flock() of the folder that holds it,
 * so that parallel make jobs add their files one at a time and nothing is left behind.
 * Returns the descriptor to close, or -1 after printing an error.
 */
static int lock_folder(const char *path)
{
	char *dir = dir_of(path);
	int fd = open(dir[0] ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);

	if (fd < 0 || flock(fd, LOCK_EX)) {
		error("%s: cannot lock its folder: %s", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		fd = -1;
	}
	free(dir);
	return fd;
}

/*
 * The name the database gives src: its path relative to the tree root when it is inside, as
 * kbuild names in-tree files; else its absolute path (a module built with M=).  Caller frees.
 */
static char *tree_name(const struct kernel_tree *t, const char *src)
{
	char *real = realpath(src, NULL);
	size_t len = strlen(t->root);
	char *name;

	if (!real)
		return NULL;
	if (!strncmp(real, t->root, len) && real[len] == '/')
		name = xstrdup(real + len + 1);
	else
		name = xstrdup(real);
	free(real);
	return name;
}

/* Is the finding f of rows in the file name, or is its site's acquire? */
static int in_file(const struct plan_rows *rows, const struct plan_finding_row *f,
		   const char *name)
{
	const struct plan_site_row *s = plan_rows_site(rows, f->acquire_id);

	return !strcmp(f->path, name) || (s && !strcmp(s->path, name));
}

/*
 * Print the findings of the database at path that are in the file name or caused by it (its
 * acquires' pages released wrong elsewhere) on stderr, as a compiler does; their count, or -1.
 */
static long print_findings(const char *path, const char *name, const struct cc_options *o)
{
	struct facts_db *db = db_open(path);
	struct report r = { 0 };
	struct plan_rows rows, mine = { 0 };
	long n = -1;

	if (!db)
		return -1;
	if (report_init_db(&r, db, "cc") || db_load_plan(db, &rows))
		goto close;
	mine.sites = rows.sites;
	mine.nsites = rows.nsites;
	mine.findings = xcalloc(rows.nfindings + 1, sizeof(*mine.findings));
	for (size_t i = 0; i < rows.nfindings; i++)
		if (rows.findings[i].check && in_file(&rows, &rows.findings[i], name))
			mine.findings[mine.nfindings++] = rows.findings[i];
	report_add_plan(&r, &mine, &o->checks);
	free(mine.findings);
	plan_rows_release(&rows);
	n = (long)r.n;
	if (report_print(stderr, o->format, &r))
		n = -1;
close:
	report_release(&r);
	db_close(db);
	return n;
}

/* A database at path that exists must be one of the tree t: cc only adds to it.  0 or -1. */
static int same_tree(const char *path, const struct kernel_tree *t)
{
	struct facts_db *db;
	char *root;
	int rc;

	if (!file_exists(path))
		return 0;
	if (!(db = db_open(path)))
		return -1;
	root = db_get_meta(db, "tree");
	rc = root && !strcmp(root, t->root) ? 0 :
	     error("%s: a database of the tree %s, not of %s (the folder make runs in)", path,
		   root ? root : "(none)", t->root);
	free(root);
	db_close(db);
	return rc;
}

/* Parse the file name of tree t with the compiler's arguments args[0..n), run in cwd. */
static void cc_parse(const struct kernel_tree *t, const char *name, char **args, int n,
		     const char *cwd, struct file_facts *ff)
{
	CXIndex idx = clang_createIndex(0, 0);
	struct strvec argv = { 0 };

	tree_flags_args(t, args, n, cwd, &argv);
	parse_file_args(idx, t, name, &argv, "kbuild-check", ff);
	strvec_clear(&argv);
	clang_disposeIndex(idx);
}

int cmd_cc(int argc, char **argv)
{
	struct cc_options o = { .format = REPORT_GCC };
	int first = cc_options(argc, argv, &o), src, lock, rc = EXIT_USAGE;
	struct kernel_tree tree;
	struct file_facts ff = { 0 };
	char cwd[PATH_MAX], *buf, *name = NULL, *target;
	size_t len;
	long found;

	if (!o.db)
		die(CC_USAGE);
	if ((src = source_of(argv + first, argc - first)) < 0)
		die("cc: no .c file on the command line; " CC_USAGE);
	src += first;
	if (!(buf = read_file(argv[src], &len)))
		die("%s: cannot read: %s", argv[src], strerror(errno));
	found = lex_is_candidate(buf, len);
	free(buf);
	if (!found)	/* kbuild checks every file: most name no GUP-family function */
		return EXIT_CLEAN;
	if (!getcwd(cwd, sizeof(cwd)))
		die("cc: cannot read the current folder: %s", strerror(errno));
	if (!(target = db_output_path(o.db)))
		return EXIT_USAGE;
	if (tree_open(&tree, cwd))
		goto free_target;
	if (!(name = tree_name(&tree, argv[src]))) {
		error("%s: %s", argv[src], strerror(errno));
		goto release_tree;
	}
	if (same_tree(target, &tree))
		goto release_facts;
	cc_parse(&tree, name, argv + first, argc - first, cwd, &ff);
	if ((lock = lock_folder(target)) < 0)
		goto release_facts;
	found = scan_store_one(&tree, &ff, target, &o.checks) ? -1 :
		print_findings(target, name, &o);
	close(lock);
	if (found >= 0)
		rc = found && o.werror ? EXIT_FINDINGS : EXIT_CLEAN;
release_facts:
	file_facts_release(&ff);
	free(name);
release_tree:
	tree_release(&tree);
free_target:
	free(target);
	return rc;
}
