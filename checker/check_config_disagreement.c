/*
 * config-disagreement: in a census of several configurations, the ones that compile an acquire
 * site give it different verdicts, or different checks report it in them; or a site the census's
 * facts of its file do not compile is reported by the configurations that do.
 */
#include <string.h>
#include "census.h"
#include "checks.h"

void check_config_disagreement(struct plan *p, long i)
{
	const struct site *s = site_at(p, i);
	const struct call_fact *a = call_at(p, s->at);
	const struct census_site *rec;
	struct strbuf sb = { 0 };
	size_t n, k;

	if (!p->census || s->from_caller ||
	    !(rec = census_find(p->census, path_of(p, s->at), a->line, a->col, &n)))
		return;
	/*
	 * Not compiled in the configuration whose facts the census keeps for the file, but in
	 * others: what their checks found is said here (the census checks no uncompiled site).
	 */
	if (!a->compiled) {
		for (k = 0; k < n; k++)
			if (rec[k].checks[0])
				strbuf_addf(&sb, "%s%s %s (%s)", sb.len ? ", " : "",
					    p->census->names[rec[k].config], verdict_name(rec[k].verdict),
					    rec[k].checks);
		if (sb.len)
			plan_report(p, s->at, i, CHECK_config_disagreement,
				    "%s() is compiled only in configurations whose facts of this file"
				    " the census does not keep, and they report it: %s", a->api->name,
				    sb.buf);
		strbuf_release(&sb);
		return;
	}
	if (n < 2)
		return;
	for (k = 1; k < n; k++)
		if (rec[k].verdict != rec[0].verdict || strcmp(rec[k].checks, rec[0].checks))
			break;
	if (k == n)
		return;
	for (k = 0; k < n; k++)
		strbuf_addf(&sb, "%s%s %s%s%s%s", k ? ", " : "", p->census->names[rec[k].config],
			    verdict_name(rec[k].verdict), rec[k].checks[0] ? " (" : "",
			    rec[k].checks, rec[k].checks[0] ? ")" : "");
	plan_report(p, s->at, i, CHECK_config_disagreement,
		    "the configurations that compile %s() disagree: %s", a->api->name, sb.buf);
	strbuf_release(&sb);
}
