/* Fixture: __pa() as powerpc's page.h writes it, a statement expression that checks first. */
#define WARN_ON(x) ({ int __r = !!(x); if (__builtin_constant_p(__r)) { } __builtin_expect(__r, 0); })
#define VIRTUAL_WARN_ON(x) WARN_ON(0 && (x))
#define __pa(x) ({ VIRTUAL_WARN_ON((unsigned long)(x) < 0xc000000000000000UL); \
		   (unsigned long)(x) & 0x0fffffffffffffffUL; })
