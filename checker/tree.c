/* A kernel source tree: recognising one, its version and ARCH, and its files' compile flags. */
#define _GNU_SOURCE
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <clang-c/Index.h>
#include "plan.h"
#include "tree.h"

#ifndef CLANG_RESOURCE_INCLUDE
#define CLANG_RESOURCE_INCLUDE "/usr/lib/llvm-19/lib/clang/19/include"
#endif

static int make_var(const char *makefile, const char *var)
{
	const char *p = makefile;
	size_t n = strlen(var);

	while ((p = strstr(p, var))) {
		if ((p == makefile || p[-1] == '\n') && !strncmp(p + n, " = ", 3))
			return atoi(p + n + 3);
		p += n;
	}
	return -1;
}

/* Read "#define FOLL_X value" and enum "FOLL_X = 1 << n" lines of one header. */
static void read_foll(struct kernel_tree *t, const char *rel)
{
	char *path = xasprintf("%s/%s", t->root, rel);
	char *buf = read_file(path, NULL), *p;

	free(path);
	if (!buf)
		return;
	for (p = buf; (p = strstr(p, "FOLL_")); p++) {
		char *name_end = p, *v;
		unsigned long long value, shift;

		if (p > buf && (isalnum((unsigned char)p[-1]) || p[-1] == '_'))
			continue;
		while (isalnum((unsigned char)*name_end) || *name_end == '_')
			name_end++;
		/* Only a definition: "#define FOLL_X" or an enumerator at line start. */
		char *ls = p;
		while (ls > buf && ls[-1] != '\n')
			ls--;
		while (*ls == ' ' || *ls == '\t')
			ls++;
		int is_define = !strncmp(ls, "#define", 7) && strstr(ls, "FOLL_") == p;
		int is_enum = ls == p && strchr(name_end, '=') && strchr(name_end, '=') < strchr(name_end, '\n');
		if (!is_define && !is_enum)
			continue;
		for (v = name_end; *v && *v != '\n' && !isdigit((unsigned char)*v); v++)
			if (*v == '/' || (isalpha((unsigned char)*v) && *v != 'U'))
				break;
		if (!isdigit((unsigned char)*v))
			continue;
		value = strtoull(v, &v, 0);
		while (*v == 'U' || *v == 'L' || *v == ' ' || *v == '\t')
			v++;
		if (v[0] == '<' && v[1] == '<') {
			shift = strtoull(v + 2, NULL, 0);
			value <<= shift;
		}
		ALLOC_GROW(t->foll, t->nfoll + 1, t->foll_alloc);
		t->foll[t->nfoll].name = xstrndup(p, name_end - p);
		t->foll[t->nfoll].value = value;
		t->nfoll++;
	}
	free(buf);
}

/* kernel.def's ARCH rows: the architectures a configuration can be for. */
struct arch_row {
	const char *srcarch, *symbol, *also, *triple;
	int bits;
};
#define GUP(...)
#define KERNEL(...)
#define ARCH(srcarch, symbol, also, triple, bits) { srcarch, symbol, also, triple, bits },
static const struct arch_row arch_rows[] = {
#include "kernel.def"
};
#undef ARCH
#undef KERNEL
#undef GUP

/* Does autoconf.h text conf set symbol ("CONFIG_X" to 1)? */
static int conf_has(const char *conf, const char *symbol)
{
	char *def = xasprintf("#define %s 1\n", symbol);
	int set = strstr(conf, def) != NULL;

	free(def);
	return set;
}

/*
 * The ARCH a .config names in its header ("# Linux/foo 6.1.0 Kernel Configuration"), for a
 * configuration whose ARCH kernel.def's rows do not know; malloc'ed, or NULL.
 */
static char *config_header_arch(const char *objtree)
{
	char *path = xasprintf("%s/.config", objtree);
	char *buf = read_file(path, NULL), *p, *arch = NULL;

	free(path);
	if (buf && (p = strstr(buf, "# Linux/")) && (p == buf || p[-1] == '\n')) {
		p += 8;
		arch = xstrndup(p, strcspn(p, " \n"));
	}
	free(buf);
	return arch;
}

/*
 * The configuration's ARCH and clang target: the first kernel.def ARCH row whose symbols its
 * autoconf.h sets; x86_64 for a tree not configured (or $ARCH=arm64); for an ARCH the rows do
 * not know, the name its .config gives and the host's target.
 */
static void detect_arch(struct kernel_tree *t)
{
	char *path = xasprintf("%s/include/generated/autoconf.h", t->objtree);
	char *conf = read_file(path, NULL);
	const char *env = getenv("ARCH");

	free(path);
	t->arch = "x86";
	t->target = "x86_64-linux-gnu";
	t->bits = 64;
	if (conf) {
		size_t i, n = sizeof(arch_rows) / sizeof(*arch_rows);

		for (i = 0; i < n; i++)
			if (conf_has(conf, arch_rows[i].symbol) &&
			    (!arch_rows[i].also || conf_has(conf, arch_rows[i].also)))
				break;
		if (i < n) {
			t->arch = arch_rows[i].srcarch;
			t->target = arch_rows[i].triple;
			t->bits = arch_rows[i].bits;
		} else if ((t->arch_own = config_header_arch(t->objtree))) {
			t->arch = t->arch_own;
			t->bits = conf_has(conf, "CONFIG_64BIT") ? 64 : 32;
			t->target = t->bits == 64 ? "x86_64-linux-gnu" : "i386-linux-gnu";
			t->target_guessed = 1;
		}
	} else if (env && !strcmp(env, "arm64")) {
		t->arch = "arm64";
		t->target = "aarch64-linux-gnu";
	}
	t->fentry = conf && strstr(conf, "#define CONFIG_FUNCTION_TRACER 1") &&
		strstr(conf, "#define CONFIG_HAVE_FENTRY 1");
	t->autoconf = conf;
}

/*
 * t->objtree: the O= folder build of the source tree t->root (path as given), when it holds a
 * .config and the source tree is not configured in place; else one line naming what is wrong.
 */
static int open_objtree(struct kernel_tree *t, const char *path, const char *build)
{
	char real[PATH_MAX], *p;
	int ok;

	if (!realpath(build, real) || !dir_exists(real))
		return error("%s: no such build folder", build);
	p = xasprintf("%s/.config", real);
	ok = file_exists(p);
	free(p);
	if (!ok)
		return error("%s: not a kbuild build folder (no .config: configure it with"
			     " 'make -C %s O=%s allmodconfig prepare')", build, path, build);
	p = xasprintf("%s/include/generated/autoconf.h", t->root);
	ok = !file_exists(p) || !strcmp(real, t->root);
	free(p);
	if (!ok)
		return error("%s: the source tree is configured in place (include/generated/"
			     "autoconf.h): its build folders need a clean source tree ('make"
			     " mrproper'), as kbuild's O= does", path);
	free(t->objtree);
	t->objtree = xstrdup(real);
	return 0;
}

int tree_open(struct kernel_tree *t, const char *path)
{
	return tree_open_build(t, path, NULL);
}

int tree_open_build(struct kernel_tree *t, const char *path, const char *build)
{
	static const char *const generated[] = {
		"include/generated/autoconf.h", "include/generated/bounds.h",
		"include/generated/asm-offsets.h", NULL
	};
	char real[PATH_MAX], *mk, *p;

	memset(t, 0, sizeof(*t));
	if (!realpath(path, real) || !dir_exists(real))
		return error("%s: no such directory", path);
	t->root = xstrdup(real);
	p = xasprintf("%s/Makefile", real);
	mk = read_file(p, NULL);
	free(p);
	if (mk) {
		t->version = make_var(mk, "VERSION");
		t->patchlevel = make_var(mk, "PATCHLEVEL");
		t->sublevel = make_var(mk, "SUBLEVEL");
		free(mk);
	}
	p = xasprintf("%s/include/linux/mm.h", real);
	if (t->version < 0 || t->patchlevel < 0 || !file_exists(p)) {
		free(p);
		error("%s: not a kernel tree (needs a Makefile with VERSION and PATCHLEVEL, "
		      "and include/linux/mm.h)", path);
		tree_release(t);
		return -1;
	}
	free(p);
	t->objtree = xstrdup(t->root);
	if (build && open_objtree(t, path, build)) {
		tree_release(t);
		return -1;
	}
	detect_arch(t);
	t->config = xstrdup(build ? strrchr(t->objtree, '/') + 1 : t->arch);
	for (int i = 0; generated[i]; i++) {
		p = xasprintf("%s/%s", t->objtree, generated[i]);
		if (!file_exists(p))
			strvec_push(&t->missing, generated[i]);
		else if (i == 0)
			t->configured = 1;
		free(p);
	}
	CXCompilationDatabase_Error err;
	p = xasprintf("%s/compile_commands.json", t->objtree);
	if (file_exists(p)) {
		t->cdb = clang_CompilationDatabase_fromDirectory(t->objtree, &err);
		if (err != CXCompilationDatabase_NoError)
			t->cdb = NULL;
	}
	free(p);
	read_foll(t, "include/linux/mm.h");
	read_foll(t, "include/linux/mm_types.h");
	return 0;
}

int tree_open_file(struct kernel_tree *t, const char *root, const char *rel)
{
	char *path;
	int ret = 0;

	if (tree_open(t, root))
		return -1;
	path = xasprintf("%s/%s", t->root, rel);
	if (!file_exists(path)) {
		error("%s: no such file", path);
		tree_release(t);
		ret = -1;
	}
	free(path);
	return ret;
}

void tree_release(struct kernel_tree *t)
{
	if (t->cdb)
		clang_CompilationDatabase_dispose(t->cdb);
	for (size_t i = 0; i < t->nfoll; i++)
		free(t->foll[i].name);
	free(t->foll);
	strvec_clear(&t->missing);
	free(t->autoconf);
	free(t->arch_own);
	free(t->config);
	free(t->objtree);
	free(t->root);
	memset(t, 0, sizeof(*t));
}

char *tree_other_arch(const struct kernel_tree *t, const char *rel)
{
	size_t n = strlen(t->arch);

	if (!t->target)
		return xasprintf("clang has no target for ARCH=%s: not parsed in configuration %s",
				 t->arch, t->config);
	if (strncmp(rel, "arch/", 5))
		return NULL;
	if (!strncmp(rel + 5, t->arch, n) && rel[5 + n] == '/' && strncmp(rel + 5 + n, "/um/", 4))
		return NULL;
	n = strcspn(rel + 5, "/");
	if (!strncmp(rel + 5 + n, "/um/", 4))
		return xasprintf("arch/%.*s/um is built for ARCH=um, not ARCH=%s", (int)n, rel + 5, t->arch);
	return xasprintf("arch/%.*s is not ARCH=%s", (int)n, rel + 5, t->arch);
}

int tree_kv(const struct kernel_tree *t)
{
	return KV(t->version, t->patchlevel);
}

char *tree_foll_names(const struct kernel_tree *t, uint64_t value)
{
	struct strbuf sb = { 0 };
	uint64_t left = value;

	if (!value)
		return xstrdup("0");
	for (size_t i = 0; i < t->nfoll; i++) {
		uint64_t v = t->foll[i].value;

		/* Single-bit names only: composite masks would print twice. */
		if (!v || (v & (v - 1)) || !(left & v))
			continue;
		strbuf_addf(&sb, "%s%s", sb.len ? "|" : "", t->foll[i].name);
		left &= ~v;
	}
	if (left)
		strbuf_addf(&sb, "%s%#llx", sb.len ? "|" : "", (unsigned long long)left);
	return strbuf_detach(&sb);
}

/*
 * Keep the arguments that change what the preprocessor and parser see; drop gcc
 * code-generation flags.
 */
static int keep_arg(const char *a, int *takes_next)
{
	static const char *const with_next[] = {
		"-I", "-include", "-isystem", "-iquote", "-idirafter", "-D", "-U", "-imacros", NULL
	};
	static const char *const prefixes[] = {
		"-I", "-D", "-U", "-std=", "-isystem", "-iquote", "-idirafter", "--target=", NULL
	};
	static const char *const exact[] = { "-nostdinc", "-m64", "-m32", "-m16", NULL };

	*takes_next = 0;
	for (int i = 0; with_next[i]; i++)
		if (!strcmp(a, with_next[i]))
			return *takes_next = 1;
	for (int i = 0; prefixes[i]; i++)
		if (!strncmp(a, prefixes[i], strlen(prefixes[i])))
			return 1;
	for (int i = 0; exact[i]; i++)
		if (!strcmp(a, exact[i]))
			return 1;
	return 0;
}

/* Push a path argument, made absolute against dir when it is relative. */
static void push_path(struct strvec *argv, const char *opt, const char *val, const char *dir)
{
	if (val[0] == '/')
		strvec_pushf(argv, "%s%s", opt, val);
	else
		strvec_pushf(argv, "%s%s/%s", opt, dir, val[0] == '.' && val[1] == '/' ? val + 2 : val);
}

/* Does option a take a path (its own, or the next argument's)? */
static int is_path_opt(const char *a)
{
	return !strncmp(a, "-I", 2) || !strcmp(a, "-include") || !strcmp(a, "-isystem") ||
	       !strcmp(a, "-iquote") || !strcmp(a, "-imacros");
}

/*
 * Add argument a to argv if keep_arg() keeps it, with its value next (NULL when there is
 * none), paths made absolute against dir.  Returns how many arguments it used: 1, or 2.
 */
static unsigned add_arg(const char *a, const char *next, const char *dir, struct strvec *argv)
{
	int takes;

	if (!keep_arg(a, &takes))
		return 1;
	if (takes && next) {
		strvec_push(argv, a);
		if (is_path_opt(a))
			push_path(argv, "", next, dir);
		else
			strvec_push(argv, next);
		return 2;
	}
	if (!strncmp(a, "-I", 2))
		push_path(argv, "-I", a + 2, dir);
	else
		strvec_push(argv, a);
	return 1;
}

/* add_arg() of argument i of cmd; returns how many arguments it used. */
static unsigned add_cdb_arg(CXCompileCommand cmd, unsigned i, unsigned n, const char *dir,
			    struct strvec *argv)
{
	CXString s = clang_CompileCommand_getArg(cmd, i);
	CXString v = i + 1 < n ? clang_CompileCommand_getArg(cmd, i + 1) : (CXString){ 0 };
	unsigned used = add_arg(clang_getCString(s), i + 1 < n ? clang_getCString(v) : NULL, dir,
				argv);

	if (i + 1 < n)
		clang_disposeString(v);
	clang_disposeString(s);
	return used;
}

static int flags_from_cdb(const struct kernel_tree *t, const char *rel, struct strvec *argv)
{
	char *abs = xasprintf("%s/%s", t->root, rel);
	CXCompileCommands cmds = clang_CompilationDatabase_getCompileCommands(t->cdb, abs);
	int found = 0;

	free(abs);
	if (!cmds)
		return 0;
	if (clang_CompileCommands_getSize(cmds) > 0) {
		CXCompileCommand cmd = clang_CompileCommands_getCommand(cmds, 0);
		CXString dirs = clang_CompileCommand_getDirectory(cmd);
		const char *dir = clang_getCString(dirs);
		unsigned n = clang_CompileCommand_getNumArgs(cmd);

		for (unsigned i = 1; i < n; )
			i += add_cdb_arg(cmd, i, n, dir, argv);
		clang_disposeString(dirs);
		found = 1;
	}
	clang_CompileCommands_dispose(cmds);
	return found;
}

/* Make variables of one Makefile: "NAME = value", ":=", "+=" (appends); enough for -I lists. */
struct make_vars {
	struct strvec names, values;
};

static void vars_set(struct make_vars *mv, const char *name, size_t nlen, const char *val,
		     int append)
{
	for (size_t i = 0; i < mv->names.n; i++) {
		if (strlen(mv->names.v[i]) != nlen || strncmp(mv->names.v[i], name, nlen))
			continue;
		char *old = mv->values.v[i];
		mv->values.v[i] = append ? xasprintf("%s %s", old, val) : xstrdup(val);
		free(old);
		return;
	}
	strvec_push(&mv->names, "");
	free(mv->names.v[mv->names.n - 1]);
	mv->names.v[mv->names.n - 1] = xstrndup(name, nlen);
	strvec_push(&mv->values, val);
}

/*
 * $(srctree) and $(src)/$(obj) expand to these marks, not to their paths, so that a path with
 * white space in it is not split into words with the flags; unmark() puts the paths back in
 * each word.
 */
#define MARK_SRCTREE '\x01'
#define MARK_SRC '\x02'

/* Expand $(srctree), $(src), $(obj) and the file's own variables; unknown ones stay as written. */
static void expand(const struct kernel_tree *t, const char *dir, const struct make_vars *mv,
		   const char *s, struct strbuf *out, int depth)
{
	while (*s) {
		const char *close;

		if (s[0] != '$' || s[1] != '(' || !(close = strchr(s, ')'))) {
			strbuf_add(out, s++, 1);
			continue;
		}
		size_t n = close - s - 2;
		const char *name = s + 2, *val = NULL;

		if (n == 7 && !strncmp(name, "srctree", 7))
			val = t->root;
		else if (n == 3 && (!strncmp(name, "src", 3) || !strncmp(name, "obj", 3)))
			val = dir;
		for (size_t i = 0; !val && i < mv->names.n; i++)
			if (strlen(mv->names.v[i]) == n && !strncmp(mv->names.v[i], name, n))
				val = mv->values.v[i];
		if (val && depth < 8) {
			if (val == t->root || val == dir)
				strbuf_add(out, val == t->root ? "\x01" : "\x02", 1);
			else
				expand(t, dir, mv, val, out, depth + 1);
		} else {
			strbuf_add(out, s, close + 1 - s);
		}
		s = close + 1;
	}
}

/* word with the marks of expand() replaced by the tree's root and dir; malloc'ed. */
static char *unmark(const char *word, const char *root, const char *dir)
{
	struct strbuf sb = { 0 };

	for (; *word; word++) {
		if (*word == MARK_SRCTREE)
			strbuf_addstr(&sb, root);
		else if (*word == MARK_SRC)
			strbuf_addstr(&sb, dir);
		else
			strbuf_add(&sb, word, 1);
	}
	return sb.buf ? strbuf_detach(&sb) : xstrdup("");
}

/* Append the -I and -D options of a kbuild flags value such as "-I $(srctree)/$(src)/x -DFOO". */
static void add_make_flags(const struct kernel_tree *t, const char *dir, const struct make_vars *mv,
			   const char *val, struct strvec *argv)
{
	struct strbuf sb = { 0 };
	char *tok, *save = NULL;
	int want_path = 0;

	expand(t, dir, mv, val, &sb, 0);
	if (!sb.buf)
		return;
	for (tok = strtok_r(sb.buf, " \t", &save); tok; tok = strtok_r(NULL, " \t", &save)) {
		char *word;

		if (strstr(tok, "$(") || tok[0] == '#') {
			want_path = 0;
			if (tok[0] == '#')
				break;
			continue;
		}
		word = unmark(tok, t->root, dir);
		if (want_path)
			push_path(argv, "-I", word, t->root);
		else if (!strncmp(word, "-I", 2) && word[2])
			push_path(argv, "-I", word + 2, t->root);
		else if (!strncmp(word, "-D", 2) && word[2])
			strvec_push(argv, word);
		want_path = !strcmp(word, "-I");
		free(word);
	}
	strbuf_release(&sb);
}

static int is_name_char(int c)
{
	return isalnum(c) || c == '_' || c == '-';
}

/* ccflags-y of dir's Makefile/Kbuild (when own), and subdir-ccflags-y of dir. */
static void dir_make_flags(const struct kernel_tree *t, const char *dir, int own,
			   struct strvec *argv)
{
	static const char *const names[] = { "Makefile", "Kbuild", NULL };

	for (int i = 0; names[i]; i++) {
		char *path = xasprintf("%s/%s/%s", t->root, dir, names[i]);
		char *buf = read_file(path, NULL), *line, *save = NULL;
		struct make_vars mv = { { 0 }, { 0 } };

		free(path);
		if (!buf)
			continue;
		/* Join continuation lines first. */
		for (char *c = buf; (c = strstr(c, "\\\n")); )
			c[0] = c[1] = ' ';
		for (line = strtok_r(buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
			char *e = line, *eq;
			int append = 0;

			while (is_name_char((unsigned char)*e))
				e++;
			eq = e;
			while (*eq == ' ' || *eq == '\t')
				eq++;
			if (eq[0] == '+' || eq[0] == ':' || eq[0] == '?')
				append = *eq++ == '+';
			if (*eq != '=' || e == line)
				continue;
			size_t n = e - line;
			if ((n == 16 && !strncmp(line, "subdir-ccflags-y", 16)) ||
			    (own && ((n == 9 && !strncmp(line, "ccflags-y", 9)) ||
				     (n == 12 && !strncmp(line, "EXTRA_CFLAGS", 12)))))
				add_make_flags(t, dir, &mv, eq + 1, argv);
			else
				vars_set(&mv, line, n, eq + 1, append);
		}
		strvec_clear(&mv.names);
		strvec_clear(&mv.values);
		free(buf);
	}
}

/* Is CONFIG_x (or CONFIG_x_MODULE) set in the tree's autoconf.h? */
static int config_set(const struct kernel_tree *t, const char *name, size_t n);
int tree_config_set(const struct kernel_tree *t, const char *name)
{
	return config_set(t, name, strlen(name));
}

static int config_set(const struct kernel_tree *t, const char *name, size_t n)
{
	char *def = xasprintf("#define %.*s 1\n", (int)n, name);
	char *mod = xasprintf("#define %.*s_MODULE 1\n", (int)n, name);
	int set = t->autoconf && (strstr(t->autoconf, def) || strstr(t->autoconf, mod));

	free(def);
	free(mod);
	return set;
}

/* The assignment in buf (continuations joined) whose value names the word obj; NULL if none. */
static char *find_assignment(char *buf, const char *obj)
{
	size_t n = strlen(obj);

	for (char *p = buf; (p = strstr(p, obj)); p += n) {
		if ((p > buf && !isspace((unsigned char)p[-1]) && p[-1] != '=') ||
		    (p[n] && !isspace((unsigned char)p[n])))
			continue;
		char *ls = p;
		while (ls > buf && ls[-1] != '\n')
			ls--;
		if (*ls == '#' || !strchr(ls, '=') || strchr(ls, '=') > p)
			continue;
		return ls;
	}
	return NULL;
}

/*
 * 1 if the assignment at line is enabled (following composite objects), 0 if not (*off, when
 * off, is then the CONFIG_ symbol that is not set, malloc'ed, or stays NULL), -1 unknown.
 */
static int assignment_built(const struct kernel_tree *t, char *buf, char *line, int depth,
			    char **off)
{
	char *c = strstr(line, "$(CONFIG_"), *eq = strchr(line, '=');
	size_t n;

	if (c && c < eq) {
		n = strcspn(c + 2, ")");
		if (!config_set(t, c + 2, n)) {
			if (off && !*off)
				*off = xstrndup(c + 2, n);
			return 0;
		}
	} else if (!c || c > eq) {
		const char *dash = line;
		while (dash < eq && *dash != '-')
			dash++;
		if (!strncmp(dash, "-n", 2) && !isalnum((unsigned char)dash[2]))
			return 0;
	}
	if (!strncmp(line, "obj-", 4) || !strncmp(line, "lib-", 4))
		return 1;
	/*
	 * A composite object "foo-y += x.o" (or foo-objs, foo-$(CONFIG_X)) is built when foo.o
	 * is; its name may hold dashes itself (kvm-hv-y): the suffix is after the last dash.
	 */
	const char *var_end = line;
	while (var_end < eq && (is_name_char((unsigned char)*var_end) || *var_end == '$' ||
				*var_end == '(' || *var_end == ')'))
		var_end++;
	const char *sfx = strstr(line, "-$(");
	if (!sfx || sfx >= var_end)
		for (sfx = var_end; sfx > line && sfx[-1] != '-'; sfx--)
			;
	else
		sfx++;
	n = sfx > line ? (size_t)(sfx - 1 - line) : 0;
	if (depth > 3 || n == 0 || line + n >= eq)
		return -1;
	char *obj = xasprintf("%.*s.o", (int)n, line);
	char *l2 = find_assignment(buf, obj);
	int r = l2 ? assignment_built(t, buf, l2, depth + 1, off) : -1;
	free(obj);
	return r;
}

/*
 * Does the Makefile or Kbuild of directory rel[0..d) build obj: 1, 0, 2 (named there, the
 * condition not understood), or -1 (not named there)?  When named, *owner (if owner) is that
 * directory, malloc'ed.
 */
static int built_in_dir(const struct kernel_tree *t, const char *rel, size_t d, const char *obj,
			char **owner, char **off)
{
	static const char *const names[] = { "Makefile", "Kbuild", NULL };
	int ret = -1;

	for (int i = 0; names[i] && ret < 0; i++) {
		char *path = xasprintf("%s/%.*s%s%s", t->root, (int)d, rel, d ? "/" : "", names[i]);
		char *buf = read_file(path, NULL), *line;

		free(path);
		if (!buf)
			continue;
		for (char *c = buf; (c = strstr(c, "\\\n")); )
			c[0] = c[1] = ' ';
		line = find_assignment(buf, obj);
		if (line) {
			ret = assignment_built(t, buf, line, 0, off);
			if (ret < 0)
				ret = 2;	/* found, condition not understood */
			if (owner)
				*owner = xstrndup(rel, d);
		}
		free(buf);
	}
	return ret;
}

static int built(const struct kernel_tree *t, const char *rel, char **owner, char **off)
{
	const char *base = strrchr(rel, '/');
	size_t dlen = base ? (size_t)(base - rel) : 0;
	int ret = -1;

	if (owner)
		*owner = NULL;
	if (strlen(rel) < 3 || strcmp(rel + strlen(rel) - 2, ".c"))
		return -1;
	for (size_t d = dlen; ; ) {
		const char *sub = rel + (d ? d + 1 : 0);
		char *obj = xasprintf("%.*so", (int)(strlen(sub) - 1), sub);

		ret = built_in_dir(t, rel, d, obj, owner, off);
		free(obj);
		if (ret >= 0 || d == 0)
			break;
		while (d > 0 && rel[d - 1] != '/')
			d--;
		if (d > 0)
			d--;
	}
	return ret == 2 ? -1 : ret;
}

int tree_built(const struct kernel_tree *t, const char *rel, char **owner)
{
	return built(t, rel, owner, NULL);
}

char *tree_not_built_symbol(const struct kernel_tree *t, const char *rel)
{
	char *off = NULL;

	if (built(t, rel, NULL, &off) != 0) {
		free(off);
		return NULL;
	}
	return off;
}

static void flags_synth(const struct kernel_tree *t, const char *rel, struct strvec *argv)
{
	/* kbuild's LINUXINCLUDE; "+" marks a folder of the build (objtree), the others are sources */
	static const char *const incs[] = {
		"arch/%s/include", "+arch/%s/include/generated", "include", "+include",
		"arch/%s/include/uapi", "+arch/%s/include/generated/uapi",
		"include/uapi", "+include/generated/uapi", NULL
	};
	const char *base = strrchr(rel, '/') ? strrchr(rel, '/') + 1 : rel;
	char *name = xstrndup(base, strcspn(base, "."));
	char *dir = xstrndup(rel, base > rel ? (size_t)(base - rel - 1) : 0);

	strvec_push(argv, "-nostdinc");
	strvec_pushf(argv, "--target=%s", t->target ? t->target : "none");
	strvec_pushf(argv, "-isystem%s", CLANG_RESOURCE_INCLUDE);
	for (int i = 0; incs[i]; i++) {
		int built = incs[i][0] == '+';
		char *sub = xasprintf(incs[i] + built, t->arch);

		/* in place, objtree's include is the source include: once */
		if (!built || strcmp(t->objtree, t->root) || strcmp(sub, "include"))
			strvec_pushf(argv, "-I%s/%s", built ? t->objtree : t->root, sub);
		free(sub);
	}
	for (const char *h = "compiler-version.h"; h; h = NULL) {
		char *p = xasprintf("%s/include/linux/%s", t->root, h);
		if (file_exists(p)) {
			strvec_push(argv, "-include");
			strvec_push(argv, p);
		}
		free(p);
	}
	if (t->configured) {
		strvec_push(argv, "-include");
		strvec_pushf(argv, "%s/include/linux/kconfig.h", t->root);
	}
	strvec_push(argv, "-include");
	strvec_pushf(argv, "%s/include/linux/compiler_types.h", t->root);
	strvec_push(argv, "-D__KERNEL__");
	if (t->fentry)
		strvec_push(argv, "-DCC_USING_FENTRY");
	strvec_push(argv, tree_kv(t) >= KV(5, 18) ? "-std=gnu11" : "-std=gnu89");
	strvec_pushf(argv, "-DKBUILD_MODFILE=\"%s/%s\"", dir, name);
	strvec_pushf(argv, "-DKBUILD_BASENAME=\"%s\"", name);
	strvec_pushf(argv, "-DKBUILD_MODNAME=\"%s\"", name);
	strvec_pushf(argv, "-D__KBUILD_MODNAME=kmod_%s", name);
	/* ccflags-y of the Makefile that builds the object; subdir-ccflags-y of every parent. */
	char *owner = NULL;
	tree_built(t, rel, &owner);
	for (char *d = xstrdup(dir), *slash; ; ) {
		dir_make_flags(t, d, owner && !strcmp(d, owner), argv);
		slash = strrchr(d, '/');
		if (!slash) {
			free(d);
			break;
		}
		*slash = '\0';
	}
	free(owner);
	free(name);
	free(dir);
}

/* Parsing needs no warnings, and a gcc-configured tree has gcc-only attributes. */
static void flags_finish(struct strvec *argv)
{
	strvec_push(argv, "-w");
	strvec_push(argv, "-ferror-limit=0");
	strvec_push(argv, "-Wno-error");
}

void tree_flags(const struct kernel_tree *t, const char *rel, struct strvec *argv,
		const char **from)
{
	if (t->cdb && flags_from_cdb(t, rel, argv)) {
		*from = "compile_commands";
	} else {
		flags_synth(t, rel, argv);
		*from = t->configured ? "kbuild" : "degraded";
	}
	flags_finish(argv);
}

static int has_prefix_arg(const struct strvec *argv, const char *prefix)
{
	for (size_t i = 0; i < argv->n; i++)
		if (!strncmp(argv->v[i], prefix, strlen(prefix)))
			return 1;
	return 0;
}

void tree_flags_args(const struct kernel_tree *t, char *const *args, size_t n, const char *dir,
		     struct strvec *argv)
{
	for (size_t i = 0; i < n; )
		i += add_arg(args[i], i + 1 < n ? args[i + 1] : NULL, dir, argv);
	if (!has_prefix_arg(argv, "--target="))
		strvec_pushf(argv, "--target=%s", t->target ? t->target : "none");
	if (!has_prefix_arg(argv, "-isystem"))
		strvec_pushf(argv, "-isystem%s", CLANG_RESOURCE_INCLUDE);
	flags_finish(argv);
}

/* Does the tree's header rel name word? */
static int header_has(const struct kernel_tree *t, const char *rel, const char *word)
{
	char *path = xasprintf("%s/%s", t->root, rel);
	size_t len;
	char *buf = read_file(path, &len);
	int has = buf && strstr(buf, word);

	free(buf);
	free(path);
	return has;
}

/*
 * The API of the tree, from its own headers: the dialect (GUP.md's table), whether it has
 * iov_iter_extract_pages(), put_user_page*() (v5.2-v5.5, or kernel-patches/linux-6.1 on a
 * v5.6+ tree), BIO_PAGE_PINNED (v6.5+, or kernel-patches/linux-6.1), and whether mm/gup.c's
 * pins skip the zero page (it tests is_zero_page()/is_zero_folio(): v6.5+, 6.1.y).
 */
void tree_api(const struct kernel_tree *t, struct plan *p)
{
	p->has_put_user = header_has(t, "include/linux/mm.h", "put_user_page");
	p->dialect = header_has(t, "include/linux/mm.h", "pin_user_pages") ? DIALECT_PIN :
		     p->has_put_user ? DIALECT_PUT_USER : DIALECT_OLD;
	p->has_extract = header_has(t, "include/linux/uio.h", "iov_iter_extract_pages");
	p->bio_pinned = header_has(t, "include/linux/blk_types.h", "BIO_PAGE_PINNED") ||
			header_has(t, "include/linux/bio.h", "BIO_PAGE_PINNED");
	p->pin_skips_zero = header_has(t, "mm/gup.c", "is_zero_page(") ||
			    header_has(t, "mm/gup.c", "is_zero_folio(");
}
