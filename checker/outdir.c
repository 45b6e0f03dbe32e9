/* The output folder of gupcheck convert: checked before any work, written beside it, swapped in. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "outdir.h"

/* Is name a file a gupcheck series folder holds: series, stays.txt or NNNN-SLUG.patch? */
static int series_entry(const char *name)
{
	size_t len = strlen(name);

	if (!strcmp(name, "series") || !strcmp(name, "stays.txt"))
		return 1;
	if (len < 11 || strcmp(name + len - 6, ".patch") || name[4] != '-')
		return 0;
	return strspn(name, "0123456789") == 4;
}

/*
 * What dir holds: 0 nothing, 1 only the regular files of a series, 2 anything else; -1 when
 * it cannot be read (errno says why).
 */
static int dir_contents(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int kind = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char *path;
		struct stat st;

		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		if (series_entry(e->d_name) && !lstat(path, &st) && S_ISREG(st.st_mode))
			kind = kind ? kind : 1;
		else
			kind = 2;
		free(path);
	}
	closedir(d);
	return kind;
}

char *outdir_clean(const char *outdir)
{
	size_t len = strlen(outdir);

	while (len > 1 && outdir[len - 1] == '/')
		len--;
	return xstrndup(outdir, len);
}

int outdir_check(const char *outdir)
{
	struct stat st;
	char *parent;
	int kind;

	if (lstat(outdir, &st)) {
		if (errno != ENOENT)
			return error("%s: %s", outdir, strerror(errno));
		parent = dir_of(outdir);
		kind = dir_exists(*parent ? parent : ".");
		if (!kind)
			error("%s: no such directory", *parent ? parent : ".");
		free(parent);
		return kind ? 0 : -1;
	}
	if (!S_ISDIR(st.st_mode))
		return error("%s: not a folder (the series is written into a folder)", outdir);
	kind = dir_contents(outdir);
	if (kind < 0)
		return error("%s: %s", outdir, strerror(errno));
	if (kind == 2)
		return error("%s: holds files that are not a gupcheck series; name another folder",
			     outdir);
	return 0;
}

char *outdir_begin(const char *outdir)
{
	char *tmp = xasprintf("%s.tmp.%ld", outdir, (long)getpid());

	if (mkdir(tmp, 0777)) {
		error("%s: cannot create: %s", tmp, strerror(errno));
		free(tmp);
		return NULL;
	}
	return tmp;
}

/* Remove dir, a folder that dir_contents() said holds a series, or nothing. */
static int remove_series_dir(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int rc = 0;

	if (!d)
		return -1;
	while ((e = readdir(d))) {
		char *path;

		if (!series_entry(e->d_name))
			continue;
		path = xasprintf("%s/%s", dir, e->d_name);
		rc |= unlink(path);
		free(path);
	}
	closedir(d);
	return rc | rmdir(dir);
}

int outdir_commit(const char *tmp, const char *outdir, int *replaced)
{
	char *old;
	int kind;

	*replaced = 0;
	if (!rename(tmp, outdir))
		return 0;	/* there was no folder, or an empty one */
	if (errno != ENOTEMPTY && errno != EEXIST)
		return error("%s: cannot move %s there: %s", outdir, tmp, strerror(errno));
	/* a previous series: checked again, since the folder may have changed during the work */
	kind = dir_contents(outdir);
	if (kind != 1)
		return error("%s: now holds files that are not a gupcheck series; the new series"
			     " is in %s", outdir, tmp);
	old = xasprintf("%s.old.%ld", outdir, (long)getpid());
	if (rename(outdir, old)) {
		error("%s: cannot move aside: %s", outdir, strerror(errno));
		free(old);
		return -1;
	}
	if (rename(tmp, outdir)) {
		error("%s: cannot move %s there: %s; the previous series is in %s", outdir, tmp,
		      strerror(errno), old);
		free(old);
		return -1;
	}
	if (remove_series_dir(old))
		warning("%s: the previous series could not be removed", old);
	free(old);
	*replaced = 1;
	return 0;
}

void outdir_abort(const char *tmp)
{
	if (tmp)
		remove_tree(tmp);
}
