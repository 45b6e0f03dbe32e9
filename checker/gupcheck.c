/* gupcheck's entry point: dispatch to the subcommand named on the command line. */
#include <stdio.h>
#include <string.h>
#include "commands.h"
#include "util.h"

/* Where a description on a line of its own starts, under "   or: gupcheck ". */
#define HELP_INDENT "                                      "

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *help;
} commands[] = {
	{ "scan", cmd_scan, "scan TREE [-o FILE.db] [-j N] [--checks=A,B] [--no-checks=A,B]\n"
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
	{ "flags", cmd_flags,
	  "flags TREE PATH                print the clang arguments used for PATH" },
};

static int usage(FILE *out, int status)
{
	fprintf(out, "usage: gupcheck COMMAND ARGS\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "   or: gupcheck %s\n", commands[i].help);
	return status;
}

int main(int argc, char **argv)
{
	if (argc < 2)
		return usage(stderr, EXIT_USAGE);
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help"))
		return usage(stdout, EXIT_CLEAN);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[1], commands[i].name))
			return commands[i].fn(argc - 1, argv + 1);
	error("unknown command '%s'", argv[1]);
	return usage(stderr, EXIT_USAGE);
}
