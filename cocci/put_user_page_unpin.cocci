/// In v5.6 the put_user_page*() releases of v5.2-v5.5 were renamed unpin_user_page*(), when
/// pin_user_pages*() arrived: a tree or driver written against v5.2-v5.5 does not build on v5.6+
/// until each becomes its unpin: put_user_page() -> unpin_user_page(), put_user_pages() ->
/// unpin_user_pages(), put_user_pages_dirty_lock(p, n, dirty) -> unpin_user_pages_dirty_lock(p,
/// n, dirty).  The two-argument put_user_pages_dirty_lock(p, n) and put_user_pages_dirty(p, n)
/// of v5.2-v5.3 dirty every page: they become unpin_user_pages_dirty_lock(p, n, true).
//#
//# Alone, the rule renames every put_user_page*() call, as the v5.6 rename did: the acquire of
//# those pages must become pin_user_pages*() beside it (cocci/pin_user_pages.cocci), and a
//# put_user_page*() that releases plain references (a device that follows MMU notifiers, such
//# as v5.4's umem_odp.c) must become put_page() instead (cocci/put_user_page_put.cocci).
//# put_user_pages_dirty() used set_page_dirty(): its unpin dirties under the page lock.
//# gupcheck convert --api=pin runs it guided (-D guided -D positions=FILE, one "path:line" per
//# line): then exactly the releases of the sites it renames to pins change.
//
// Confidence: Moderate alone, High guided
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

// Alone: every release of the v5.2-v5.5 dialect.

@depends on patch && !guided@
expression E, P, N, D;
@@
(
- put_user_page(E)
+ unpin_user_page(E)
|
- put_user_pages(P, N)
+ unpin_user_pages(P, N)
|
- put_user_pages_dirty_lock(P, N, D)
+ unpin_user_pages_dirty_lock(P, N, D)
|
- put_user_pages_dirty_lock(P, N)
+ unpin_user_pages_dirty_lock(P, N, true)
|
- put_user_pages_dirty(P, N)
+ unpin_user_pages_dirty_lock(P, N, true)
)

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
coccilib.report.print_report(p[0], "%s() is the v5.2-v5.5 name: v5.6+ releases pins with unpin_user_page*()" % old)

@script:python depends on org@
p << r.p;
old << r.old;
@@
coccilib.org.print_todo(p[0], "%s() is the v5.2-v5.5 name: v5.6+ releases pins with unpin_user_page*()" % old)

// Guided: the positions gupcheck proved.

@depends on patch && guided@
expression E, P, N, D;
position p : script:python() { "%s:%s" % (p[0].file, p[0].line) in wanted };
@@
(
- put_user_page@p(E)
+ unpin_user_page(E)
|
- put_user_pages@p(P, N)
+ unpin_user_pages(P, N)
|
- put_user_pages_dirty_lock@p(P, N, D)
+ unpin_user_pages_dirty_lock(P, N, D)
|
- put_user_pages_dirty_lock@p(P, N)
+ unpin_user_pages_dirty_lock(P, N, true)
|
- put_user_pages_dirty@p(P, N)
+ unpin_user_pages_dirty_lock(P, N, true)
)
