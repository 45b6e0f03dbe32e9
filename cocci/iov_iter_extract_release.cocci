/// Pages from iov_iter_extract_pages() are pinned when iov_iter_extract_will_pin() says so and
/// hold nothing otherwise: put_page() or release_pages() on them is wrong both ways; release
/// them with unpin_user_page*() under that test.
//#
//# The test needs the iterator, so the rule rewrites releases in the function that extracts.
//# Alone, it converts put_page(array[i]) and release_pages(array, n) of an array that
//# iov_iter_extract_pages(iter, &array, ...) fills in the same function.  gupcheck convert runs
//# it guided (-D guided -D positions=FILE, one "path:line" per line) after
//# cocci/iov_iter_extract_pages.cocci: then exactly the releases gupcheck proved change.  A
//# function that extracts from two iterators is refused (spatch reports the conflict).  Where a
//# release is the then-branch of an if with an else, spatch adds braces and writes "}" and
//# "else" on two lines: gupcheck convert joins them (checkpatch: else should follow close brace).
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
import re
wanted = set()

# The release goes under a test: an argument that changes something (n--, x = y) would then
# change it only when the test holds.  Such a release is left as it is.
def pure(e):
    return not re.search(r'\+\+|--|[^=!<>]=[^=]', str(e))

@script:python depends on guided@
positions << virtual.positions;
@@
wanted = set(l.strip() for l in open(positions) if l.strip())

@x@
identifier fn;
expression I;
idexpression struct page **P;
@@
fn(...) {
<... iov_iter_extract_pages(I, &P, ...) ...>
}

// Alone: the releases of the extracted array.

@depends on patch && !guided@
identifier x.fn;
expression x.I;
idexpression struct page **x.P;
expression E : script:python() { pure(E) };
expression N : script:python() { pure(N) };
@@
fn(...) {
<...
(
- put_page(P[E]);
+ if (iov_iter_extract_will_pin(I))
+ 	unpin_user_page(P[E]);
|
- release_pages(P, N);
+ if (iov_iter_extract_will_pin(I))
+ 	unpin_user_pages(P, N);
)
...>
}

@depends on context && !guided@
idexpression struct page **x.P;
expression E, N;
@@
(
* put_page(P[E])
|
* release_pages(P, N)
)

@r depends on (org || report) && !guided@
idexpression struct page **x.P;
expression E, N;
position p;
@@
(
put_page@p(P[E])
|
release_pages@p(P, N)
)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "put_page()/release_pages() on pages from iov_iter_extract_pages(): unpin_user_page*() if iov_iter_extract_will_pin()")

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "put_page()/release_pages() on pages from iov_iter_extract_pages(): unpin_user_page*() if iov_iter_extract_will_pin()")

// Guided: the positions gupcheck proved, with the iterator of their function, in one rule (a
// rule that changes a function makes spatch parse it anew: a later rule's positions would no
// longer name the file's lines).

@depends on patch && guided@
identifier x.fn;
expression x.I;
expression E : script:python() { pure(E) };
expression N : script:python() { pure(N) };
position q : script:python() { "%s:%s" % (q[0].file, q[0].line) in wanted };
@@
fn(...) {
<...
(
- put_page@q(E);
+ if (iov_iter_extract_will_pin(I))
+ 	unpin_user_page(E);
|
- release_pages@q(E, N);
+ if (iov_iter_extract_will_pin(I))
+ 	unpin_user_pages(E, N);
)
...>
}
