/// A loop that releases every page of a pinned array one by one, optionally dirtying each
/// first, is one call: unpin_user_pages(pages, n), or unpin_user_pages_dirty_lock(pages, n,
/// make_dirty), which dirties under the page lock (set_page_dirty() without it is a bug).
//#
//# Alone, the rule collapses loops of unpin_user_page() (with set_page_dirty*() before it),
//# which already release pins.  gupcheck convert runs it guided (-D guided -D positions=FILE,
//# one "path:line" per line, the lines of put_page() calls whose pages gupcheck proved pinned):
//# then those loops collapse, before the put_page() -> unpin_user_page() rule runs on the rest.
//# A loop variable left unused is removed.  Only loops whose count cannot be negative
//# collapse (see below): unpin_user_pages() warns on an error code and runs wild on others.
//
// Confidence: High
// Copyright: (C) 2026 the gupcheck authors.
// License: GPL-2.0
// Options: --include-headers --all-includes --include-headers-for-types

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

@alone depends on patch && !guided@
identifier i, l;
{unsigned int, unsigned long, size_t} U;
expression P, N, D, E;
@@
(
(
- for (i = 0; i < U; i++) {
-	if (D)
-		\(set_page_dirty\|set_page_dirty_lock\)(P[i]);
-	unpin_user_page(P[i]);
- }
+ unpin_user_pages_dirty_lock(P, U, D);
|
- for (i = 0; i < U; i++) {
-	\(set_page_dirty\|set_page_dirty_lock\)(P[i]);
-	unpin_user_page(P[i]);
- }
+ unpin_user_pages_dirty_lock(P, U, true);
|
- for (i = 0; i < U; i++)
-	unpin_user_page(P[i]);
+ unpin_user_pages(P, U);
)
|
if (\(N <= 0\|N < 0\|N < 1\)) \(return ...;\|goto l;\)
... when != N = E
    when != N -= E
    when != N--
    when != --N
(
- for (i = 0; i < N; i++) {
-	if (D)
-		\(set_page_dirty\|set_page_dirty_lock\)(P[i]);
-	unpin_user_page(P[i]);
- }
+ unpin_user_pages_dirty_lock(P, N, D);
|
- for (i = 0; i < N; i++) {
-	\(set_page_dirty\|set_page_dirty_lock\)(P[i]);
-	unpin_user_page(P[i]);
- }
+ unpin_user_pages_dirty_lock(P, N, true);
|
- for (i = 0; i < N; i++)
-	unpin_user_page(P[i]);
+ unpin_user_pages(P, N);
)
|
if (\(N > 0\|N >= 1\)) {
... when != N
(
- for (i = 0; i < N; i++) {
-	if (D)
-		\(set_page_dirty\|set_page_dirty_lock\)(P[i]);
-	unpin_user_page(P[i]);
- }
+ unpin_user_pages_dirty_lock(P, N, D);
|
- for (i = 0; i < N; i++) {
-	\(set_page_dirty\|set_page_dirty_lock\)(P[i]);
-	unpin_user_page(P[i]);
- }
+ unpin_user_pages_dirty_lock(P, N, true);
|
- for (i = 0; i < N; i++)
-	unpin_user_page(P[i]);
+ unpin_user_pages(P, N);
)
... when != N
}
)

@depends on patch && alone@
identifier alone.i;
type T;
constant C;
@@
{
... when any
(
- T i;
|
- T i = C;
)
... when != i
}

// Guided, a loop collapses only where its count cannot be negative: the loop ran no time for
// a negative count, unpin_user_pages() would warn (an error code) or run wild.  Known: an
// unsigned count, a count tested by a return or goto before the loop on every path (and not
// assigned since), or a loop inside a test that the count is positive.  One rule, so that the
// positions are those of the file as given.
@guided_loop depends on patch && guided@
position p : script:python() { "%s:%s" % (p[0].file, p[0].line) in wanted };
identifier i, l;
{unsigned int, unsigned long, size_t} U;
expression P, N, D, E;
@@
(
(
- for (i = 0; i < U; i++) {
-	if (D)
-		\(set_page_dirty\|set_page_dirty_lock\)(P[i]);
-	put_page@p(P[i]);
- }
+ unpin_user_pages_dirty_lock(P, U, D);
|
- for (i = 0; i < U; i++) {
-	\(set_page_dirty\|set_page_dirty_lock\)(P[i]);
-	put_page@p(P[i]);
- }
+ unpin_user_pages_dirty_lock(P, U, true);
|
- for (i = 0; i < U; i++)
-	put_page@p(P[i]);
+ unpin_user_pages(P, U);
)
|
if (\(N <= 0\|N < 0\|N < 1\)) \(return ...;\|goto l;\)
... when != N = E
    when != N -= E
    when != N--
    when != --N
(
- for (i = 0; i < N; i++) {
-	if (D)
-		\(set_page_dirty\|set_page_dirty_lock\)(P[i]);
-	put_page@p(P[i]);
- }
+ unpin_user_pages_dirty_lock(P, N, D);
|
- for (i = 0; i < N; i++) {
-	\(set_page_dirty\|set_page_dirty_lock\)(P[i]);
-	put_page@p(P[i]);
- }
+ unpin_user_pages_dirty_lock(P, N, true);
|
- for (i = 0; i < N; i++)
-	put_page@p(P[i]);
+ unpin_user_pages(P, N);
)
|
if (\(N > 0\|N >= 1\)) {
... when != N
(
- for (i = 0; i < N; i++) {
-	if (D)
-		\(set_page_dirty\|set_page_dirty_lock\)(P[i]);
-	put_page@p(P[i]);
- }
+ unpin_user_pages_dirty_lock(P, N, D);
|
- for (i = 0; i < N; i++) {
-	\(set_page_dirty\|set_page_dirty_lock\)(P[i]);
-	put_page@p(P[i]);
- }
+ unpin_user_pages_dirty_lock(P, N, true);
|
- for (i = 0; i < N; i++)
-	put_page@p(P[i]);
+ unpin_user_pages(P, N);
)
... when != N
}
)

@depends on patch && guided_loop@
identifier guided_loop.i;
type T;
constant C;
@@
{
... when any
(
- T i;
|
- T i = C;
)
... when != i
}

@depends on context && !guided@
identifier i;
expression P, N;
@@
* for (i = 0; i < N; i++)
*	unpin_user_page(P[i]);

@r depends on (org || report) && !guided@
identifier i;
expression P, N;
position p;
@@
for@p (i = 0; i < N; i++)
	unpin_user_page(P[i]);

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "a loop of unpin_user_page(): call unpin_user_pages()")

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "a loop of unpin_user_page(): call unpin_user_pages()")
