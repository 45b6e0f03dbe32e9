/* A kernel source tree: recognising one, its version and ARCH, and its files' compile flags. */
#ifndef GUPCHECK_TREE_H
#define GUPCHECK_TREE_H

#include <stdint.h>
#include <clang-c/CXCompilationDatabase.h>
#include "util.h"

struct foll_flag {
	char *name;
	uint64_t value;
};

struct kernel_tree {
	char *root;			/* absolute, no trailing slash */
	/*
	 * The configuration's folder: root, or the kbuild O= folder that holds its .config and
	 * generated headers (absolute); and the configuration's name in reports ("x86", or the
	 * O= folder's base name)
	 */
	char *objtree;
	char *config;
	int version, patchlevel, sublevel;
	const char *arch;		/* "x86", "arm64", ... (the arch/ folder) */
	const char *target;		/* clang target triple; NULL: clang has no such target */
	int bits;			/* 64 or 32 */
	char *arch_own;			/* arch, when kernel.def's ARCH rows do not know it */
	int target_guessed;		/* ... and target is the host's, for want of one */
	int configured;			/* include/generated/autoconf.h exists */
	char *autoconf;			/* include/generated/autoconf.h, or NULL */
	int fentry;			/* kbuild passes -mfentry -DCC_USING_FENTRY */
	struct strvec missing;		/* generated headers that are absent */
	CXCompilationDatabase cdb;	/* compile_commands.json, or NULL */
	struct foll_flag *foll;		/* FOLL_* bits read from the tree's headers */
	size_t nfoll, foll_alloc;
};

/*
 * Recognise path as a kernel tree and fill t.  On failure prints one line naming
 * the path and the problem and returns -1.  Release with tree_release().
 */
int tree_open(struct kernel_tree *t, const char *path);
/*
 * tree_open() of the source tree path configured in the kbuild O= folder build (NULL: in place).
 * A build folder that holds no .config, or a source tree configured in place as well (kbuild
 * refuses O= then, and its generated headers would be read first), is one line and -1.
 */
int tree_open_build(struct kernel_tree *t, const char *path, const char *build);
/*
 * tree_open() of root, and the file rel (a path inside it) exists: 0; else one line naming
 * what is wrong, t released (or never opened), -1.
 */
int tree_open_file(struct kernel_tree *t, const char *root, const char *rel);
void tree_release(struct kernel_tree *t);

/*
 * Append to argv the clang arguments that parse the file rel (relative to the
 * root) as kbuild compiles it; *from says where they came from:
 * "compile_commands", "kbuild" (synthesized) or "degraded" (unconfigured tree).
 */
void tree_flags(const struct kernel_tree *t, const char *rel, struct strvec *argv,
		const char **from);

/*
 * Append to argv the clang arguments of a compiler command line args[0..n) run in folder dir
 * (kbuild's "$(CHECK) $(CHECKFLAGS) $(c_flags) FILE"): what changes what the preprocessor and
 * parser see is kept (as from compile_commands.json), relative paths are made absolute against
 * dir, and the tree's target and clang's own headers are added when the line has none.
 */
void tree_flags_args(const struct kernel_tree *t, char *const *args, size_t n, const char *dir,
		     struct strvec *argv);

/*
 * Does kbuild build rel in this configuration?  1 yes, 0 no, -1 unknown.  Read
 * from the "obj-$(CONFIG_X) += f.o" (or composite "m-y += f.o") line of the
 * Makefile or Kbuild, in rel's folder or a parent, that names the object; that
 * folder is returned in *owner (malloc'ed, or NULL when no Makefile names it).
 */
int tree_built(const struct kernel_tree *t, const char *rel, char **owner);
/* When kbuild does not build rel: the CONFIG_ symbol its Makefile line waits for, or NULL. */
char *tree_not_built_symbol(const struct kernel_tree *t, const char *rel);

/* Does the configuration set name ("CONFIG_X", to y or m)? */
int tree_config_set(const struct kernel_tree *t, const char *name);

/*
 * NULL when rel is built for the tree's ARCH; else why not ("arch/mips is not ARCH=x86", or
 * clang has no target for the ARCH), malloc'ed.
 */
char *tree_other_arch(const struct kernel_tree *t, const char *rel);

/*
 * "FOLL_WRITE|FOLL_LONGTERM" for a flags value (bits the tree does not name print as hex);
 * caller frees.
 */
char *tree_foll_names(const struct kernel_tree *t, uint64_t value);

/*
 * The API of the tree, from its own headers, into p: the dialect (GUP.md's table), whether
 * it has iov_iter_extract_pages(), put_user_page*() and BIO_PAGE_PINNED.
 */
struct plan;
void tree_api(const struct kernel_tree *t, struct plan *p);

/* Version as one comparable number: KV(5, 6) == 0x050600. */
#define KV(a, b) (((a) << 16) | ((b) << 8))
int tree_kv(const struct kernel_tree *t);

#endif
