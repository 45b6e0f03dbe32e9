/// Find-only semantic patch: every call of a GUP-family acquire function, by position.
/// The independent census of the linux-6.1 integration test, and the spatch leg of make bench.
//# Calls inside macro definitions are not matched: Coccinelle does not parse macro bodies.
// Confidence: High
// Options: --no-includes --include-headers
virtual report

@call0 depends on report@
position p;
@@
get_user_pages@p(...)

@script:python depends on report@
p << call0.p;
@@
print("%s:%s:%s: get_user_pages" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call1 depends on report@
position p;
@@
get_user_pages_fast@p(...)

@script:python depends on report@
p << call1.p;
@@
print("%s:%s:%s: get_user_pages_fast" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call2 depends on report@
position p;
@@
get_user_pages_fast_only@p(...)

@script:python depends on report@
p << call2.p;
@@
print("%s:%s:%s: get_user_pages_fast_only" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call3 depends on report@
position p;
@@
__get_user_pages_fast@p(...)

@script:python depends on report@
p << call3.p;
@@
print("%s:%s:%s: __get_user_pages_fast" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call4 depends on report@
position p;
@@
get_user_pages_remote@p(...)

@script:python depends on report@
p << call4.p;
@@
print("%s:%s:%s: get_user_pages_remote" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call5 depends on report@
position p;
@@
get_user_pages_unlocked@p(...)

@script:python depends on report@
p << call5.p;
@@
print("%s:%s:%s: get_user_pages_unlocked" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call6 depends on report@
position p;
@@
get_user_pages_locked@p(...)

@script:python depends on report@
p << call6.p;
@@
print("%s:%s:%s: get_user_pages_locked" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call7 depends on report@
position p;
@@
get_user_pages_longterm@p(...)

@script:python depends on report@
p << call7.p;
@@
print("%s:%s:%s: get_user_pages_longterm" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call8 depends on report@
position p;
@@
pin_user_pages@p(...)

@script:python depends on report@
p << call8.p;
@@
print("%s:%s:%s: pin_user_pages" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call9 depends on report@
position p;
@@
pin_user_pages_fast@p(...)

@script:python depends on report@
p << call9.p;
@@
print("%s:%s:%s: pin_user_pages_fast" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call10 depends on report@
position p;
@@
pin_user_pages_fast_only@p(...)

@script:python depends on report@
p << call10.p;
@@
print("%s:%s:%s: pin_user_pages_fast_only" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call11 depends on report@
position p;
@@
pin_user_pages_remote@p(...)

@script:python depends on report@
p << call11.p;
@@
print("%s:%s:%s: pin_user_pages_remote" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call12 depends on report@
position p;
@@
pin_user_pages_unlocked@p(...)

@script:python depends on report@
p << call12.p;
@@
print("%s:%s:%s: pin_user_pages_unlocked" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call13 depends on report@
position p;
@@
pin_user_pages_locked@p(...)

@script:python depends on report@
p << call13.p;
@@
print("%s:%s:%s: pin_user_pages_locked" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call14 depends on report@
position p;
@@
iov_iter_get_pages@p(...)

@script:python depends on report@
p << call14.p;
@@
print("%s:%s:%s: iov_iter_get_pages" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call15 depends on report@
position p;
@@
iov_iter_get_pages2@p(...)

@script:python depends on report@
p << call15.p;
@@
print("%s:%s:%s: iov_iter_get_pages2" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call16 depends on report@
position p;
@@
iov_iter_get_pages_alloc@p(...)

@script:python depends on report@
p << call16.p;
@@
print("%s:%s:%s: iov_iter_get_pages_alloc" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call17 depends on report@
position p;
@@
iov_iter_get_pages_alloc2@p(...)

@script:python depends on report@
p << call17.p;
@@
print("%s:%s:%s: iov_iter_get_pages_alloc2" % (p[0].file, p[0].line, int(p[0].column) + 1))

@call18 depends on report@
position p;
@@
iov_iter_extract_pages@p(...)

@script:python depends on report@
p << call18.p;
@@
print("%s:%s:%s: iov_iter_extract_pages" % (p[0].file, p[0].line, int(p[0].column) + 1))
