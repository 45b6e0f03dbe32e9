/* Fixture: a file of another ARCH is not parsed; its calls come from the lexical census. */
#include <asm/mips-only.h>

int mips_only(unsigned long addr, struct page **pages)
{
	return pin_user_pages_fast(addr, 1,
				   FOLL_WRITE, pages);
}

/*
 * check-name: another ARCH's file: lexical census only
 * check-output-start
arch/mips/mm/c.c:6:9: acquire pin_user_pages_fast; pages=pages; count=1; flags=FOLL_WRITE; seen=lex; compiled=no; note=arch/mips is not ARCH=x86
 * check-output-end
 */
