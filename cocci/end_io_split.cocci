/// A bio completion that both GUP pages and other pages (page cache, allocated, ZERO_PAGE)
/// reach, through different assignments of bi_end_io, cannot release all of them one way once
/// the GUP pages are pinned: split it into _gup and _normal variants over a common body, which
/// releases with unpin_user_page() or put_page() by a gup argument.
//#
//# Which assignment gets GUP pages is a flow fact: the split is guided only.  gupcheck convert
//# passes (-D guided -D positions=FILE, one "path:line" per line) the completion's definition,
//# its put_page() calls that release GUP pages, and the assignments whose bios hold GUP pages;
//# the other assignments of the completion get the _normal variant.  It does so only for a
//# static completion assigned in its own file and used nowhere else, and only when no
//# assignment gets both kinds (then one bio may hold both, and no split separates them).
//# Alone, the rule reports static completions assigned in more than one place that put pages:
//# where the pages of one assignment are GUP's, they are the candidates.
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
wanted = set()
sets = {}

def candidates(sets):
    for E, (q, lines) in sorted(sets.items()):
        if len(lines) > 1:
            yield ("%s() puts the pages of bios it completes, set in %d places: if GUP pages reach"
                   " it through some of them, split it into %s_gup() and %s_normal()"
                   % (E, len(lines), E, E), q)

@script:python depends on guided@
positions << virtual.positions;
@@
wanted = set(l.strip() for l in open(positions) if l.strip())

// Alone: completions set in two places whose body puts pages.

@put depends on !patch && !guided@
identifier E, bio;
expression X;
position q;
@@
static void E(struct bio *bio)
{
<+... put_page@q(X); ...+>
}

@set depends on put@
identifier put.E;
expression B;
position p;
@@
B->bi_end_io = E@p

@script:python depends on set@
E << put.E;
q << put.q;
p << set.p;
@@
sets.setdefault(E, [q[0], set()])[1].add(p[0].line)

@depends on context && !guided@
identifier put.E;
expression B;
@@
* B->bi_end_io = E

@finalize:python depends on report@
@@
for msg, q in candidates(sets):
    coccilib.report.print_report(q, msg)

@finalize:python depends on org@
@@
for msg, q in candidates(sets):
    coccilib.org.print_todo(q, msg)

// Guided: the completion defined at a given line.

@def depends on patch && guided@
identifier E, bio;
position p : script:python() { "%s:%s" % (p[0].file, p[0].line) in wanted };
@@
static void E@p(struct bio *bio) { ... }

// Its assignments, before its body changes (a changed function is parsed anew, its lines lost).

@depends on def@
identifier def.E;
fresh identifier Eg = E ## "_gup";
fresh identifier En = E ## "_normal";
expression B;
position q : script:python() { "%s:%s" % (q[0].file, q[0].line) in wanted };
@@
B->bi_end_io =
(
- E@q
+ Eg
|
- E
+ En
)

@depends on def@
identifier def.E;
fresh identifier Eg = E ## "_gup";
fresh identifier En = E ## "_normal";
identifier bio;
@@
- static void E(struct bio *bio);
+ static void Eg(struct bio *bio);
+ static void En(struct bio *bio);

// The body: the proved put_page() calls release by the gup argument.

@depends on def@
identifier def.E, def.bio;
fresh identifier Ec = E ## "_common";
fresh identifier Er = E ## "_put_page";
fresh identifier Eg = E ## "_gup";
fresh identifier En = E ## "_normal";
expression X;
position r : script:python() { "%s:%s" % (r[0].file, r[0].line) in wanted };
@@
+ static void Er(struct page *page, bool gup)
+ {
+ 	if (gup)
+ 		unpin_user_page(page);
+ 	else
+ 		put_page(page);
+ }
+
- static void E(struct bio *bio)
+ static void Ec(struct bio *bio, bool gup)
{
<...
- put_page@r(X);
+ Er(X, gup);
...>
}
+
+ static void Eg(struct bio *bio)
+ {
+ 	Ec(bio, true);
+ }
+
+ static void En(struct bio *bio)
+ {
+ 	Ec(bio, false);
+ }
