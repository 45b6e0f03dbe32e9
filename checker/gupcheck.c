/* gupcheck's entry point: dispatch to the subcommand named on the command line. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "commands.h"
#include "util.h"
#include "schema.h"
#include "version.h"

/* Where a description on a line of its own starts, under "   or: gupcheck ". */
#define HELP_INDENT "                                      "

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *help;
} commands[] = {
	{ "scan", cmd_scan, "scan TREE [--build DIR]... [-o FILE.db] [-j N] [--no-cache] [-v] [--checks=A,B]\n"
	  "                 [--no-checks=A,B]\n"
	  HELP_INDENT "census of GUP-family calls into SQLite" },
	{ "facts", cmd_facts,
	  "facts FILE.db [PATH]           print the facts, sorted, one per line" },
	{ "plan", cmd_plan, "plan TREE|FILE.db [--format=text|json] [--api=auto|put_user_page|pin]\n"
	  "                 [--checks=A,B] [--no-checks=A,B]\n"
	  HELP_INDENT "what each acquire site should be, its releases, findings" },
	{ "end-io", cmd_end_io,
	  "end-io TREE|FILE.db               the balance of each bio completion GUP pages reach" },
	{ "convert", cmd_convert,
	  "convert TREE -o DIR [--apply] [--signoff 'NAME <EMAIL>'] [--db FILE.db]\n"
	  HELP_INDENT "the plan as a git-am-able patch series (pin dialect)" },
	{ "baseline", cmd_baseline,
	  "baseline TREE|FILE.db -o FILE [--checks=A,B] [--no-checks=A,B] [--allow-degraded]\n"
	  HELP_INDENT "the accepted findings: one sorted, reviewable line each" },
	{ "gate", cmd_gate,
	  "gate TREE --baseline FILE [--db FILE.db] [--since REV] [--paths FILE]\n"
	  "                 [--format=gcc|json|sarif] [--allow-degraded] [-j N]\n"
	  HELP_INDENT "exit 1 when a finding is not in the baseline (CI)" },
	{ "cc", cmd_cc,
	  "cc --db FILE.db [--werror] [--format=gcc|json|sarif] COMPILER-ARGS... FILE.c\n"
	  HELP_INDENT "kbuild's $(CHECK): make C=2 CHECK=\"gupcheck cc --db FILE.db\"" },
	{ "cfg", cmd_cfg,
	  "cfg TREE PATH FUNCTION         print a function's control-flow graph and paths" },
	{ "flags", cmd_flags,
	  "flags TREE PATH                print the clang arguments used for PATH" },
};

static int usage(FILE *out, int status)
{
	fprintf(out, "usage: gupcheck COMMAND ARGS\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "   or: gupcheck %s\n", commands[i].help);
	fprintf(out, "   or: gupcheck --version\n");
	return status;
}

/* Does the command line ask for help (-h or --help anywhere after the command)? */
static int wants_help(int argc, char **argv)
{
	for (int i = 2; i < argc; i++)
		if (!strcmp(argv[i], "-h") || !strcmp(argv[i], "--help"))
			return 1;
	return 0;
}

/*
 * Flush and close stdout: a write that failed (a full disk, a closed pipe) must not pass for
 * a whole report.  status, or EXIT_USAGE after saying so.
 */
static int close_stdout(int status)
{
	int bad = ferror(stdout);

	bad |= fclose(stdout) != 0;
	if (!bad)
		return status;
	error("standard output: %s", errno ? strerror(errno) : "write error");
	return EXIT_USAGE;
}

static int run(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr, EXIT_USAGE);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return usage(stdout, EXIT_CLEAN);
	if (!strcmp(argv[1], "--version")) {
		printf("gupcheck %s (database schema version %d)\n", GUPCHECK_VERSION,
		       SCHEMA_VERSION);
		return EXIT_CLEAN;
	}
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (strcmp(argv[1], commands[i].name))
			continue;
		if (wants_help(argc, argv)) {
			printf("usage: gupcheck %s\n", commands[i].help);
			return EXIT_CLEAN;
		}
		return commands[i].fn(argc - 1, argv + 1);
	}
	error("unknown command '%s'", argv[1]);
	return usage(stderr, EXIT_USAGE);
}

int main(int argc, char **argv)
{
	return close_stdout(run(argc, argv));
}
