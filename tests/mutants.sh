# The seeded-bug run's mechanics (tests/mutants) on the fixture tree: one call rewritten per file,
# the original untouched, a mutant the checks catch and one they miss, bad input refused.
# Sourced by tests/run, which provides ok, ko, check, exits, $GUPCHECK and $TMP; everything
# the tests make stays in $TMP/mutants.
M=$TMP/mutants
mkdir -p "$M"
export GUPCHECK
picks=(--pick 'unpin_user_pages->release_pages@drivers/gupplan/anon.c:20'
	--pick 'pin->get@drivers/gupiter/iter.c:55'
	--pick 'unpin->put_page@drivers/gupreach/pipe.c:52'
	--pick 'longterm-drop@drivers/gupring/vec.c:13')
files=(drivers/gupplan/anon.c drivers/gupiter/iter.c drivers/gupreach/pipe.c drivers/gupring/vec.c)
for f in "${files[@]}"; do sha256sum "tests/tree/$f"; done >"$M/before"
tests/mutants tests/tree --work "$M/w" --keep "${picks[@]}" >"$M/out" 2>"$M/err"
check "mutants: a run of four picked mutants completes" test $? -eq 0 -a ! -s "$M/err"

# Each mutant is the one call's name (or flag) rewritten at its line, in a file of its own.
cat >"$M/want.diff" <<'EOF'
drivers/gupiter/iter.c:55
< 	int got = pin_user_pages_fast(addr, n, FOLL_WRITE, pages);
> 	int got = get_user_pages_fast(addr, n, FOLL_WRITE, pages);
drivers/gupplan/anon.c:20
< 	unpin_user_pages(o->pages, o->n);
> 	release_pages(o->pages, o->n);
drivers/gupreach/pipe.c:52
< 	unpin_user_page(page);
> 	put_page(page);
drivers/gupring/vec.c:13
< 	int ret = pin_user_pages_fast(start, n, FOLL_WRITE | FOLL_LONGTERM,
> 	int ret = pin_user_pages_fast(start, n, FOLL_WRITE,
EOF
diff -rq tests/tree "$M/w/tree" | sed 's|^Files tests/tree/\([^ ]*\) and .* differ$|\1|' | sort |
	while read -r f; do
		[ -f "tests/tree/$f" ] || { echo "$f"; continue; }
		diff "tests/tree/$f" "$M/w/tree/$f" | sed -e "s|^\([0-9]*\)c[0-9]*\$|$f:\1|" -e '/^---$/d'
	done >"$M/got.diff"
check "mutants: one call rewritten in each mutated file, nothing else in the copy" \
	diff -u "$M/want.diff" "$M/got.diff"
check "mutants: the original tree's files keep their content" sha256sum --quiet -c "$M/before"
check "mutants: the copy's mutated file is a new file, not the original's link" \
	test "$(stat -c %i tests/tree/drivers/gupplan/anon.c)" != \
	"$(stat -c %i "$M/w/tree/drivers/gupplan/anon.c")"
check "mutants: the copy's other files are the original's links" \
	test "$(stat -c %i tests/tree/drivers/gupplan/bugs.c)" = \
	"$(stat -c %i "$M/w/tree/drivers/gupplan/bugs.c")"
# The four files, and include/media/gupvec.h, which ring 2 parses through its includer vec.c.
check "mutants: the mutated copy re-parses only the mutated files" \
	grep -q ', 5 parsed now, 60 from the cache, ' "$M/out"

# Caught: release_pages() and put_page() of pins, and get_user_pages_fast() pages released by
# unpin_user_page() in iter_pin_done(): wrong-release in the function of the release.  Missed:
# vec_get()'s pins kept in gupvec.ptrs are released by vec_put(), which frees no holder (no
# teardown), so without the written FOLL_LONGTERM nothing says they are long-term: the mutated
# copy's plan has the site as a plain pin, as written.
cat >"$M/want" <<'EOF'
pin->get                        drivers/gupiter/iter.c:55 iter_pin_user: caught: wrong-release at drivers/gupiter/iter.c:69 in iter_pin_done
unpin_user_pages->release_pages drivers/gupplan/anon.c:20 plan_anon_drop: caught: wrong-release at drivers/gupplan/anon.c:20 in plan_anon_drop
unpin->put_page                 drivers/gupreach/pipe.c:52 pipe_from_user: caught: wrong-release at drivers/gupreach/pipe.c:52 in pipe_from_user
longterm-drop                   drivers/gupring/vec.c:13 vec_get: MISSED: plan after: drivers/gupring/vec.c:13 pin [as written]: already a pin; pages kept in field struct gupvec.ptrs; releases: vec.c:24 unpin_user_pages()
mutants: 0 new findings outside the mutated functions
mutants: pin->get 1/1 caught (100.0 %)
mutants: unpin->put_page 1/1 caught (100.0 %)
mutants: unpin_user_pages->release_pages 1/1 caught (100.0 %)
mutants: longterm-drop 0/1 caught (0.0 %)
mutants: all 3/4 caught (75.0 %), 0 new findings outside them; target >= 90 % and 0: NOT met
EOF
check "mutants: three caught, the long-term drop missed, per kind and in all" \
	diff -u "$M/want" <(grep -v -e '^mutants: tests/tree' -e '^mutants: [a-z ]*copy: gupcheck: scan' "$M/out")
check "mutants: the header counts the four mutants" \
	grep -q '^mutants: tests/tree: 58 pin sites, [0-9]* candidates, 4 mutants (one a file)$' "$M/out"

# Without --pick, still one mutant per file; without --keep the work folder is removed.
tests/mutants tests/tree --work "$M/all" >"$M/all.out" 2>&1
check "mutants: the whole run completes and removes its work folder" \
	test $? -eq 0 -a ! -e "$M/all"
sed -n 's/^[a-z_>-]\{8,\} *\([^: ]*\):[0-9]* .*/\1/p' "$M/all.out" | sort >"$M/files"
check "mutants: the whole run mutates each file once" \
	test -s "$M/files" -a -z "$(uniq -d "$M/files")"

# Bad input: one line, exit 2, nothing made.
check "mutants: a pick the plan does not offer: exit 2" \
	exits 2 "--pick pin->get@drivers/gupplan/anon.c:20: not a mutant the plan offers" \
	tests/mutants tests/tree --work "$M/bad" --pick 'pin->get@drivers/gupplan/anon.c:20'
check "mutants: a refused pick leaves no work folder" test ! -e "$M/bad"
mkdir -p "$M/taken"
check "mutants: an existing --work folder: exit 2, left alone" \
	exits 2 "$M/taken: File exists" tests/mutants tests/tree --work "$M/taken"
check "mutants: the existing folder is still there" test -d "$M/taken"
check "mutants: not a kernel tree: exit 2" exits 2 "$TMP: not a kernel tree" \
	tests/mutants "$TMP" --work "$M/nt"
