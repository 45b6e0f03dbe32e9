/* The API dialects of GUP.md's table: their names, what --api= asks for, a scanned tree's own. */
#include <stdlib.h>
#include <string.h>
#include "db.h"
#include "plan.h"

static const char *const dialect_names[NR_DIALECTS] = {
	[DIALECT_OLD] = "foll_longterm",
	[DIALECT_PUT_USER] = "put_user_page",
	[DIALECT_PIN] = "pin",
	[DIALECT_PIN_PUT_USER] = "pin+put_user_page",
};

const char *dialect_name(enum dialect d)
{
	return dialect_names[d];
}

int dialect_from_name(const char *name)
{
	return name_lookup(dialect_names, NR_DIALECTS, name);
}

int dialect_pins(enum dialect d)
{
	return d == DIALECT_PIN || d == DIALECT_PIN_PUT_USER;
}

int dialect_for_api(const char *api, enum dialect tree_d, int has_put_user, enum dialect *out)
{
	*out = tree_d;
	if (!strcmp(api, "pin"))
		*out = DIALECT_PIN;
	else if (!strcmp(api, "put_user_page") && dialect_pins(tree_d))
		*out = has_put_user ? DIALECT_PIN_PUT_USER : tree_d;
	else if (!strcmp(api, "put_user_page"))
		*out = DIALECT_PUT_USER;
	return !strcmp(api, "put_user_page") && dialect_pins(tree_d) && !has_put_user ? -1 : 0;
}

/* The dialect the scan stored in meta: pin when the key is missing, foll_longterm when unknown. */
static enum dialect stored_dialect(const char *meta)
{
	int d = meta ? dialect_from_name(meta) : DIALECT_PIN;

	return d < 0 ? DIALECT_OLD : d;
}

/*
 * Does the tree read last by api_dialect() release pins with put_user_page*() (it pins and
 * its mm.h has put_user_page(): linux-6.1 with kernel-patches/linux-6.1)?  Then a
 * put_user_page*() of pins is the tree's own release and keeps its name; elsewhere (a tree
 * or driver written against v5.2-v5.5) the pin dialect has no put_user_page*().  One tree per
 * process: every command reads one database.
 */
static int put_user_of_pins;

int dialect_put_user_releases_pins(void)
{
	return put_user_of_pins;
}

int api_dialect(struct facts_db *db, const char *what, const char *api, enum dialect *d)
{
	char *meta = db_get_meta(db, "dialect"), *put_user = db_get_meta(db, "put_user_page");
	int has_put_user = put_user && !strcmp(put_user, "yes");
	int rc = dialect_for_api(api, stored_dialect(meta), has_put_user, d);

	put_user_of_pins = has_put_user && dialect_pins(stored_dialect(meta));

	if (rc)
		error("%s: --api=%s: the tree has pin_user_pages() but no put_user_page() in"
		      " include/linux/mm.h (on linux-6.1 it comes with kernel-patches/linux-6.1)",
		      what, api);
	free(meta);
	free(put_user);
	return rc;
}
