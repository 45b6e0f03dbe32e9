/// iov_iter_get_pages*() takes a reference even on the user pages a direct I/O writes into;
/// iov_iter_extract_pages() (v6.3 and later) pins the pages of a user-backed iterator and takes
/// nothing on the others: call it, and release its pages with unpin_user_page*() only where
/// iov_iter_extract_will_pin() says it pinned.
//#
//# cocci/iov_iter_extract_release.cocci, run after this rule, rewrites the releases in the
//# function that extracts, where the iterator is in view.  Alone, the rule converts every call
//# whose array is a pointer variable: whether its pages are released elsewhere is beyond it.
//# gupcheck convert runs it guided (-D guided -D positions=FILE, one "path:line" per line) on
//# the calls whose every release it proved to be in that function: then only those change.
//# An _alloc2() call becomes an extraction into a NULL array (which allocates the array, as
//# before); it is rewritten only as a statement "x = call;".
//
// Confidence: Low alone (the pages may be released in another function), High guided
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

// Alone: every call of the two forms whose array is a pointer variable.

@depends on patch && !guided@
expression I, M, N, S;
idexpression struct page **P;
@@
- iov_iter_get_pages2(I, P, M, N, S)
+ iov_iter_extract_pages(I, &P, M, N, 0, S)

@depends on patch && !guided@
expression I, M, S, R;
idexpression struct page **P;
@@
+ P = NULL;
- R = iov_iter_get_pages_alloc2(I, &P, M, S);
+ R = iov_iter_extract_pages(I, &P, M, UINT_MAX, 0, S);

@depends on context && !guided@
@@
(
* iov_iter_get_pages2(...)
|
* iov_iter_get_pages_alloc2(...)
)

@r depends on (org || report) && !guided@
position p;
@@
(
iov_iter_get_pages2@p(...)
|
iov_iter_get_pages_alloc2@p(...)
)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "references on the pages of a direct I/O: use iov_iter_extract_pages(), unpin where iov_iter_extract_will_pin()")

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "references on the pages of a direct I/O: use iov_iter_extract_pages(), unpin where iov_iter_extract_will_pin()")

// Guided: the calls gupcheck proved; cocci/iov_iter_extract_release.cocci, run after this
// rule, rewrites their releases.

// A rule that changes a function makes spatch parse it anew, and a later rule's positions
// no longer name the file's lines there: gupcheck runs this part once per call.
@depends on patch && guided@
expression I, M, N, S;
idexpression struct page **P;
position p : script:python() { "%s:%s" % (p[0].file, p[0].line) in wanted };
@@
- iov_iter_get_pages2@p(I, P, M, N, S)
+ iov_iter_extract_pages(I, &P, M, N, 0, S)

@depends on patch && guided@
expression I, M, S, R;
idexpression struct page **P;
position p : script:python() { "%s:%s" % (p[0].file, p[0].line) in wanted };
@@
+ P = NULL;
- R = iov_iter_get_pages_alloc2@p(I, &P, M, S);
+ R = iov_iter_extract_pages(I, &P, M, UINT_MAX, 0, S);
