/// release_pages() on pages that pin_user_pages*() pinned drops references, not pins:
/// release them with unpin_user_pages().
//#
//# Alone, the rule converts release_pages() of an array given to a pin_user_pages*() call in
//# the same file.  gupcheck convert runs it guided (-D guided -D positions=FILE, one
//# "path:line" per line): then exactly the releases gupcheck proved change.
//
// Confidence: Moderate alone (a release picked at run time by the pages' kind matches too), High guided
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

@pinned depends on !guided@
identifier pin =~ "^pin_user_pages";
expression pages;
@@
pin(..., pages, ...)

@depends on patch && !guided@
expression pinned.pages, N;
@@
- release_pages(pages, N)
+ unpin_user_pages(pages, N)

@depends on context && !guided@
expression pinned.pages, N;
@@
* release_pages(pages, N)

@r depends on (org || report) && !guided@
expression pinned.pages, N;
position p;
@@
release_pages@p(pages, N)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "release_pages() on pages pinned by pin_user_pages*(): use unpin_user_pages()")

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "release_pages() on pages pinned by pin_user_pages*(): use unpin_user_pages()")

@depends on patch && guided@
expression P, N;
position p : script:python() { "%s:%s" % (p[0].file, p[0].line) in wanted };
@@
- release_pages@p(P, N)
+ unpin_user_pages(P, N)
