/// In v5.2-v5.5 trees, pages that get_user_pages*() took are released with put_user_pages(),
/// not release_pages(), so that every GUP reference is released by the matching API.
//#
//# Alone, the rule converts release_pages() of an array given to a get_user_pages*() call in
//# the same file.  gupcheck convert --api=put_user_page runs it guided (-D guided
//# -D positions=FILE): then exactly the releases gupcheck proved change.
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

@got depends on !guided@
identifier get =~ "^get_user_pages";
expression pages;
@@
get(..., pages, ...)

@depends on patch && !guided@
expression got.pages, N;
@@
- release_pages(pages, N)
+ put_user_pages(pages, N)

@depends on context && !guided@
expression got.pages, N;
@@
* release_pages(pages, N)

@r depends on (org || report) && !guided@
expression got.pages, N;
position p;
@@
release_pages@p(pages, N)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "release_pages() on pages from get_user_pages*(): use put_user_pages()")

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "release_pages() on pages from get_user_pages*(): use put_user_pages()")

@depends on patch && guided@
expression P, N;
position p : script:python() { "%s:%s" % (p[0].file, p[0].line) in wanted };
@@
- release_pages@p(P, N)
+ put_user_pages(P, N)
