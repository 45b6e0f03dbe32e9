/* Parse one source file with libclang and turn it into facts: calls, functions, field stores. */
#ifndef GUPCHECK_PARSE_H
#define GUPCHECK_PARSE_H

#include <clang-c/Index.h>
#include "facts.h"
#include "tree.h"

/*
 * Parse tree->root/rel with idx and fill ff (which the caller zeroes and later
 * releases with file_facts_release()).  Never fails: a file libclang cannot parse
 * gets status PARSE_FAILED and only its lexical census.  Calls libclang reports in
 * preprocessor-disabled branches are marked not compiled.
 */
void parse_file(CXIndex idx, const struct kernel_tree *tree, const char *rel,
		struct file_facts *ff);

/*
 * parse_file() with the clang arguments args (not taken; "-x c" is added for a header) that
 * tree_flags() or kbuild gives, and flags_from, a static string stored in ff->flags_from
 * ("compile_commands", "kbuild", "degraded", "kbuild-check": facts_io.c's table lists the
 * values the facts cache keeps).  An absolute rel is a file outside the tree (a module built
 * with M=), read where it is.  ff->includes gets the headers the parse read.  ff->built is
 * still what the tree's Makefiles say, and a file of another ARCH is not parsed (its
 * flags_from stays NULL).
 */
void parse_file_args(CXIndex idx, const struct kernel_tree *tree, const char *rel,
		     const struct strvec *args, const char *flags_from, struct file_facts *ff);

/*
 * The facts of the header rel (in the tree) as the parse of includer, a file that includes it
 * with the clang arguments args (not taken), sees it: its static inline functions that take or
 * return a page array (struct page **), with their bodies; nothing else of it or of includer.  ff as for parse_file_args();
 * ff->built is includer's, ff->includes the headers that parse read, includer among them.  A
 * header that parse does not reach is PARSE_FAILED.
 */
void parse_header_args(CXIndex idx, const struct kernel_tree *tree, const char *rel,
		       const char *includer, const struct strvec *args, const char *flags_from,
		       struct file_facts *ff);

/* facts_key() of the header rel read through includer with args (caller frees). */
char *header_key(const struct kernel_tree *t, const char *rel, const char *includer,
		 const struct strvec *args, const char *flags_from);

/* One line naming a libclang error code, for messages. */
const char *parse_error_name(enum CXErrorCode code);

#endif
