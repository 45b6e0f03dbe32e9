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

/* One line naming a libclang error code, for messages. */
const char *parse_error_name(enum CXErrorCode code);

#endif
