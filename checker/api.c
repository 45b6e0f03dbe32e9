/* The GUP-family API table: which functions acquire or release user pages, and their argument roles. */
#include <string.h>
#include "api.h"

#define N ARG_NONE
const struct gup_api gup_apis[] = {
	/* name				kind		pages count flags */
	{ "get_user_pages",		API_GET,	3, 1, 2 },
	{ "get_user_pages_fast",	API_GET,	3, 1, 2 },
	{ "get_user_pages_fast_only",	API_GET,	3, 1, 2 },
	{ "__get_user_pages_fast",	API_GET,	3, 1, 2 },
	{ "get_user_pages_remote",	API_GET,	4, 2, 3 },
	{ "get_user_pages_unlocked",	API_GET,	2, 1, 3 },
	{ "get_user_pages_locked",	API_GET,	3, 1, 2 },
	{ "get_user_pages_longterm",	API_LONGTERM,	3, 1, 2 },
	{ "pin_user_pages",		API_PIN,	3, 1, 2 },
	{ "pin_user_pages_fast",	API_PIN,	3, 1, 2 },
	{ "pin_user_pages_fast_only",	API_PIN,	3, 1, 2 },
	{ "pin_user_pages_remote",	API_PIN,	4, 2, 3 },
	{ "pin_user_pages_unlocked",	API_PIN,	2, 1, 3 },
	{ "pin_user_pages_locked",	API_PIN,	3, 1, 2 },
	{ "iov_iter_get_pages",		API_ITER_GET,	1, 3, N },
	{ "iov_iter_get_pages2",	API_ITER_GET,	1, 3, N },
	{ "iov_iter_get_pages_alloc",	API_ITER_GET,	1, N, N },
	{ "iov_iter_get_pages_alloc2",	API_ITER_GET,	1, N, N },
	{ "iov_iter_extract_pages",	API_ITER_EXTRACT, 1, 3, 4 },
	{ "put_page",			API_PUT,	0, N, N },
	{ "release_pages",		API_RELEASE,	0, 1, N },
	{ "put_user_page",		API_PUT_USER,	0, N, N },
	{ "put_user_pages",		API_PUT_USER,	0, 1, N },
	{ "put_user_pages_dirty",	API_PUT_USER,	0, 1, N },
	{ "put_user_pages_dirty_lock",	API_PUT_USER,	0, 1, N },
	{ "unpin_user_page",		API_UNPIN,	0, N, N },
	{ "unpin_user_pages",		API_UNPIN,	0, 1, N },
	{ "unpin_user_pages_dirty_lock", API_UNPIN,	0, 1, N },
	{ "unpin_user_page_range_dirty_lock", API_UNPIN, 0, 1, N },
	{ "set_page_dirty",		API_DIRTY,	0, N, N },
	{ "set_page_dirty_lock",	API_DIRTY,	0, N, N },
	{ "SetPageDirty",		API_DIRTY,	0, N, N },
	{ "bio_release_pages",		API_BIO_RELEASE, 0, N, N },
	{ "bio_release_page",		API_BIO_RELEASE, 1, N, N },
	{ "bio_check_pages_dirty",	API_BIO_RELEASE, 0, N, N },
	{ NULL, 0, 0, 0, 0 }
};
#undef N

const struct gup_api *api_lookupn(const char *name, size_t len)
{
	for (const struct gup_api *a = gup_apis; a->name; a++)
		if (strlen(a->name) == len && !memcmp(a->name, name, len))
			return a;
	return NULL;
}

const struct gup_api *api_lookup(const char *name)
{
	return api_lookupn(name, strlen(name));
}

int api_is_acquire(const struct gup_api *api)
{
	return api->kind <= API_ITER_EXTRACT;
}

const char *api_kind_name(enum api_kind kind)
{
	static const char *const names[] = {
		[API_GET] = "get", [API_PIN] = "pin", [API_LONGTERM] = "longterm",
		[API_ITER_GET] = "iter-get", [API_ITER_EXTRACT] = "iter-extract",
		[API_PUT] = "put", [API_RELEASE] = "release",
		[API_PUT_USER] = "put-user", [API_UNPIN] = "unpin",
		[API_DIRTY] = "dirty", [API_BIO_RELEASE] = "bio-release",
	};
	return names[kind];
}

int api_param_role(const char *p)
{
	static const char *const pages[] = { "pages", "page", "pagep", NULL };
	static const char *const count[] = { "nr_pages", "npages", "nr", "maxpages", NULL };
	static const char *const flags[] = { "gup_flags", "write", "extraction_flags", NULL };

	for (int i = 0; pages[i]; i++)
		if (!strcmp(p, pages[i]))
			return 'p';
	for (int i = 0; count[i]; i++)
		if (!strcmp(p, count[i]))
			return 'n';
	for (int i = 0; flags[i]; i++)
		if (!strcmp(p, flags[i]))
			return 'f';
	return 0;
}
