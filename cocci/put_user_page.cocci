/// In v5.2-v5.5 trees, a page that get_user_pages*() took is released with put_user_page(), not
/// put_page(), so that every GUP reference is released by the matching API (the placeholder for
/// the pin counting that came in v5.6).
//#
//# Alone, the rule converts put_page() of an element of an array, or of a page whose address,
//# is given to a get_user_pages*() call in the same file.  gupcheck convert --api=put_user_page
//# runs it guided (-D guided -D positions=FILE): then exactly the releases gupcheck proved change.
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

@got1 depends on !guided@
identifier get =~ "^get_user_pages";
expression page;
@@
get(..., &page, ...)

@depends on patch && !guided@
expression got.pages, I;
@@
- put_page(pages[I])
+ put_user_page(pages[I])

@depends on patch && !guided@
expression got1.page;
@@
- put_page(page)
+ put_user_page(page)

@depends on context && !guided@
expression got.pages, I;
@@
* put_page(pages[I])

@r depends on (org || report) && !guided@
expression got.pages, I;
position p;
@@
put_page@p(pages[I])

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "put_page() on pages from get_user_pages*(): use put_user_page()")

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "put_page() on pages from get_user_pages*(): use put_user_page()")

@depends on patch && guided@
expression E;
position p : script:python() { "%s:%s" % (p[0].file, p[0].line) in wanted };
@@
- put_page@p(E)
+ put_user_page(E)
