/* Lookups in the table of kernel knowledge built from kernel.def's KERNEL rows. */
#define _GNU_SOURCE
#include <string.h>
#include "kernel.h"

_Static_assert(ROLE_NR <= 64, "kernel_name.roles is an unsigned long long bit set");

#define R(role) (1ull << ROLE_##role)
#define GUP(...)
#define ARCH(...)
#define KERNEL(name, match, arg, roles) { name, MATCH_##match, arg, roles },
static const struct kernel_name names[] = {
#include "kernel.def"
};
#undef KERNEL
#undef GUP
#undef ARCH
#undef R

static int matches(const struct kernel_name *k, const char *name)
{
	switch (k->match) {
	case MATCH_EXACT:
		return !strcmp(name, k->name);
	case MATCH_PREFIX:
		return !strncmp(name, k->name, strlen(k->name));
	case MATCH_WORD:
		return strstr(name, k->name) != NULL;
	}
	return 0;
}

int kernel_arg(const char *name, enum kernel_role role)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++)
		if ((names[i].roles & 1ull << role) && matches(&names[i], name))
			return names[i].arg;
	return -1;
}

int kernel_has(const char *name, enum kernel_role role)
{
	return kernel_arg(name, role) >= 0;
}

int kernel_in_text(const char *buf, size_t len, enum kernel_role role)
{
	for (size_t i = 0; i < sizeof(names) / sizeof(*names); i++) {
		const struct kernel_name *k = &names[i];

		if ((k->roles & 1ull << role) && k->match == MATCH_WORD &&
		    memmem(buf, len, k->name, strlen(k->name)))
			return 1;
	}
	return 0;
}
