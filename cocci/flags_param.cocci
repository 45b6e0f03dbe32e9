/// A helper that pins pages for its callers, some of which keep the pages (a registration)
/// and some of which use them for one I/O, must not pin all of them long-term: FOLL_LONGTERM
/// belongs at the keeping calls.  Give the helper a trailing "unsigned int gup_flags"
/// parameter, OR it into the pin's flags, and pass FOLL_LONGTERM at the keeping calls and 0
/// at the others.
//#
//# Which calls keep the pages is gupcheck's per-caller verdict: the rewrite is guided only.
//# gupcheck convert passes (-D guided -D positions=FILE) the acquire's "path:line" (its
//# function's definition and the prototypes in that file get the parameter), "path:line call
//# NAME VALUE" for each call of the helper NAME, and "path:line proto NAME" for a prototype in
//# another file.  It does so only when every caller is in view and the helper is not
//# exported.  Alone, the rule reports pins with constant flags into a parameter's array: the
//# helpers whose callers may differ.
//
// Confidence: High guided; Low alone (a report)
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
defs = set()
calls = {}
protos = set()

@script:python depends on guided@
positions << virtual.positions;
@@
for l in open(positions):
	w = l.split()
	if len(w) == 1:
		defs.add(w[0])
	elif len(w) == 3 and w[1] == "proto":
		protos.add((w[0], w[2]))
	elif len(w) == 4 and w[1] == "call":
		calls[w[0]] = (w[2], w[3])


// Alone: a pin with constant flags into the array a parameter gives.

@alone depends on !patch && !guided@
identifier fn, pages;
identifier f =~ "^pin_user_pages(_fast|_fast_only|_unlocked|_remote)?$";
type T;
parameter list [n] PL;
constant C;
position q;
@@
T fn(PL, struct page **pages, ...) {
<+... f@q(..., C, pages, ...) ...+>
}

@script:python depends on alone && report@
q << alone.q;
fn << alone.fn;
@@
coccilib.report.print_report(q[0], "%s() pins with constant flags for its callers: if some keep the pages, pass FOLL_LONGTERM through a flags parameter" % fn)

@script:python depends on alone && org@
q << alone.q;
fn << alone.fn;
@@
coccilib.org.print_todo(q[0], "%s() pins with constant flags for its callers: if some keep the pages, pass FOLL_LONGTERM through a flags parameter" % fn)

@depends on alone && context@
position alone.q;
identifier alone.f;
@@
* f@q(...)

// Guided: the definition (at its acquire), the prototypes, the calls.

@d depends on patch && guided@
position p : script:python() { "%s:%s" % (p[0].file, p[0].line) in defs };
identifier fn;
identifier f =~ "^(pin|get)_user_pages(_fast|_fast_only)?$";
identifier g =~ "^(pin|get)_user_pages_(remote)$";
identifier h =~ "^(pin|get)_user_pages_(unlocked)$";
expression E1, E2, E3, F;
type T;
parameter list PL;
@@
T fn(PL
+ , unsigned int gup_flags
  ) {
  <+...
(
  f@p(E1, E2,
-     F
+     F | gup_flags
  , ...)
|
  g@p(E1, E2, E3,
-     F
+     F | gup_flags
  , ...)
|
  h@p(E1, E2, E3,
-     F
+     F | gup_flags
  )
)
  ...+>
  }

@pr depends on patch && guided@
position p;
identifier fn;
type T;
parameter list PL;
@@
T fn@p(PL);

@script:python pv@
p << pr.p;
fn << pr.fn;
@@
if ("%s:%s" % (p[0].file, p[0].line), fn) not in protos:
	cocci.include_match(False)

@depends on patch && guided@
position pr.p;
identifier pr.fn;
type pr.T;
parameter list pr.PL;
@@
T fn@p(PL
+ , unsigned int gup_flags
  );

@c depends on patch && guided@
position p;
identifier fn;
expression list ES;
@@
fn@p(ES)

@script:python cv@
p << c.p;
fn << c.fn;
v;
@@
k = "%s:%s" % (p[0].file, p[0].line)
if k in calls and calls[k][0] == fn:
	coccinelle.v = calls[k][1]
else:
	cocci.include_match(False)

@depends on patch && guided@
position c.p;
identifier c.fn;
expression list c.ES;
identifier cv.v;
@@
fn@p(ES
+ , v
  )
