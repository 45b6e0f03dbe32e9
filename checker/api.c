/* The GUP-family API table (kernel.def's GUP rows): kinds, argument roles, target names. */
#include <string.h>
#include "api.h"
#include "kernel.h"

#define N ARG_NONE
#define KERNEL(...)
#define ARCH(...)
#define GUP(name, kind, pages, count, flags, pin, unpin, put_user) \
	{ name, kind, pages, count, flags, pin, unpin, put_user },
const struct gup_api gup_apis[] = {
#include "kernel.def"
	{ NULL, 0, 0, 0, 0, NULL, NULL, NULL }
};
#undef GUP
#undef ARCH
#undef KERNEL
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
	if (kernel_has(p, ROLE_PARAM_PAGES))
		return 'p';
	if (kernel_has(p, ROLE_PARAM_COUNT))
		return 'n';
	if (kernel_has(p, ROLE_PARAM_FLAGS))
		return 'f';
	if (kernel_has(p, ROLE_PARAM_ADDR))
		return 'a';
	return 0;
}
