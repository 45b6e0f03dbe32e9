/* The temporary file a new database is built in: removed on SIGINT and SIGTERM, synced, renamed. */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>
#include "db_int.h"

/* The temporary file being written, for the signal handler; NULL when there is none. */
static char *volatile building;

static void on_signal(int sig)
{
	char *path = building;

	if (path)
		unlink(path);	/* async-signal-safe */
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Remove final_path's temporary files (FINAL.tmp.PID) whose process is gone: a scan killed
 * by SIGKILL or a crash.  Only that name, only for a dead PID: nothing gupcheck did not make.
 */
static void remove_stale(const char *final_path)
{
	char *dir = dir_of(final_path);
	const char *base = strrchr(final_path, '/') ? strrchr(final_path, '/') + 1 : final_path;
	size_t blen = strlen(base);
	DIR *d = opendir(*dir ? dir : ".");
	struct dirent *e;

	while (d && (e = readdir(d))) {
		const char *pid = e->d_name + blen + 5;
		char *end, *path;
		long n;

		if (strncmp(e->d_name, base, blen) || strncmp(e->d_name + blen, ".tmp.", 5))
			continue;
		n = strtol(pid, &end, 10);
		if (end == pid || *end || n <= 0 || n == (long)getpid())
			continue;
		if (kill((pid_t)n, 0) == 0 || errno != ESRCH)
			continue;	/* alive, or not ours to ask about */
		path = *dir ? xasprintf("%s/%s", dir, e->d_name) : xstrdup(e->d_name);
		if (!unlink(path))
			warning("%s: removed, left by a scan that did not finish", path);
		free(path);
	}
	if (d)
		closedir(d);
	free(dir);
}

void db_tmp_begin(const char *tmp_path, const char *final_path)
{
	struct sigaction sa;

	remove_stale(final_path);
	building = xstrdup(tmp_path);
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

void db_tmp_end(void)
{
	char *path = building;

	signal(SIGINT, SIG_DFL);
	signal(SIGTERM, SIG_DFL);
	signal(SIGHUP, SIG_DFL);
	building = NULL;
	free(path);
}

/* fsync path (a file or a folder); -1 when it cannot be. */
static int sync_path(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), rc;

	if (fd < 0)
		return -1;
	rc = fsync(fd);
	close(fd);
	return rc;
}

int db_tmp_commit(const char *tmp_path, const char *final_path)
{
	char *dir = dir_of(final_path);
	int rc = 0;

	if (sync_path(tmp_path))
		rc = error("%s: cannot sync: %s", tmp_path, strerror(errno));
	else if (rename(tmp_path, final_path))
		rc = error("%s: cannot rename to %s: %s", tmp_path, final_path, strerror(errno));
	else if (sync_path(*dir ? dir : "."))
		warning("%s: cannot sync the folder: %s", *dir ? dir : ".", strerror(errno));
	free(dir);
	return rc;
}
