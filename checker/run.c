/* Child processes started from an argv array with fork() and execvp(): no shell, no quoting. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "run.h"

extern char **environ;

void child_process_clear(struct child_process *cp)
{
	strvec_clear(&cp->args);
	strvec_clear(&cp->env);
}

/* Is entry ("NAME=value") of environ given a new value by one of cp->env's entries? */
static int replaced(const struct child_process *cp, const char *entry)
{
	size_t k = strcspn(entry, "=");

	for (size_t i = 0; i < cp->env.n; i++)
		if (!strncmp(cp->env.v[i], entry, k) && cp->env.v[i][k] == '=')
			return 1;
	return 0;
}

/* The child's environment into envp (the caller clears it): ours, with cp->env applied. */
static void child_env(const struct child_process *cp, struct strvec *envp)
{
	for (char **e = environ; e && *e; e++)
		if (!replaced(cp, *e))
			strvec_push(envp, *e);
	for (size_t i = 0; i < cp->env.n; i++)
		strvec_push(envp, cp->env.v[i]);
}

/*
 * In the child, after fork(): stdin from in_fd, stdout to out_fd (-1: keep ours), the folder,
 * then the program.  On failure the errno goes up report (close-on-exec, so the parent reads
 * nothing when the exec succeeds).  Never returns.
 */
static void child_exec(const struct child_process *cp, char **envp, int in_fd, int out_fd,
		       int report)
{
	int err;

	if (dup2(in_fd, 0) < 0 || (out_fd >= 0 && dup2(out_fd, 1) < 0) ||
	    (cp->err_to_out && dup2(1, 2) < 0) || (cp->dir && chdir(cp->dir)))
		goto fail;
	execvpe(cp->args.v[0], cp->args.v, envp);
fail:
	err = errno;
	while (write(report, &err, sizeof(err)) < 0 && errno == EINTR)
		;
	_exit(127);
}

/* Read fd to its end into sb. */
static void read_all(int fd, struct strbuf *sb)
{
	char chunk[65536];
	ssize_t n;

	for (;;) {
		n = read(fd, chunk, sizeof(chunk));
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		strbuf_add(sb, chunk, (size_t)n);
	}
}

/* Wait for pid; its exit status as run_command() returns it. */
static int wait_child(pid_t pid, const char *name)
{
	int status;

	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return error("%s: cannot wait for it: %s", name, strerror(errno));
	if (WIFSIGNALED(status))
		return 128 + WTERMSIG(status);
	return WEXITSTATUS(status);
}

/* Fork and exec cp with stdin in_fd and stdout out_fd (-1: ours); returns the pid or -1. */
static pid_t spawn(const struct child_process *cp, int in_fd, int out_fd, int report)
{
	struct strvec envp = { 0 };
	pid_t pid;

	child_env(cp, &envp);
	pid = fork();
	if (!pid)
		child_exec(cp, envp.v, in_fd, out_fd, report);
	strvec_clear(&envp);
	if (pid < 0)
		error("%s: cannot fork: %s", cp->args.v[0], strerror(errno));
	return pid;
}

/* The child's stdin and stdout as run_command() documents them; -1 after an error. */
static int open_fds(const struct child_process *cp, int *in_fd, int *out_fd, int pipefd[2])
{
	const char *in = cp->in ? cp->in : "/dev/null";

	*out_fd = -1;
	*in_fd = open(in, O_RDONLY | O_CLOEXEC);
	if (*in_fd < 0)
		return error("%s: cannot read: %s", in, strerror(errno));
	if (cp->capture && !pipe2(pipefd, O_CLOEXEC))
		*out_fd = pipefd[1];
	else if (cp->capture)
		error("%s: cannot run: %s", cp->args.v[0], strerror(errno));
	else if (cp->out)
		*out_fd = open(cp->out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
	if (!cp->capture && cp->out && *out_fd < 0)
		error("%s: cannot write: %s", cp->out, strerror(errno));
	if (*out_fd >= 0 || (!cp->capture && !cp->out))
		return 0;
	close(*in_fd);
	return -1;
}

int run_command(struct child_process *cp)
{
	int in_fd, out_fd, pipefd[2] = { -1, -1 }, report[2], err = 0, rc = -1;
	pid_t pid = -1;

	if (!cp->args.n)
		die("run_command: no program");
	if (open_fds(cp, &in_fd, &out_fd, pipefd))
		goto out;
	if (pipe2(report, O_CLOEXEC)) {
		error("%s: cannot run: %s", cp->args.v[0], strerror(errno));
		report[0] = -1;
	} else {
		pid = spawn(cp, in_fd, out_fd, report[1]);
		close(report[1]);
	}
	close(in_fd);
	if (out_fd >= 0)
		close(out_fd);	/* the child's: a capture reads to its end when the child exits */
	if (pid >= 0) {
		while (read(report[0], &err, sizeof(err)) < 0 && errno == EINTR)
			;
		if (cp->capture)
			read_all(pipefd[0], cp->capture);
		rc = wait_child(pid, cp->args.v[0]);
	}
	if (err)
		rc = error("%s: cannot run: %s", cp->args.v[0], strerror(err));
	if (report[0] >= 0)
		close(report[0]);
	if (pipefd[0] >= 0)
		close(pipefd[0]);
out:
	child_process_clear(cp);
	return rc;
}
