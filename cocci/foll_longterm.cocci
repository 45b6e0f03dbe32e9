/// A pin whose pages outlive the system call (RDMA registration, userptr buffers, vfio, ...)
/// must say FOLL_LONGTERM, so that GUP refuses fs-DAX and migrates the pages out of movable
/// zones; get_user_pages_longterm() became that flag in v5.2.
//#
//# Alone, the rule only rewrites get_user_pages_longterm(start, n, flags, pages, vmas) into
//# get_user_pages(start, n, flags | FOLL_LONGTERM, pages, vmas) (run pin_user_pages.cocci
//# after it on v5.6+ trees).  Which other calls are long-term is decided by gupcheck's plan:
//# gupcheck convert runs the rule guided (-D guided -D positions=FILE), adding FOLL_LONGTERM to
//# the flags of exactly those calls.
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

@depends on patch && !guided@
expression E1, E2, F, P, V;
@@
- get_user_pages_longterm(E1, E2, F, P, V)
+ get_user_pages(E1, E2, F | FOLL_LONGTERM, P, V)

@depends on context && !guided@
@@
* get_user_pages_longterm(...)

@r depends on (org || report) && !guided@
position p;
@@
get_user_pages_longterm@p(...)

@script:python depends on report@
p << r.p;
@@
coccilib.report.print_report(p[0], "get_user_pages_longterm() is gone since v5.2: pass FOLL_LONGTERM")

@script:python depends on org@
p << r.p;
@@
coccilib.org.print_todo(p[0], "get_user_pages_longterm() is gone since v5.2: pass FOLL_LONGTERM")

// Guided: add FOLL_LONGTERM to the flags of the proved calls, wherever each API keeps them.

@depends on patch && guided@
position p : script:python() { "%s:%s" % (p[0].file, p[0].line) in wanted };
identifier f =~ "^(pin|get)_user_pages(_fast|_fast_only)?$";
identifier g =~ "^(pin|get)_user_pages_(remote)$";
identifier h =~ "^(pin|get)_user_pages_(unlocked)$";
expression E1, E2, E3, F;
@@
(
  f@p(E1, E2,
-     F
+     F | FOLL_LONGTERM
  , ...)
|
  g@p(E1, E2, E3,
-     F
+     F | FOLL_LONGTERM
  , ...)
|
  h@p(E1, E2, E3,
-     F
+     F | FOLL_LONGTERM
  )
)
