/// put_user_page*() (v5.2-v5.5) is gone from v5.6+: where its pages are plain references (the
/// acquire stays get_user_pages*(), as for a device that follows MMU notifiers), the release
/// becomes the one of references: put_user_page() -> put_page(), put_user_pages() ->
/// release_pages().  (In v5.2-v5.5 put_user_page() was put_page() inside.)
//#
//# Which put_user_page*() releases references and which releases pages that become pins is a
//# flow fact: the rule rewrites guided only (-D guided -D positions=FILE, one "path:line" per
//# line), as gupcheck convert --api=pin runs it.  Alone it reports every put_user_page*() call:
//# each is either this rule's or cocci/put_user_page_unpin.cocci's.
//# put_user_pages_dirty_lock() and put_user_pages_dirty() have no reference form in v5.6+: the
//# rule leaves them (gupcheck convert lists them in stays.txt).
//
// Confidence: High guided; Low alone (a report)
// Copyright: (C) 2026 the gupcheck authors.
// License: GPL-2.0
// Options: --no-includes --include-headers

virtual patch
virtual context
virtual org
virtual report
virtual guided

@initialize:python@
@@
wanted = set()

@script:python depends on guided@
positions << virtual.positions;
@@
wanted = set(l.strip() for l in open(positions) if l.strip())

// Alone: a report of every release of the v5.2-v5.5 dialect.

@depends on context && !guided@
identifier old =~ "^put_user_page";
@@
* old(...)

@r depends on (org || report) && !guided@
identifier old =~ "^put_user_page";
position p;
@@
old@p(...)

@script:python depends on report@
p << r.p;
old << r.old;
@@
coccilib.report.print_report(p[0], "%s() is gone from v5.6+: put_page() or release_pages() where its pages are references, unpin_user_page*() where they are pinned" % old)

@script:python depends on org@
p << r.p;
old << r.old;
@@
coccilib.org.print_todo(p[0], "%s() is gone from v5.6+: put_page() or release_pages() where its pages are references, unpin_user_page*() where they are pinned" % old)

// Guided: the positions gupcheck proved hold references.

@depends on patch && guided@
expression E, P, N;
position p : script:python() { "%s:%s" % (p[0].file, p[0].line) in wanted };
@@
(
- put_user_page@p(E)
+ put_page(E)
|
- put_user_pages@p(P, N)
+ release_pages(P, N)
)
