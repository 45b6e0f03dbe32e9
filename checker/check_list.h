/*
 * The checks, one entry each: CHECK(id, name, severity, summary, help) names the function
 * check_<id>() in check_<id>.c, the name reports and --checks= use, the severity of its
 * findings, and what it finds: a one-line summary and a paragraph that says why it matters and
 * how to fix it (SARIF's shortDescription and fullDescription/help, checker/report.c).
 * Included wherever the list is needed (the enum in plan.h, the prototypes in checks.h, the
 * registry in checks.c) with CHECK defined for that use; no include guard on purpose.  Order
 * is the order the checks run in, and the index of each in SARIF's rules[].
 */
CHECK(wrong_release, "wrong-release", SEV_ERROR,
      "Pages are released by a function of the other family than the one that took them",
      "A pin (pin_user_pages*(), FOLL_PIN) is released by unpin_user_page*(); a reference"
      " (get_user_pages*(), iov_iter_get_pages*()) by put_page() or release_pages()."
      " put_page() on a pinned page leaves the pin bias in the page's count forever, and"
      " unpin_user_page() on a referenced page takes away a pin that was never there: both"
      " corrupt the page's reference count. Release each page with the family that took it.")
CHECK(mixed_release, "mixed-release", SEV_ERROR,
      "The pages of one acquire are released by both put_page() and unpin_user_page*()",
      "The pages one call takes reach releases of both families on different paths: whichever"
      " the call takes, a pin or a reference, one of those paths releases it wrongly and"
      " corrupts the page's reference count. Release every path with the family that matches"
      " the acquire.")
CHECK(unreleased, "unreleased", SEV_ERROR,
      "Pages taken by GUP reach no release",
      "The pages a get_user_pages*() or pin_user_pages*() call takes reach no release on any"
      " path, and are not stored in a field, a global or handed to a caller that could release"
      " them later: every call leaks a reference or a pin, and a leaked pin keeps the page"
      " looking DMA-pinned to the file system forever. Release the pages on every path,"
      " the error paths included.")
CHECK(unchecked_result, "unchecked-result", SEV_WARNING,
      "The number of pages a GUP call took is ignored",
      "get_user_pages*() and pin_user_pages*() may take fewer pages than asked and return how"
      " many they took, or a negative error. A caller that ignores the result cannot know"
      " which pages to release, and may use entries of the array that were never filled."
      " Check the result and release exactly the pages that were taken.")
CHECK(longterm_missing, "longterm-missing", SEV_WARNING,
      "A long-term pin is taken without FOLL_LONGTERM",
      "The pages outlive the system call that took them (they are kept in an object that a"
      " later call or a teardown releases): the pin is long-term, and must say so with"
      " FOLL_LONGTERM, so that GUP migrates the pages out of ZONE_MOVABLE and CMA and refuses"
      " fs-DAX pages (pin_user_pages.rst, case 2). Add FOLL_LONGTERM to the pin.")
CHECK(longterm_get, "longterm-get", SEV_ERROR,
      "FOLL_LONGTERM is passed to get_user_pages*()",
      "Since v5.6 a long-term hold on user pages is a pin: FOLL_LONGTERM with"
      " get_user_pages*() takes a plain reference that the file system cannot tell from any"
      " other, and newer kernels refuse it. Call pin_user_pages*() with FOLL_LONGTERM and"
      " release with unpin_user_page*().")
CHECK(foll_pin, "foll-pin", SEV_ERROR,
      "FOLL_PIN is written at a call site",
      "FOLL_PIN is internal to GUP: pin_user_pages*() sets it, and kernels WARN when a caller"
      " passes it. A get_user_pages*() call with FOLL_PIN takes pins that its caller will"
      " release as references. Call pin_user_pages*() instead and drop FOLL_PIN.")
CHECK(foll_get, "foll-get", SEV_ERROR,
      "FOLL_GET is passed to pin_user_pages*()",
      "pin_user_pages*() refuses FOLL_GET (it WARNs and fails with -EINVAL), so the call never"
      " takes a page. Drop FOLL_GET; if a reference is what is wanted, call get_user_pages*().")
CHECK(write_literal, "write-literal", SEV_WARNING,
      "gup_flags is given as a number",
      "A number as gup_flags (usually the 1 of the old int write argument) asks for"
      " FOLL_WRITE, or for something else, only by the accident of a flag's value, and hides"
      " what the call wants. Write FOLL_WRITE or 0.")
CHECK(longterm_api, "longterm-api", SEV_WARNING,
      "get_user_pages_longterm() is called",
      "get_user_pages_longterm() was removed in v5.2, when FOLL_LONGTERM became a flag of"
      " get_user_pages*(); since v5.6 long-term holds are pins. Call pin_user_pages() with"
      " FOLL_LONGTERM and release with unpin_user_page*().")
CHECK(dirty_unlocked, "dirty-unlocked", SEV_WARNING,
      "set_page_dirty() on pages from GUP without the page lock",
      "Dirtying a user page that GUP took with set_page_dirty() without the page lock races"
      " with truncation and writeback, which may already have dropped the page's buffers."
      " Use set_page_dirty_lock(), or release with unpin_user_pages_dirty_lock().")
CHECK(bio_unreleased, "bio-unreleased", SEV_ERROR,
      "Pages in a bio whose completion releases none of them",
      "Pages taken by GUP go into a bio whose bi_end_io completion releases none of them, and"
      " no other path does: every I/O leaks the pages' references or pins. Release them in"
      " the completion (bio_release_pages(), or unpin them), or before the bio is freed.")
CHECK(bio_mixed_kinds, "bio-mixed-kinds", SEV_ERROR,
      "One bio completion releases pinned and unpinned pages alike",
      "A bi_end_io completion releases with one function the pages of bios that hold pinned"
      " pages and of bios that hold pages which are not pinned (page cache, allocated pages,"
      " ZERO_PAGE), set at the same assignment, so one of the two is released wrongly. Pin the"
      " other pages too, or mark the pinned bios (BIO_PAGE_PINNED) and release by kind.")
CHECK(bio_merge_leak, "bio-merge-leak", SEV_ERROR,
      "A page merged into a bio segment keeps its extra reference",
      "bio_add_hw_page() and its kin merge a page into the segment that already holds it and"
      " say so in same_page; the completion releases each segment once, so the caller must"
      " release the reference or pin it took for the merged page. Read same_page and release"
      " the duplicate.")
CHECK(mixed_origin, "mixed-origin", SEV_WARNING,
      "One release receives pages GUP took and pages of another origin",
      "An array or loop releases pages that get_user_pages*() or pin_user_pages*() took and"
      " pages that came from elsewhere (get_kernel_pages(), alloc_page(), virt_to_page(), the"
      " page cache, ZERO_PAGE) with one call and no branch or flag between them. With pins,"
      " one of the two kinds is released the wrong way; with references the code is balanced,"
      " but the GUP pages cannot become pins until the two kinds are told apart. Release each"
      " kind by its own call under the condition that separates them (or mark the holder with"
      " a flag and dispatch on it).")
CHECK(result_unsigned, "result-unsigned", SEV_ERROR,
      "The result of a GUP call is stored in, or compared as, an unsigned value",
      "get_user_pages*(), pin_user_pages*() and iov_iter_get_pages*() return how many pages"
      " they took or a negative error. Stored in an unsigned variable, or compared with an"
      " unsigned count (a signed long or int against an unsigned long converts to unsigned)"
      " before it is tested for < 0, -EFAULT reads as a huge count: the error passes"
      " 'ret < nr_pages' as a success, and the pages array is then used and released over"
      " entries that were never filled. Keep the result in a signed variable of the API's"
      " return type and test it for < 0 before comparing it with a count.")
CHECK(guarded_release, "guarded-release", SEV_ERROR,
      "A release is skipped for pages GUP took (PageReserved, the zero page)",
      "The release of pages that GUP took is skipped by a page test: GUP takes a reference"
      " (and, before v6.5's \"mm: Don't pin ZERO_PAGE\", a pin) on reserved pages and on the"
      " zero page like on any other, so every skipped page leaks it, and leaked pins on the"
      " zero page overflow its count. Release every page GUP returned, without the test.")
CHECK(error_path_leak, "error-path-leak", SEV_ERROR,
      "Pages a GUP call took are neither released nor handed off on a path to an exit",
      "On some path from the call to a return of its function (typically an error path taken"
      " after a partial success, or after a later step such as dma_map_sg() or"
      " copy_to_user() fails), the pages the call took are still held and nothing releases"
      " them or takes them over: each time that path runs it leaks references or pins."
      " Release exactly the pages taken (the result, when it is positive) before that exit.")
CHECK(release_count, "release-count", SEV_ERROR,
      "A release covers entries of the pages array the GUP call did not fill",
      "get_user_pages*() and pin_user_pages*() may take fewer pages than asked, or fail with a"
      " negative error. Releasing the requested count after a partial success puts or unpins"
      " entries that were never filled (stale or NULL pointers), and a negative result used"
      " as a count releases nothing or runs wild. Release the number the call returned, and"
      " only when it is positive.")
CHECK(double_release, "double-release", SEV_ERROR,
      "The pages of one GUP call are released twice on one path",
      "On one path from the call, two releases (or a release and a call whose function releases"
      " the same pages) drop the same references or pins twice: the page's count underflows"
      " and the page is freed while still in use. Release once, typically only in the"
      " shared cleanup at the end, or clear the count after an early release.")
CHECK(dirty_missing, "dirty-missing", SEV_WARNING,
      "Pages taken for writing and written are released without being dirtied",
      "The call asks for FOLL_WRITE and the pages' data is then written, by a device through"
      " an sg table or bio, or by the CPU through a kernel mapping, yet no release of them"
      " dirties them (set_page_dirty_lock(), unpin_user_pages_dirty_lock(..., true),"
      " bio_release_pages(bio, true)): writeback can miss the new data and reclaim can drop"
      " it. Dirty the pages before releasing them, or drop FOLL_WRITE if nothing writes.")
CHECK(config_disagreement, "config-disagreement", SEV_WARNING,
      "Configurations that compile one acquire site judge it differently",
      "In a scan of several configurations (gupcheck scan TREE --build DIR ...), every"
      " configuration that compiles the site decides its verdict and runs the checks on its"
      " own facts, and they disagree: what the pages become, or which checks report the site,"
      " depends on the ARCH or the Kconfig choices (a release, a field or a helper exists in"
      " one configuration only). The conversion must be right in all of them: read the site"
      " in each configuration named, and make the code agree.")
