/* gupcheck facts and gupcheck flags: what a scan stored, and the clang arguments of a file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "commands.h"
#include "db.h"
#include "tree.h"

int cmd_facts(int argc, char **argv)
{
	struct facts_db *db;
	char *hash = NULL;
	int rc;

	if (argc < 2 || argc > 3)
		die("usage: gupcheck facts FILE.db [PATH]");
	db = db_open(argv[1]);
	if (!db)
		return EXIT_USAGE;
	if (argc == 3 && !(hash = db_file_hash(db, argv[2]))) {
		error("%s: not in %s (gupcheck facts takes a path relative to the tree)", argv[2],
		      argv[1]);
		db_close(db);
		return EXIT_USAGE;
	}
	free(hash);
	rc = db_print_facts(db, argc == 3 ? argv[2] : NULL, stdout);
	db_close(db);
	return rc ? EXIT_USAGE : EXIT_CLEAN;
}

int cmd_flags(int argc, char **argv)
{
	struct kernel_tree tree;
	struct strvec args = { 0 };
	const char *from;

	if (argc != 3)
		die("usage: gupcheck flags TREE PATH");
	if (tree_open_file(&tree, argv[1], argv[2]))
		return EXIT_USAGE;
	tree_flags(&tree, argv[2], &args, &from);
	printf("# from %s\n", from);
	for (size_t i = 0; i < args.n; i++)
		printf("%s\n", args.v[i]);
	strvec_clear(&args);
	tree_release(&tree);
	return EXIT_CLEAN;
}
