/*
 * Fixture export.h: EXPORT_SYMBOL() in the shape of linux-6.1's on x86-64 (relative
 * references): a redeclaration of the symbol and a file-scope pointer to it that keeps it
 * addressable, named __UNIQUE_ID___addressable_SYM plus a counter.
 */
#ifndef _FIXTURE_EXPORT_H
#define _FIXTURE_EXPORT_H
#define __FIXTURE_PASTE2(a, b) a##b
#define __FIXTURE_PASTE(a, b) __FIXTURE_PASTE2(a, b)
#define __ADDRESSABLE(sym) \
	static void *__FIXTURE_PASTE(__UNIQUE_ID___addressable_##sym, __COUNTER__) \
		__attribute__((used)) = (void *)&sym;
#define EXPORT_SYMBOL(sym) extern typeof(sym) sym; __ADDRESSABLE(sym)
#define EXPORT_SYMBOL_GPL(sym) EXPORT_SYMBOL(sym)
#endif
