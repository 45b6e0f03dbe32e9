/* The facts cache's blob of one file's facts (and back, exactly), and the key it is kept under. */
#include <pthread.h>
#include <clang-c/Index.h>
#include <stdlib.h>
#include <string.h>
#include "facts.h"
#include "schema.h"
#include "tree.h"
#include "util.h"
#include "version.h"

/*
 * The blob: "GUPF", then FACTS_FORMAT, then every field of struct file_facts but ring and
 * includes, in declaration order.  Numbers are LEB128 varints (signed ones zigzagged);
 * a string is its length + 1 and its bytes, 0 for NULL; a string of a closed set (seen_by,
 * result, flags_form, flags_from) is its index + 1 in the set's table below; api is its name.
 */
static const char magic[4] = { 'G', 'U', 'P', 'F' };

static const char *const seen_by_names[] = { "clang", "lex", NULL };
static const char *const result_names[] = { "ignored", "used", NULL };
static const char *const flags_form_names[] = { "names", "literal", "bool", "expr", NULL };
static const char *const flags_from_names[] = {
	"compile_commands", "kbuild", "degraded", "kbuild-check", NULL
};

static void put_u(struct strbuf *sb, uint64_t v)
{
	char b[10];
	size_t n = 0;

	do {
		b[n] = v & 0x7f;
		v >>= 7;
		if (v)
			b[n] |= 0x80;
		n++;
	} while (v);
	strbuf_add(sb, b, n);
}

static void put_i(struct strbuf *sb, int64_t v)
{
	put_u(sb, ((uint64_t)v << 1) ^ (uint64_t)(v >> 63));
}

static void put_s(struct strbuf *sb, const char *s)
{
	size_t n = s ? strlen(s) : 0;

	put_u(sb, s ? n + 1 : 0);
	strbuf_add(sb, s ? s : "", n);
}

/* The index + 1 of s in names (0 for NULL); -1 when s is not one of them. */
static int name_index(const char *const *names, const char *s)
{
	if (!s)
		return 0;
	for (int i = 0; names[i]; i++)
		if (!strcmp(names[i], s))
			return i + 1;
	return -1;
}

/* Put s as its index in names; -1 (nothing put) when s is not in the set. */
static int put_name(struct strbuf *sb, const char *const *names, const char *s)
{
	int i = name_index(names, s);

	if (i < 0)
		return -1;
	put_u(sb, i);
	return 0;
}

static int put_call(struct strbuf *sb, const struct call_fact *c)
{
	put_s(sb, c->api->name);
	put_u(sb, c->line);
	put_u(sb, c->col);
	put_s(sb, c->function);
	put_s(sb, c->pages);
	put_s(sb, c->count);
	put_s(sb, c->flags);
	put_i(sb, c->flags_value);
	put_s(sb, c->flags_names);
	put_s(sb, c->pages_to);
	if (put_name(sb, seen_by_names, c->seen_by))
		return -1;
	put_i(sb, c->compiled);
	put_s(sb, c->note);
	if (put_name(sb, result_names, c->result) || put_name(sb, flags_form_names, c->flags_form))
		return -1;
	put_i(sb, c->longterm);
	put_s(sb, c->flags_param);
	put_s(sb, c->cond);
	put_s(sb, c->arms);
	put_s(sb, c->result_to);
	put_s(sb, c->result_type);
	put_i(sb, c->result_unsigned);
	put_s(sb, c->ucmp);
	put_u(sb, c->ucmp_line);
	put_i(sb, c->ucmp_guarded);
	put_u(sb, c->neg_line);
	put_i(sb, c->write);
	put_s(sb, c->dirty_arg);
	put_s(sb, c->addr);
	put_s(sb, c->addr_use);
	put_u(sb, c->addr_use_line);
	put_i(sb, c->null_init);
	put_i(sb, c->dma_to_device);
	return 0;
}

/* The if statements the arms name (struct if_fact). */
static void put_ifs(struct strbuf *out, const struct file_facts *ff)
{
	put_u(out, ff->nifs);
	for (size_t i = 0; i < ff->nifs; i++) {
		put_u(out, ff->ifs[i].at);
		put_u(out, ff->ifs[i].line);
		put_u(out, ff->ifs[i].cls);
		put_s(out, ff->ifs[i].cond);
	}
}

/* The path summaries (path_walk.c), after the flows. */
static void put_paths(struct strbuf *out, const struct file_facts *ff)
{
	put_u(out, ff->npaths);
	for (size_t i = 0; i < ff->npaths; i++) {
		const struct path_fact *pf = &ff->paths[i];

		put_u(out, pf->line);
		put_u(out, pf->col);
		put_u(out, pf->outcome);
		put_u(out, pf->exit_line);
		put_u(out, pf->npaths);
		put_s(out, pf->lines);
		put_s(out, pf->detail);
	}
}

int facts_encode(const struct file_facts *ff, struct strbuf *out)
{
	strbuf_add(out, magic, sizeof(magic));
	put_u(out, FACTS_FORMAT);
	put_s(out, ff->path);
	put_s(out, ff->hash);
	put_u(out, ff->status);
	put_u(out, ff->ndiag);
	put_i(out, ff->built);
	put_s(out, ff->first_diag);
	if (put_name(out, flags_from_names, ff->flags_from))
		return -1;
	put_i(out, ff->mmu_notifier);
	put_u(out, ff->nfns);
	for (size_t i = 0; i < ff->nfns; i++) {
		put_s(out, ff->fns[i].name);
		put_u(out, ff->fns[i].line);
		put_u(out, ff->fns[i].end_line);
		put_i(out, ff->fns[i].is_static);
		put_u(out, ff->fns[i].nexits);
		for (size_t k = 0; k < ff->fns[i].nexits; k++)
			put_u(out, ff->fns[i].exits[k]);
	}
	put_u(out, ff->ncalls);
	for (size_t i = 0; i < ff->ncalls; i++)
		if (put_call(out, &ff->calls[i]))
			return -1;
	put_u(out, ff->nstores);
	for (size_t i = 0; i < ff->nstores; i++) {
		const struct store_fact *s = &ff->stores[i];

		put_u(out, s->line);
		put_u(out, s->col);
		put_s(out, s->function);
		put_s(out, s->struct_name);
		put_s(out, s->field);
		put_s(out, s->value);
	}
	put_u(out, ff->nflows);
	for (size_t i = 0; i < ff->nflows; i++) {
		const struct flow_fact *f = &ff->flows[i];

		put_u(out, f->kind);
		put_u(out, f->line);
		put_u(out, f->col);
		put_s(out, f->function);
		put_s(out, f->dst);
		put_s(out, f->src);
		put_s(out, f->callee);
		put_i(out, f->argno);
		put_s(out, f->arms);
	}
	put_ifs(out, ff);
	put_paths(out, ff);
	return 0;
}

/* A blob being read; bad is set, and every later read gives 0 or NULL, once it runs out. */
struct reader {
	const unsigned char *p, *end;
	int bad;
};

static uint64_t get_u(struct reader *r)
{
	uint64_t v = 0;

	for (unsigned shift = 0; shift < 64; shift += 7) {
		if (r->p >= r->end)
			break;
		unsigned char b = *r->p++;

		v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return v;
	}
	r->bad = 1;
	return 0;
}

static int64_t get_i(struct reader *r)
{
	uint64_t v = get_u(r);

	return (int64_t)(v >> 1) ^ -(int64_t)(v & 1);
}

/* An unsigned that must fit in max. */
static unsigned get_small(struct reader *r, uint64_t max)
{
	uint64_t v = get_u(r);

	if (v > max)
		r->bad = 1;
	return r->bad ? 0 : (unsigned)v;
}

/* A malloc'ed string, or NULL (also when the blob is bad). */
static char *get_s(struct reader *r)
{
	uint64_t n = get_u(r);
	char *s;

	if (r->bad || !n)
		return NULL;
	if (n - 1 > (uint64_t)(r->end - r->p)) {
		r->bad = 1;
		return NULL;
	}
	s = xstrndup((const char *)r->p, n - 1);
	r->p += n - 1;
	return s;
}

static const char *get_name(struct reader *r, const char *const *names)
{
	size_t n = 0;
	uint64_t i = get_u(r);

	while (names[n])
		n++;
	if (i > n)
		r->bad = 1;
	return r->bad || !i ? NULL : names[i - 1];
}

/* A count of elements of at least min bytes each that the rest of the blob can hold. */
static size_t get_count(struct reader *r, size_t min)
{
	uint64_t n = get_u(r);

	if (n > (uint64_t)(r->end - r->p) / min)
		r->bad = 1;
	return r->bad ? 0 : (size_t)n;
}

static void get_call(struct reader *r, struct call_fact *c)
{
	char *api = get_s(r);

	c->api = api ? api_lookup(api) : NULL;
	if (!c->api)
		r->bad = 1;
	free(api);
	c->line = get_small(r, UINT32_MAX);
	c->col = get_small(r, UINT32_MAX);
	c->function = get_s(r);
	c->pages = get_s(r);
	c->count = get_s(r);
	c->flags = get_s(r);
	c->flags_value = get_i(r);
	c->flags_names = get_s(r);
	c->pages_to = get_s(r);
	c->seen_by = get_name(r, seen_by_names);
	c->compiled = (int)get_i(r);
	c->note = get_s(r);
	c->result = get_name(r, result_names);
	c->flags_form = get_name(r, flags_form_names);
	c->longterm = (int)get_i(r);
	c->flags_param = get_s(r);
	c->cond = get_s(r);
	c->arms = get_s(r);
	c->result_to = get_s(r);
	c->result_type = get_s(r);
	c->result_unsigned = (int)get_i(r);
	c->ucmp = get_s(r);
	c->ucmp_line = get_small(r, UINT32_MAX);
	c->ucmp_guarded = (int)get_i(r);
	c->neg_line = get_small(r, UINT32_MAX);
	c->write = (int)get_i(r);
	c->dirty_arg = get_s(r);
	c->addr = get_s(r);
	c->addr_use = get_s(r);
	c->addr_use_line = get_small(r, UINT32_MAX);
	c->null_init = (int)get_i(r);
	c->dma_to_device = (int)get_i(r);
}

static void get_ifs(struct reader *r, struct file_facts *ff)
{
	ff->nifs = ff->ifs_alloc = get_count(r, 4);
	ff->ifs = xcalloc(ff->nifs + 1, sizeof(*ff->ifs));
	for (size_t i = 0; i < ff->nifs && !r->bad; i++) {
		ff->ifs[i].at = get_small(r, UINT32_MAX);
		ff->ifs[i].line = get_small(r, UINT32_MAX);
		ff->ifs[i].cls = get_small(r, COND_KIND);
		ff->ifs[i].cond = get_s(r);
	}
}

static void get_arrays(struct reader *r, struct file_facts *ff)
{
	ff->nfns = ff->fns_alloc = get_count(r, 5);
	ff->fns = xcalloc(ff->nfns + 1, sizeof(*ff->fns));
	for (size_t i = 0; i < ff->nfns && !r->bad; i++) {
		struct fn_fact *fn = &ff->fns[i];

		fn->name = get_s(r);
		fn->line = get_small(r, UINT32_MAX);
		fn->end_line = get_small(r, UINT32_MAX);
		fn->is_static = (int)get_i(r);
		fn->nexits = fn->exits_alloc = get_count(r, 1);
		fn->exits = xcalloc(fn->nexits + 1, sizeof(*fn->exits));
		for (size_t k = 0; k < fn->nexits && !r->bad; k++)
			fn->exits[k] = get_small(r, UINT32_MAX);
	}
	ff->ncalls = ff->calls_alloc = get_count(r, 18);
	ff->calls = xcalloc(ff->ncalls + 1, sizeof(*ff->calls));
	for (size_t i = 0; i < ff->ncalls && !r->bad; i++)
		get_call(r, &ff->calls[i]);
	ff->nstores = ff->stores_alloc = get_count(r, 6);
	ff->stores = xcalloc(ff->nstores + 1, sizeof(*ff->stores));
	for (size_t i = 0; i < ff->nstores && !r->bad; i++) {
		struct store_fact *s = &ff->stores[i];

		s->line = get_small(r, UINT32_MAX);
		s->col = get_small(r, UINT32_MAX);
		s->function = get_s(r);
		s->struct_name = get_s(r);
		s->field = get_s(r);
		s->value = get_s(r);
	}
	ff->nflows = ff->flows_alloc = get_count(r, 8);
	ff->flows = xcalloc(ff->nflows + 1, sizeof(*ff->flows));
	for (size_t i = 0; i < ff->nflows && !r->bad; i++) {
		struct flow_fact *f = &ff->flows[i];

		f->kind = get_small(r, FLOW_NUMBER_COPY);
		f->line = get_small(r, UINT32_MAX);
		f->col = get_small(r, UINT32_MAX);
		f->function = get_s(r);
		f->dst = get_s(r);
		f->src = get_s(r);
		f->callee = get_s(r);
		f->argno = (int)get_i(r);
		f->arms = get_s(r);
	}
	get_ifs(r, ff);
	ff->npaths = ff->paths_alloc = get_count(r, 7);
	ff->paths = xcalloc(ff->npaths + 1, sizeof(*ff->paths));
	for (size_t i = 0; i < ff->npaths && !r->bad; i++) {
		struct path_fact *pf = &ff->paths[i];

		pf->line = get_small(r, UINT32_MAX);
		pf->col = get_small(r, UINT32_MAX);
		pf->outcome = get_small(r, NR_PATH_OUTCOMES - 1);
		pf->exit_line = get_small(r, UINT32_MAX);
		pf->npaths = get_small(r, UINT32_MAX);
		pf->lines = get_s(r);
		pf->detail = get_s(r);
	}
}

int facts_decode(const void *blob, size_t len, struct file_facts *ff)
{
	struct reader r = { blob, (const unsigned char *)blob + len, 0 };
	char *hash;

	if (len < sizeof(magic) || memcmp(blob, magic, sizeof(magic)))
		return -1;
	r.p += sizeof(magic);
	if (get_u(&r) != FACTS_FORMAT)
		return -1;
	ff->path = get_s(&r);
	hash = get_s(&r);
	if (hash && strlen(hash) < sizeof(ff->hash))
		strcpy(ff->hash, hash);
	else if (hash)
		r.bad = 1;
	free(hash);
	ff->status = get_small(&r, PARSE_OTHER_ARCH);
	ff->ndiag = get_small(&r, UINT32_MAX);
	ff->built = (int)get_i(&r);
	ff->first_diag = get_s(&r);
	ff->flags_from = get_name(&r, flags_from_names);
	ff->mmu_notifier = (int)get_i(&r);
	get_arrays(&r, ff);
	if (r.bad || r.p != r.end || !ff->path) {
		file_facts_release(ff);
		return -1;
	}
	return 0;
}

/* facts_tool()'s value, "" when gupcheck cannot read its own executable. */
static char tool_key[17];
static pthread_once_t tool_once = PTHREAD_ONCE_INIT;

static void tool_identify(void)
{
	struct strbuf sb = { 0 };
	size_t len;
	char *exe = read_file("/proc/self/exe", &len), exe_hash[17];
	CXString v = clang_getClangVersion();

	if (exe) {
		hash_hex(exe, len, exe_hash);
		const char *clang = clang_getCString(v);

		strbuf_addf(&sb, "gupcheck %s %s facts %d schema %d %s", GUPCHECK_VERSION, exe_hash,
			    FACTS_FORMAT, SCHEMA_VERSION, clang ? clang : "");
		hash_hex(sb.buf, sb.len, tool_key);
	}
	free(exe);
	clang_disposeString(v);
	strbuf_release(&sb);
}

const char *facts_tool(void)
{
	pthread_once(&tool_once, tool_identify);
	return tool_key[0] ? tool_key : NULL;
}

char *facts_key(const struct kernel_tree *t, const char *rel, const struct strvec *args,
		const char *flags_from, int built, const char *other_arch)
{
	struct strbuf sb = { 0 };
	char hex[17];

	if (!facts_tool())
		return NULL;
	strbuf_addstr(&sb, tool_key);
	strbuf_addf(&sb, "%c%s%c%s%c%s%c%d%c%s%c%s", 0, rel, 0, t->arch, 0,
		    t->target ? t->target : "", 0, built, 0, other_arch ? other_arch : "", 0,
		    flags_from ? flags_from : "");
	for (size_t i = 0; args && i < args->n; i++)
		strbuf_addf(&sb, "%c%s", 0, args->v[i]);
	for (size_t i = 0; i < t->nfoll; i++)
		strbuf_addf(&sb, "%c%s=%llu", 1, t->foll[i].name,
			    (unsigned long long)t->foll[i].value);
	hash_hex(sb.buf, sb.len, hex);
	strbuf_release(&sb);
	return xstrdup(hex);
}
