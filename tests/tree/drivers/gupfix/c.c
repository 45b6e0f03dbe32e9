/* Fixture: a file-local function that happens to be called pin_user_pages is not the API. */
struct page;

static long pin_user_pages(unsigned long start, unsigned long n)
{
	return (long)(start + n);
}

long uses_local(void)
{
	return pin_user_pages(0, 1);
}

/*
 * check-name: a static function named like the API is not a GUP call
 * check-output-start
 * check-output-end
 */
