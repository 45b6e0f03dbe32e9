/// A get_user_pages*() whose pages are used as the data of a DMA or a copy should pin them
/// (Documentation/core-api/pin_user_pages.rst, cases 1, 2 and 5): call the matching
/// pin_user_pages*() (v5.6 and later).
//#
//# Alone, the rule converts only calls whose array, in the same file, is released with
//# unpin_user_page*(): a reference released as a pin.  Which other calls must pin is decided by
//# gupcheck's plan; gupcheck convert runs the rule guided (-D guided -D positions=FILE, one
//# "path:line" per line) together with the release rules, so that a series stays balanced.
//
// Confidence: High
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

@unpinned depends on !guided@
identifier unpin =~ "^unpin_user_pages?";
expression pages;
@@
unpin(pages, ...)

@depends on patch && !guided@
expression unpinned.pages;
expression E1, E2, E3, E4;
@@
(
- get_user_pages_fast(E1, E2, E3, pages)
+ pin_user_pages_fast(E1, E2, E3, pages)
|
- get_user_pages(E1, E2, E3, pages, E4)
+ pin_user_pages(E1, E2, E3, pages, E4)
)

@depends on context && !guided@
expression unpinned.pages;
identifier get =~ "^get_user_pages";
@@
* get(..., pages, ...)

@r depends on (org || report) && !guided@
expression unpinned.pages;
position p;
identifier get =~ "^get_user_pages";
@@
get@p(..., pages, ...)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "pages released with unpin_user_page*(): pin them with pin_user_pages*()")

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "pages released with unpin_user_page*(): pin them with pin_user_pages*()")

// pin_user_pages*() refuses FOLL_GET (WARN, -EINVAL): a renamed call loses it.
@depends on patch && guided@
position p : script:python() { "%s:%s" % (p[0].file, p[0].line) in wanted };
expression list es;
expression E1, E2, E3, E4, E5, E6, F;
@@
(
- get_user_pages_fast@p(E1, E2, FOLL_GET | F, E4)
+ pin_user_pages_fast(E1, E2, F, E4)
|
- get_user_pages_fast@p(E1, E2, FOLL_GET, E4)
+ pin_user_pages_fast(E1, E2, 0, E4)
|
- get_user_pages_remote@p(E1, E2, E3, FOLL_GET | F, E4, E5, E6)
+ pin_user_pages_remote(E1, E2, E3, F, E4, E5, E6)
|
- get_user_pages_remote@p(E1, E2, E3, FOLL_GET, E4, E5, E6)
+ pin_user_pages_remote(E1, E2, E3, 0, E4, E5, E6)
|
- get_user_pages_unlocked@p(E1, E2, E3, FOLL_GET | F)
+ pin_user_pages_unlocked(E1, E2, E3, F)
|
- get_user_pages_unlocked@p(E1, E2, E3, FOLL_GET)
+ pin_user_pages_unlocked(E1, E2, E3, 0)
|
- get_user_pages@p(E1, E2, FOLL_GET | F, E4, E5)
+ pin_user_pages(E1, E2, F, E4, E5)
|
- get_user_pages@p(E1, E2, FOLL_GET, E4, E5)
+ pin_user_pages(E1, E2, 0, E4, E5)
|
- get_user_pages_fast@p(es)
+ pin_user_pages_fast(es)
|
- get_user_pages_fast_only@p(es)
+ pin_user_pages_fast_only(es)
|
- get_user_pages_remote@p(es)
+ pin_user_pages_remote(es)
|
- get_user_pages_unlocked@p(es)
+ pin_user_pages_unlocked(es)
|
- get_user_pages@p(es)
+ pin_user_pages(es)
)
