# The dialect suite (issue 14, shape 10): a tree written against v5.2-v5.5's put_user_page*()
# (tests/otree, a miniature v5.4) converted with --api=pin.  Pins' put_user_page*() releases
# become their unpins, references' become put_page() / release_pages(), and a
# put_user_pages_dirty_lock() of references, which has no v5.6+ form, stays and is listed.
# Expected: the release targets below, tests/otree/*.diff and stays.txt, from the fixtures.
cp -rL tests/otree "$TMP/oconv"
"$GUPCHECK" scan "$TMP/oconv" -o "$TMP/otree.db" >/dev/null 2>&1
"$GUPCHECK" plan "$TMP/otree.db" --api=pin >"$TMP/oplan.txt"
cat >"$TMP/oplan.want" <<'WANT'
drivers/gupold/odp.c:16:13: release: drivers/gupold/odp.c:20:2: put_user_page() in odp_fault -> put_page
drivers/gupold/odp.c:16:13: release: drivers/gupold/odp.c:22:3: put_user_pages() in odp_fault -> release_pages if got > 1
drivers/gupold/old.c:10:13: release: drivers/gupold/old.c:18:2: put_user_pages_dirty_lock() in old_copy -> unpin_user_pages_dirty_lock
drivers/gupold/old.c:28:6: release: drivers/gupold/old.c:33:2: put_user_page() in old_one -> unpin_user_page
drivers/gupold/old.c:41:13: release: drivers/gupold/old.c:49:2: put_user_pages_dirty() in old_dirty -> unpin_user_pages_dirty_lock
drivers/gupold/old.c:60:13: release: drivers/gupold/old.c:65:2: put_user_pages() in old_submit -> unpin_user_pages
drivers/gupold/old.c:76:13: release: drivers/gupold/old.c:81:2: put_user_pages_dirty_lock() in old_keep -> unpin_user_pages_dirty_lock
WANT
check "dialect: plan --api=pin: put_user_page*() of pins -> unpin, of references -> put_page()" \
	sh -c "grep ': release: ' '$TMP/oplan.txt' | diff -u '$TMP/oplan.want' -"
check "dialect: plan of the tree's own dialect keeps put_user_page()" \
	sh -c "'$GUPCHECK' plan '$TMP/otree.db' | grep -qx 'drivers/gupold/old.c:28:6: release: drivers/gupold/old.c:33:2: put_user_page() in old_one -> put_user_page'"
# One finding: old_one() writes its FOLL_WRITE page through kmap() and put_user_page()s it
# undirtied; old_dirty()'s two-argument put_user_pages_dirty() dirties.
check "dialect: the v5.4 tree's dialect is put_user_page, and its plan has old_one's dirty-missing only" \
	sh -c "'$GUPCHECK' plan '$TMP/otree.db' | head -1 | grep -q 'api put_user_page, 1 findings' &&
	'$GUPCHECK' plan '$TMP/otree.db' | grep -q '^drivers/gupold/old.c:28:6: warning: .*\\[dirty-missing\\]$'"
check "dialect: convert --api=pin --apply" \
	exits 0 "" "$GUPCHECK" convert "$TMP/oconv" --db "$TMP/otree.db" --api=pin -o "$TMP/oseries" \
	--signoff 'T <t@example.org>' --apply
check "dialect: one patch, three pin sites, two that keep references, two stay" \
	grep -q '^gupcheck: convert: 1 patches, 3 sites (and 2 that stay with their put_user_page\*() releases made put_page() or release_pages()) -> .*; 2 pin sites stay: ' "$TMP/out"
check "dialect: the patch says why odp.c's releases become put_page()" \
	sh -c "tr '\n' ' ' <'$TMP/oseries/0001-gupold-convert-get_user_pages-to-pin_user_pages.patch' |
	       tr -s ' ' | grep -q 'Its release put_user_page() at drivers/gupold/odp.c:20 in odp_fault() becomes put_page(): v5.6+ has no put_user_page\*()'"
for f in old odp; do
	check "dialect: drivers/gupold/$f.c changes as tests/otree/$f.diff says" \
		sh -c "diff -u --label a/drivers/gupold/$f.c --label b/drivers/gupold/$f.c \
		       tests/otree/drivers/gupold/$f.c '$TMP/oconv/drivers/gupold/$f.c' |
		       diff -u tests/otree/$f.diff -"
done
check "dialect: the sites and releases that stay, and why" \
	diff -u tests/otree/stays.txt "$TMP/oseries/stays.txt"
# Against v5.6's mm.h (no put_user_page*()): odp.c builds; old.c fails at old_keep()'s
# put_user_pages_dirty_lock(), the one release stays.txt names, and nowhere else.
mkdir -p "$TMP/v56/include/linux"
cp tests/otree/v5.6-mm.h "$TMP/v56/include/linux/mm.h"
cp tests/otree/include/linux/mmu_notifier.h "$TMP/v56/include/linux/"
v56cc() {
	gcc -fsyntax-only -Wall -Werror -I "$TMP/v56/include" -include "$TMP/oconv/include/linux/compiler_types.h" "$@"
}
check "dialect: the converted odp.c builds against v5.6's mm.h (gcc -Wall -Werror)" \
	v56cc "$TMP/oconv/drivers/gupold/odp.c"
check "dialect: the converted old.c fails against v5.6's mm.h only where stays.txt says" \
	sh -c "$(declare -f v56cc); TMP='$TMP'; v56cc '$TMP/oconv/drivers/gupold/old.c' 2>&1 |
	       grep ': error: ' | cut -d: -f2,5 | sed 's/;.*//' |
	       diff - /dev/fd/3" 3<<'WANT'
81: implicit declaration of function ‘put_user_pages_dirty_lock’
WANT

# Shape 9 (tests/mtree, a miniature linux-6.1 on tests/tree's headers): releases that GUP
# pages and pages of other origins reach.  Expected plan lines in the fixture; convert leaves
# the reference site whose put_page() would become an unpin of an allocated page.
if "$GUPCHECK" scan tests/mtree -o "$TMP/mtree.db" >/dev/null; then
	plan_tree tests/mtree "$TMP/mtree.db"
	check "dialect: mixed-origin: the site whose release other pages reach stays, and why" \
		sh -c "'$GUPCHECK' convert tests/mtree --db '$TMP/mtree.db' -o '$TMP/mseries' \
		       --signoff 'T <t@example.org>' >/dev/null &&
		       grep -qx 'drivers/gupmix/mixed.c:55:12: get_user_pages_fast() in mx_ref(): pin, not converted: a release also releases pages GUP did not take, with no branch or flag between them (mixed-origin): it needs one before the pages can be pinned' '$TMP/mseries/stays.txt'"
else
	ko "dialect: scan tests/mtree"
fi
