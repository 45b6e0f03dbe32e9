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

/* One line naming a libclang error code, for messages. */
const char *parse_error_name(enum CXErrorCode code);

#endif
