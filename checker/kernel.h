/* What gupcheck knows about kernel functions, types and names: the rows of kernel.def, by role. */
#ifndef GUPCHECK_KERNEL_H
#define GUPCHECK_KERNEL_H

#include <stddef.h>

/* How a row's name matches (kernel.def says more). */
enum kernel_match {
	MATCH_EXACT,	/* the whole name */
	MATCH_PREFIX,	/* the start of the name */
	MATCH_WORD,	/* anywhere in the name, or in a file's text */
};

/* What a row says about what it names; a row has one or more. */
enum kernel_role {
	ROLE_PARAM_PAGES,	/* a GUP-family parameter name for the pages array */
	ROLE_PARAM_COUNT,	/* ... for the number of pages */
	ROLE_PARAM_FLAGS,	/* ... for the gup flags */
	ROLE_PARAM_ADDR,	/* ... for the user address the pages are taken at */
	ROLE_CANDIDATE,		/* a file whose text has it may call the GUP family (prefilter) */
	ROLE_RING2,		/* a file whose text has it may release pages (ring 2) */
	ROLE_MMU_NOTIFIER,	/* a file whose text has it uses MMU notifiers or HMM (case 3) */
	ROLE_HOLDS_PAGES,	/* a type (canonical spelling) whose values can hold user pages */
	ROLE_PAGE_TYPE,		/* a type that is exactly a page pointer or page array */
	ROLE_CONTAINER,		/* a struct type whose fields stand for the object that holds it */
	ROLE_SAME_PAGE,		/* its result is its first argument's page, or its head */
	ROLE_ITER_LINK,		/* its two first arguments walk the same pages (bio_next_segment) */
	ROLE_PAGE_NUMBER,	/* its result and its first argument are one page, as a page or a number */
	ROLE_PFN_NAME,		/* a variable, parameter or field so named holds page numbers */
	ROLE_FILL,		/* it puts its page argument into its container argument */
	ROLE_BIO_MERGE,		/* a bio merge answering through "bool *same_page" */
	ROLE_BIO_FLAG,		/* sets, clears or tests a BIO_* flag (bio, flag) */
	ROLE_FREE,		/* it ends the life of an object of argument arg's struct type */
	ROLE_ORIGIN_PAGECACHE,	/* it returns a page-cache page */
	ROLE_ORIGIN_ALLOC,	/* it returns a newly allocated page */
	ROLE_ORIGIN_KERNEL,	/* it turns a kernel address into its page */
	ROLE_ORIGIN_ZERO,	/* the zero page, as written (ZERO_PAGE()) */
	ROLE_ORIGIN_FILL,	/* it fills its argument arg with kernel pages (get_kernel_pages()) */
	ROLE_INSPECT,		/* it only looks at struct page: no data use */
	ROLE_USE,		/* it uses a page or page array without releasing what GUP took */
	ROLE_TEARDOWN_WORD,	/* a word that names the end of an object's life */
	ROLE_END_IO_WORD,	/* a word that names the end of one I/O */
	ROLE_OWN_REF,		/* it takes a reference of its own on its page argument (get_page) */
	ROLE_KIND_TEST,		/* it tests a flag or the pages' origin: an if on it is a kind test */
	ROLE_RESULT_TEST,	/* it tests a call's result (IS_ERR()): an if on it is a result test */
	ROLE_DIRTY_ARG,		/* a release whose argument arg says whether it dirties the pages */
	ROLE_PAGE_TEST_ZERO,	/* it tests whether a page (or pfn) is the zero page */
	ROLE_PAGE_TEST_RESERVED, /* it tests PageReserved (the zero page is reserved too) */
	ROLE_EXPORT_VAR,	/* a variable that exports a symbol (EXPORT_SYMBOL()): no address taken */
	ROLE_ADDR_ONLY,		/* it takes a user address and reaches no data there (find_vma()) */
	ROLE_MAPS_DATA,		/* it reaches a page's bytes: a kernel mapping, a copy, a DMA mapping */
	ROLE_DIRTIES,		/* a release that always dirties what it releases */
	ROLE_DMA_TO_WORD,	/* a word of a DMA direction towards the device only */
	ROLE_DMA_WRITE_WORD,	/* a word of a DMA direction in which the device writes */
	ROLE_NR
};

/* One row of kernel.def's KERNEL() rows. */
struct kernel_name {
	const char *name;
	enum kernel_match match;
	int arg;		/* the argument the role is about (FREE), else 0 */
	unsigned long long roles;	/* 1ull << ROLE_X, ORed */
};

/* Does name match a row with role, by that row's match rule? */
int kernel_has(const char *name, enum kernel_role role);

/* The arg of the first row with role that name matches, or -1 when there is none. */
int kernel_arg(const char *name, enum kernel_role role);

/* Does buf[0..len) contain the name of a WORD row with role anywhere? */
int kernel_in_text(const char *buf, size_t len, enum kernel_role role);

#endif
