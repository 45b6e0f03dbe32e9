/* The GUP-family API table: which functions acquire or release user pages, their argument roles
 * and target names; its rows are the GUP rows of kernel.def. */
#ifndef GUPCHECK_API_H
#define GUPCHECK_API_H

enum api_kind {
	API_GET,	/* get_user_pages*(): FOLL_GET reference, released by put_page() */
	API_PIN,	/* pin_user_pages*(): FOLL_PIN, released by unpin_user_page*() */
	API_LONGTERM,	/* get_user_pages_longterm(): pre-v5.2 long-term reference */
	API_ITER_GET,	/* iov_iter_get_pages*(): reference via the iterator */
	API_ITER_EXTRACT, /* iov_iter_extract_pages(): pin or nothing, by iterator type */
	API_PUT,	/* put_page() */
	API_RELEASE,	/* release_pages() */
	API_PUT_USER,	/* put_user_page*() (v5.2-v5.5) */
	API_UNPIN,	/* unpin_user_page*() (v5.6+) */
	API_DIRTY,	/* set_page_dirty*(), SetPageDirty() */
	API_BIO_RELEASE, /* bio_release_pages() */
};

/* Argument roles; ARG_NONE when the function has no such argument. */
#define ARG_NONE (-1)

struct gup_api {
	const char *name;
	enum api_kind kind;
	int pages, count, flags;	/* 0-based positions in the v6.1 signature */
	const char *pin;		/* get_user_pages*(): its pin_user_pages*() name, or NULL */
	const char *unpin, *put_user;	/* put_page(), release_pages(): releasing pins, in the
					 * put_user_page dialects; put_user_page*(): releasing
					 * pins where the tree pins (unpin only); else NULL */
};

/* Look a callee name up; NULL when it is not a GUP-family function. */
const struct gup_api *api_lookup(const char *name);
const struct gup_api *api_lookupn(const char *name, size_t len);
/* True for acquire kinds (API_GET .. API_ITER_EXTRACT). */
int api_is_acquire(const struct gup_api *api);
/* Short stable name of a kind: "get", "pin", "put", "unpin", ... */
const char *api_kind_name(enum api_kind kind);
/* The table itself, terminated by a NULL name, for prefilters. */
extern const struct gup_api gup_apis[];

/*
 * Role of a parameter from its declared name ("pages", "gup_flags", ...):
 * 'p' pages, 'n' count, 'f' flags, 'a' the user address, 0 for none.  Declared names beat positions,
 * because argument positions moved between kernel versions.
 */
int api_param_role(const char *param_name);

#endif
