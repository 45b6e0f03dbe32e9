/// put_page() on a page that pin_user_pages*() pinned drops a reference, not the pin, and
/// corrupts the page's pin count: release it with unpin_user_page().
//#
//# Alone, the rule converts put_page() of an element of an array, or of a page whose address,
//# is given to a pin_user_pages*() call in the same file: a page pinned in another file, or kept
//# in a struct, is beyond it.  gupcheck convert runs it guided (-D guided -D positions=FILE,
//# one "path:line" per line): then exactly the releases gupcheck proved change, whatever matches.
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

// Alone: what pin_user_pages*() filled in this file.

@pinned depends on !guided@
identifier pin =~ "^pin_user_pages";
expression pages;
@@
pin(..., pages, ...)

@pinned1 depends on !guided@
identifier pin =~ "^pin_user_pages";
expression page;
@@
pin(..., &page, ...)

@depends on patch && !guided@
expression pinned.pages, I;
@@
- put_page(pages[I])
+ unpin_user_page(pages[I])

@depends on patch && !guided@
expression pinned1.page;
@@
- put_page(page)
+ unpin_user_page(page)

@depends on context && !guided@
expression pinned.pages, I;
@@
* put_page(pages[I])

@r depends on (org || report) && !guided@
expression pinned.pages, I;
position p;
@@
put_page@p(pages[I])

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "put_page() on pages pinned by pin_user_pages*(): use unpin_user_page()")

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "put_page() on pages pinned by pin_user_pages*(): use unpin_user_page()")

// Guided: the positions gupcheck proved.

@depends on patch && guided@
expression E;
position p : script:python() { "%s:%s" % (p[0].file, p[0].line) in wanted };
@@
- put_page@p(E)
+ unpin_user_page(E)
