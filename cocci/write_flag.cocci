/// gup_flags given as 1 or as a truth value works only because FOLL_WRITE happens to be 1:
/// write FOLL_WRITE, or "cond ? FOLL_WRITE : 0".
//#
//# For v5.2 and later trees, where the argument is gup_flags.  Before v5.2
//# get_user_pages_fast() took "int write", and __get_user_pages_fast() did until v5.10: the
//# rule leaves __get_user_pages_fast() alone.  gupcheck convert runs it guided
//# (-D guided -D positions=FILE) on the calls its write-literal check found.
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
wanted = None

@script:python depends on guided@
positions << virtual.positions;
@@
wanted = set(l.strip() for l in open(positions) if l.strip())

@depends on patch@
position p : script:python() { wanted is None or "%s:%s" % (p[0].file, p[0].line) in wanted };
identifier f =~ "^(pin|get)_user_pages(_fast|_fast_only)?$";
expression E1, E2, A, B;
binary operator b = {==, !=, <, >, <=, >=, &&, ||};
@@
  f@p(E1, E2,
(
-  1
+  FOLL_WRITE
|
-  A b B
+  A b B ? FOLL_WRITE : 0
|
-  !A
+  !A ? FOLL_WRITE : 0
)
  , ...)

@depends on context@
identifier f =~ "^(pin|get)_user_pages(_fast|_fast_only)?$";
expression E1, E2, A, B;
binary operator b = {==, !=, <, >, <=, >=, &&, ||};
@@
  f(E1, E2,
(
*  1
|
*  A b B
|
*  !A
)
  , ...)

@r depends on org || report@
position p;
identifier f =~ "^(pin|get)_user_pages(_fast|_fast_only)?$";
expression E1, E2, A, B;
binary operator b = {==, !=, <, >, <=, >=, &&, ||};
@@
  f@p(E1, E2, \( 1 \| A b B \| !A \), ...)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "gup_flags given as a number or truth value: write FOLL_WRITE")

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "gup_flags given as a number or truth value: write FOLL_WRITE")
