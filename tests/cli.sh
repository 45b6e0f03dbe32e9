# Command-line behaviour: exit statuses, one-line errors naming the file, degraded trees, schema versions.
# Sourced by tests/run, which provides ok, ko, check, fixtures_db, $GUPCHECK and $TMP.
# (The killed-scan test needs a scan that lasts seconds: it is in linux.sh.)

mkdir -p "$TMP/notatree"
echo 'int x;' >"$TMP/notatree/a.c"
check "cli: a folder that is not a kernel tree: exit 2, names it" \
	exits 2 "$TMP/notatree: not a kernel tree" "$GUPCHECK" scan "$TMP/notatree" -o "$TMP/x.db"
check "cli: a missing folder: exit 2" exits 2 "$TMP/nowhere: no such directory" "$GUPCHECK" scan "$TMP/nowhere"
check "cli: no database written for a bad tree" test ! -e "$TMP/x.db"
check "cli: unknown command: exit 2" exits 2 "" "$GUPCHECK" frobnicate
check "cli: scan without a tree: exit 2" exits 2 "usage: gupcheck scan" "$GUPCHECK" scan
check "cli: bad -j: exit 2" exits 2 "positive number" "$GUPCHECK" scan tests/tree -j 0
check "cli: facts of a missing database: exit 2" exits 2 "$TMP/none.db: no such database" "$GUPCHECK" facts "$TMP/none.db"

# A database of another schema version is refused with what to do.
sqlite3 "$TMP/old.db" 'PRAGMA user_version = 999; CREATE TABLE t(x);'
check "cli: other schema version refused" exits 2 "schema version 999.*gupcheck scan" "$GUPCHECK" facts "$TMP/old.db"

# An unconfigured tree: degraded but complete census, with the way to configure it.
cp -r tests/tree "$TMP/unconf" && rm -rf "$TMP/unconf/include/generated"
check "cli: unconfigured tree: warns, says how to configure, exit 0" \
	exits 0 "not fully configured.*allmodconfig prepare" "$GUPCHECK" scan "$TMP/unconf" -o "$TMP/unconf.db"
# Without a configuration no Makefile condition can be decided and nothing is parsed cleanly,
# yet every call of the configured census is still listed (same positions).
fixtures_db
census() { sqlite3 "$1" "SELECT path || ':' || line || ':' || col FROM acquire_sites ORDER BY 1"; }
check "cli: unconfigured tree lists the same acquire sites" \
	diff <(census "$TMP/fixtures.db") <(census "$TMP/unconf.db")

# The output folder cannot take the new database: exit 2, the old one stays.
if [ "$(id -u)" -ne 0 ]; then
	mkdir -p "$TMP/ro" && cp "$TMP/fixtures.db" "$TMP/ro/keep.db" && chmod a-w "$TMP/ro"
	check "cli: unwritable output folder: exit 2" exits 2 "" "$GUPCHECK" scan tests/tree -o "$TMP/ro/keep.db"
	chmod u+w "$TMP/ro"
fi
check "cli: the scan summary counts what the fixtures hold" \
	exits 0 "" sh -c "'$GUPCHECK' scan tests/tree -o '$TMP/s.db' | grep -q '65 candidates (11 read for their releases), 64 parsed (0 with errors), 0 failed, 1 of another ARCH, 128 acquire sites (4 not compiled), 143 release sites, 17 field stores, 73 findings'"

# gupcheck plan: findings make exit status 1; a tree is scanned first, to the same plan.
check "cli: plan with findings: exit 1" exits 1 "" "$GUPCHECK" plan "$TMP/fixtures.db"
check "cli: plan of the tree equals plan of its database" \
	diff <("$GUPCHECK" plan "$TMP/fixtures.db") <("$GUPCHECK" plan tests/tree)
check "cli: plan of a missing database: exit 2" exits 2 "$TMP/none.db: no such database" \
	"$GUPCHECK" plan "$TMP/none.db"
check "cli: plan --api=bogus: exit 2" exits 2 "--api=bogus" "$GUPCHECK" plan "$TMP/fixtures.db" --api=bogus
check "cli: plan --format=xml: exit 2" exits 2 "--format=xml" "$GUPCHECK" plan "$TMP/fixtures.db" --format=xml

# JSON: one valid object per acquire site (73 in the fixtures), with the documented fields.
"$GUPCHECK" plan "$TMP/fixtures.db" --format=json >"$TMP/plan.json"
json() { # json EXPR: EXPR over every line of the plan, as sqlite's json functions see it
	sed "s/'/''/g; s/^/SELECT /; s/\$/ AS j;/" "$TMP/plan.json" | sed "s/^SELECT \(.*\) AS j;\$/SELECT $1 FROM (SELECT '\1' AS j);/" | sqlite3
}
check "cli: plan JSON: 128 lines, each a valid object" \
	test "$(json 'json_valid(j)' | sort | uniq -c | sed 's/^ *//')" = "128 1"
fields=
for k in path function line api flags verdict target_api longterm_add releases findings evidence callers; do
	fields="$fields + (json_type(j, '\$.$k') IS NOT NULL)"
done
check "cli: plan JSON: every documented field on every line" \
	test "$(json "0 $fields" | sort | uniq -c | sed 's/^ *//')" = "128 12"
# reg.c: a long-term pin to add, two releases (reg.c, dereg.c), one finding.  Sites come in path
# order: arch/mips 1, gupbio/fill.c 10, gupcall/ 3, gupfix/a.c 5, b.c 4, off.c 1, gupflags/ 3, gupiter/ 4, gupops/core.c 1,
# embed.c 2, endio.c 1, mem_sg.c 1, gupout/outparam.c 3, ownref.c 1, gupplan/anon.c 1, bugs.c 8,
# cache.c 3, helper.c, inspect.c 5, notifier.c, notifier_kept.c 3, ops.c, opsreg.c 1, probe.c,
# so reg.c's is the 98th (gupcall/ 5 and guppath/ 30, older.c's 12 and dirty.c's 8 among
# them, before it).
check "cli: plan JSON: the registration site of reg.c" \
	test "$(json "json_extract(j, '\$.verdict') || ' ' || json_extract(j, '\$.target_api') || ' ' || json_extract(j, '\$.longterm_add') || ' ' || json_array_length(j, '\$.releases') || ' ' || json_extract(j, '\$.findings[0]')" | sed -n 98p)" = "longterm-pin pin_user_pages_fast 1 2 longterm-missing"
# The fixture tree pins (v6.1) and has no put_user_page(): that dialect would not build there.
check "cli: plan --api=put_user_page on a tree with pins and no put_user_page(): exit 2" \
	exits 2 "$TMP/fixtures.db: --api=put_user_page: the tree has pin_user_pages() but no put_user_page()" \
	"$GUPCHECK" plan "$TMP/fixtures.db" --api=put_user_page
# A v5.2-v5.5 tree (put_user_page(), no pin_user_pages()): the acquire stays and put_page()
# becomes put_user_page().
cp -r tests/tree "$TMP/v54"
sed -i 's/pin_user_pages/pin_user_pagez/g' "$TMP/v54/include/linux/mm.h"
printf 'void put_user_page(struct page *page);\nvoid put_user_pages(struct page **pages, unsigned long npages);\n' \
	>>"$TMP/v54/include/linux/mm.h"
"$GUPCHECK" scan "$TMP/v54" -o "$TMP/v54.db" >/dev/null 2>&1
check "cli: plan of a v5.2-v5.5 tree keeps get_user_pages_fast and converts put_page" \
	sh -c "'$GUPCHECK' plan '$TMP/v54.db' | grep -q '^# gupcheck plan: .* api put_user_page,' &&
	       '$GUPCHECK' plan '$TMP/v54.db' | grep -q 'reg.c:13:8: site: get_user_pages_fast() in plan_region_register: longterm-pin -> get_user_pages_fast + FOLL_LONGTERM' &&
	       '$GUPCHECK' plan '$TMP/v54.db' | grep -q 'reg.c:13:8: release: drivers/gupplan/dereg.c:11:3: put_page() in plan_region_destroy -> put_user_page via'"
# linux-6.1 with kernel-patches/linux-6.1 (tests/ktree): put_user_page*() releases pins, so that
# dialect pins the acquire and releases with put_user_page*(); auto stays pin + unpin.
"$GUPCHECK" scan tests/ktree -o "$TMP/ktree.db" >/dev/null 2>&1
check "cli: plan --api=put_user_page on the patched tree: pin_user_pages + put_user_page" \
	sh -c "'$GUPCHECK' plan '$TMP/ktree.db' --api=put_user_page >'$TMP/kplan'; test \$? = 1 &&
	       grep -q '^# gupcheck plan: .* api pin+put_user_page,' '$TMP/kplan' &&
	       grep -q 'pins.c:41:6: site: get_user_pages_fast() in k_poke: pin -> pin_user_pages_fast \[case 5\]' '$TMP/kplan' &&
	       grep -q 'pins.c:41:6: release: drivers/gupk/pins.c:46:2: put_page() in k_poke -> put_user_page$' '$TMP/kplan' &&
	       grep -q 'pins.c:26:6: release: drivers/gupk/pins.c:31:2: put_user_page() in k_peek -> put_user_page$' '$TMP/kplan'"
check "cli: plan of the patched tree, auto: pin + unpin" \
	sh -c "'$GUPCHECK' plan '$TMP/ktree.db' | grep -q '^# gupcheck plan: .* api pin,' &&
	       '$GUPCHECK' plan '$TMP/ktree.db' | grep -q 'pins.c:41:6: release: drivers/gupk/pins.c:46:2: put_page() in k_poke -> unpin_user_page$'"

# --checks=A,B keeps only those checks, --no-checks=A,B drops them (applied in order), on a
# database (the findings printed, and the exit status) and on a tree (the checks the scan runs).
findings() { grep -E '^[^ ]+: (error|warning): '; }
all_checks=$(sed -n 's/^CHECK([a-z_]*, "\([a-z-]*\)".*/\1/p' checker/check_list.h | paste -sd, -)
foll_pin_of_tree() { # the fixtures' expected foll-pin lines, and exit 1
	local want n
	want=$(grep -rhE --include='*.[ch]' ': (error|warning): .*\[foll-pin\]$' tests/tree | sort)
	n=$(printf '%s\n' "$want" | wc -l)
	"$GUPCHECK" plan tests/tree --checks=foll-pin >"$TMP/fp"
	[ $? = 1 ] || { echo "exit status not 1"; return 1; }
	grep -q "^# gupcheck plan: .*, $n findings\$" "$TMP/fp" || { head -1 "$TMP/fp"; return 1; }
	diff <(printf '%s\n' "$want") <(findings <"$TMP/fp")
}
check "cli: plan --checks=foll-pin of the tree: exactly the fixtures' foll-pin findings, exit 1" \
	foll_pin_of_tree
check "cli: plan --checks=foll-pin of the database equals that of the tree" \
	diff <("$GUPCHECK" plan "$TMP/fixtures.db" --checks=foll-pin) <("$GUPCHECK" plan tests/tree --checks=foll-pin)
each_check_alone() { # the findings of --checks=C are the full plan's findings of C, for every C
	local c
	"$GUPCHECK" plan "$TMP/fixtures.db" | findings >"$TMP/allf"
	for c in ${all_checks//,/ }; do
		diff <("$GUPCHECK" plan "$TMP/fixtures.db" --checks="$c" | findings) \
		     <(grep -F " [$c]" "$TMP/allf") || { echo "check $c"; return 1; }
	done
}
check "cli: plan --checks=C, for every check C, prints the plan's findings of C and no other" \
	each_check_alone
no_checks_at_all() { # the plan without its finding lines, 0 findings, exit 0
	"$GUPCHECK" plan "$TMP/fixtures.db" --no-checks="$all_checks" >"$TMP/nf"
	[ $? = 0 ] || { echo "exit status not 0"; return 1; }
	grep -q '^# gupcheck plan: .*, 0 findings$' "$TMP/nf" || { head -1 "$TMP/nf"; return 1; }
	diff <("$GUPCHECK" plan "$TMP/fixtures.db" | sed 1d | grep -vE '^[^ ]+: (error|warning): ') \
	     <(sed 1d "$TMP/nf")
}
check "cli: plan --no-checks= of every check: the sites alone, 0 findings, exit 0" no_checks_at_all
check "cli: --checks=A,B --no-checks=B is --checks=A" \
	diff <("$GUPCHECK" plan "$TMP/fixtures.db" --checks=foll-pin,unreleased --no-checks=unreleased) \
	     <("$GUPCHECK" plan "$TMP/fixtures.db" --checks=foll-pin)
check "cli: plan JSON --checks=unreleased: the findings arrays hold unreleased only" \
	sh -c "'$GUPCHECK' plan '$TMP/fixtures.db' --format=json --checks=unreleased |
	       grep -o '\"findings\":\[[^]]*\]' | sort | uniq -c | tr -s ' ' >'$TMP/jf';
	       grep -qx ' 2 \"findings\":\[\"unreleased\"\]' '$TMP/jf' && test \$(wc -l <'$TMP/jf') = 2"
# gupcheck cc has no walk of its own: ring 3 still searches the tree for the callers of the
# wrappers (wrap_get_pages() in user/wrapuser.c, wrap_get_excl() in user/wrapmirror.c; the
# caller of wrap_keep_pages(), which is no wrapper, is not read).
check "cli: cc of a wrapper's file reads its callers as ring 3" \
	test "$(g=$(realpath "$GUPCHECK"); cd tests/tree && "$g" cc --db "$TMP/cc-wrap.db" -Iinclude \
		drivers/gupwrap/api/wrapapi.c >/dev/null 2>&1;
		sqlite3 "$TMP/cc-wrap.db" "SELECT group_concat(path, ' ') FROM
		(SELECT path FROM files WHERE ring = 3 ORDER BY path)")" = \
	"drivers/gupwrap/user/wrapmirror.c drivers/gupwrap/user/wrapuser.c"
check "cli: scan --checks=foll-pin stores the foll-pin finding only" \
	sh -c "'$GUPCHECK' scan tests/tree -o '$TMP/fp.db' --checks=foll-pin >/dev/null &&
	       test \"\$(sqlite3 '$TMP/fp.db' 'SELECT check_name, count(*) FROM findings GROUP BY 1')\" = 'foll-pin|1'"
check "cli: plan --checks=bogus: one line naming it, exit 2" \
	exits 2 "unknown check 'bogus'" "$GUPCHECK" plan "$TMP/fixtures.db" --checks=foll-pin,bogus
check "cli: scan --no-checks=bogus: one line naming it, exit 2" \
	exits 2 "unknown check 'bogus'" "$GUPCHECK" scan tests/tree -o "$TMP/bogus.db" --no-checks=bogus

# gupcheck end-io: an unbalanced completion (six in the fixtures) makes exit status 1; a tree is
# scanned first, to the same report; usage errors exit 2.
check "cli: end-io with unbalanced completions: exit 1" exits 1 "" "$GUPCHECK" end-io "$TMP/fixtures.db"
check "cli: end-io of the tree equals end-io of its database" \
	diff <("$GUPCHECK" end-io "$TMP/fixtures.db") <("$GUPCHECK" end-io tests/tree)
check "cli: end-io of a missing database: exit 2" exits 2 "$TMP/none.db: no such database" \
	"$GUPCHECK" end-io "$TMP/none.db"
check "cli: end-io without an argument: exit 2" exits 2 "usage: gupcheck end-io" "$GUPCHECK" end-io

# gupcheck convert: on the fixture tree, one patch each for drivers/gupflags/api (a wrapper whose
# callers pass its flags: one keeps the pages without FOLL_LONGTERM), drivers/gupiter,
# drivers/gupops, drivers/gupout (a long-term pin whose pages a helper puts into the object's sg
# table), drivers/gupplan, drivers/gupreach (a pipe buffer that takes over GUP's references),
# drivers/gupring and drivers/gupwrap/api (wrappers whose pages meet their releases in a caller's
# file); applied to a copy, the proved rewrites are in place and the rest is as it was.
cp -r tests/tree "$TMP/conv"
check "cli: convert --apply writes ten patches and applies them" \
	exits 0 "" "$GUPCHECK" convert "$TMP/conv" --db "$TMP/fixtures.db" -o "$TMP/series" \
	--signoff 'T <t@example.org>' --apply
# The tenth: guppath/, whose older.c and dirty.c reference sites become pins.
check "cli: convert: a series file naming ten patches" test "$(wc -l <"$TMP/series/series")" = 10
# gupcall/reg.c: gc_get_pages() takes a flags parameter, FOLL_LONGTERM at gc_reg_register()'s
# call only (the one that keeps the pages), 0 at the three one-copy calls; taken.c's helper has
# its address taken and export.c's is exported: both stay, with their reasons.
check "cli: convert: the helper ORs its new flags parameter into its pin" \
	grep -q 'return pin_user_pages_fast(addr, n, FOLL_WRITE | gup_flags, pages);' \
	"$TMP/conv/drivers/gupcall/reg.c"
check "cli: convert: the keeping call passes FOLL_LONGTERM, the three others 0" \
	sh -c "grep -c 'gc_get_pages(addr, r->n, r->pages, FOLL_LONGTERM)' '$TMP/conv/drivers/gupcall/reg.c' | grep -qx 1 &&
	       grep -c 'gc_get_pages(addr, [12], pages, 0)' '$TMP/conv/drivers/gupcall/reg.c' | grep -qx 3"
check "cli: convert: a helper whose address is taken stays" \
	sh -c "cmp tests/tree/drivers/gupcall/taken.c '$TMP/conv/drivers/gupcall/taken.c' &&
	       grep -q 'taken.c:13:9: .*not every caller is in view' '$TMP/series/stays.txt'"
check "cli: convert: an exported helper stays: modules outside the tree call it" \
	sh -c "cmp tests/tree/drivers/gupcall/export.c '$TMP/conv/drivers/gupcall/export.c' &&
	       grep -q 'export.c:14:9: .*the helper is exported' '$TMP/series/stays.txt'"
check "cli: convert: the pin whose pages a helper stores in the object is long-term" \
	grep -q 'pin_user_pages_fast(addr, n, FOLL_WRITE | FOLL_LONGTERM,' "$TMP/conv/drivers/gupout/outparam.c"
# gupring/acq.c is long-term through ring 2's second round; put.c, read in its third, unpins.
check "cli: convert: gupring/acq.c pins with FOLL_LONGTERM" \
	grep -q 'int got = pin_user_pages_fast(addr, n, FOLL_WRITE | FOLL_LONGTERM,$' \
	"$TMP/conv/drivers/gupring/acq.c"
check "cli: convert: gupring/put.c, which names no acquire, unpins" \
	grep -q 'unpin_user_pages(pages, n);' "$TMP/conv/drivers/gupring/put.c"
# wrap_get_one() hands its page to user/wrapuser.c, which gives it back to wrap_put_one().
check "cli: convert: the release a wrapper's caller reaches follows the wrapper's pin" \
	grep -q '^	unpin_user_page(page);' "$TMP/conv/drivers/gupwrap/api/wrapapi.c"
# reg.c is a long-term registration: pin + FOLL_LONGTERM, its releases in reg.c and dereg.c unpin.
check "cli: convert: reg.c pins with FOLL_LONGTERM" \
	grep -q 'got = pin_user_pages_fast(addr, n, FOLL_WRITE | FOLL_LONGTERM,' "$TMP/conv/drivers/gupplan/reg.c"
check "cli: convert: dereg.c, which names no GUP function, unpins" \
	grep -q 'unpin_user_page(r->pages\[i\]);' "$TMP/conv/drivers/gupplan/dereg.c"
check "cli: convert: the helper's release follows its caller's pin" \
	grep -q 'unpin_user_page(pages\[i\]);' "$TMP/conv/drivers/gupplan/helper.c"
# ops.c's pages reach ops->put_page(), which gupcheck cannot see: no pin may be taken there;
# notifier.c stays a reference; the bios' pages reach submit_bio(): unchanged too.
check "cli: convert: gupbio/ is unchanged" \
	diff -r tests/tree/drivers/gupbio "$TMP/conv/drivers/gupbio" -x '*.got'
check "cli: convert: ops.c unchanged" cmp tests/tree/drivers/gupplan/ops.c "$TMP/conv/drivers/gupplan/ops.c"
check "cli: convert: notifier.c unchanged" \
	cmp tests/tree/drivers/gupplan/notifier.c "$TMP/conv/drivers/gupplan/notifier.c"
# The database no longer matches the converted tree: refused, nothing changes.
sum=$(cat "$TMP"/conv/drivers/gupplan/*.c | sha1sum)
check "cli: convert with a database older than the tree: exit 2" \
	exits 2 "changed since the scan" "$GUPCHECK" convert "$TMP/conv" --db "$TMP/fixtures.db" \
	-o "$TMP/series2" --signoff 'T <t@example.org>' --apply
check "cli: convert: a refused --apply changes nothing" \
	test "$(cat "$TMP"/conv/drivers/gupplan/*.c | sha1sum)" = "$sum"
check "cli: the converted tree's plan: the helper's site has no longterm-missing" \
	sh -c "'$GUPCHECK' plan '$TMP/conv' >'$TMP/convplan.txt'; grep -q 'gupcall/reg.c:14:9: site:' '$TMP/convplan.txt' &&
	       ! grep -q 'gupcall/reg.c:.*longterm-missing' '$TMP/convplan.txt'"
# Scanned again, the converted tree has nothing left to convert there.
check "cli: convert of the converted tree: no patch" \
	sh -c "'$GUPCHECK' convert '$TMP/conv' -o '$TMP/series3' --signoff 'T <t@example.org>' | grep -q 'convert: 0 patches'"
check "cli: convert of a missing folder: exit 2" exits 2 "no such directory" \
	"$GUPCHECK" convert "$TMP/nowhere" -o "$TMP/x" --signoff 'T <t@example.org>'

# A v5.2-v5.5 tree (put_user_page dialect): no rename; FOLL_LONGTERM on the registration; its
# releases become put_user_page*().
cp -r "$TMP/v54" "$TMP/conv5"
check "cli: convert --api=put_user_page --apply" \
	exits 0 "" "$GUPCHECK" convert "$TMP/conv5" --db "$TMP/v54.db" -o "$TMP/series5" \
	--signoff 'T <t@example.org>' --api=put_user_page --apply
check "cli: convert --api=put_user_page: reg.c keeps get_user_pages_fast, adds FOLL_LONGTERM" \
	grep -q 'got = get_user_pages_fast(addr, n, FOLL_WRITE | FOLL_LONGTERM,' "$TMP/conv5/drivers/gupplan/reg.c"
check "cli: convert --api=put_user_page: releases become put_user_page*()" \
	sh -c "grep -q 'put_user_pages(r->pages, got);' '$TMP/conv5/drivers/gupplan/reg.c' &&
	       grep -q 'put_user_page(r->pages\[i\]);' '$TMP/conv5/drivers/gupplan/dereg.c'"
check "cli: convert --api=put_user_page on a tree with pins and no put_user_page(): exit 2" \
	exits 2 "--api=put_user_page: the tree has pin_user_pages() but no put_user_page()" \
	"$GUPCHECK" convert tests/tree --db "$TMP/fixtures.db" -o "$TMP/series6" \
	--signoff 'T <t@example.org>' --api=put_user_page
# The patched tree in the put_user_page dialect: k_poke and k_peek pin, k_poke's put_page()
# becomes put_user_page(), k_peek's put_user_page() now balances; scanned again, the wrong
# release is gone and nothing is left to convert.
cp -rL tests/ktree "$TMP/kconv"
check "cli: convert --api=put_user_page on the patched tree --apply" \
	exits 0 "" "$GUPCHECK" convert "$TMP/kconv" -o "$TMP/kseries" \
	--signoff 'T <t@example.org>' --api=put_user_page --apply
check "cli: convert --api=put_user_page on the patched tree: pins, put_user_page()" \
	sh -c "grep -q 'if (pin_user_pages_fast(addr, 1, 0, &page) != 1)' '$TMP/kconv/drivers/gupk/pins.c' &&
	       grep -q 'if (pin_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)' '$TMP/kconv/drivers/gupk/pins.c' &&
	       test \$(grep -c 'put_user_page(page);' '$TMP/kconv/drivers/gupk/pins.c') = 2 &&
	       ! grep -q 'put_page(page)' '$TMP/kconv/drivers/gupk/pins.c'"
check "cli: convert: the release loop after its count's test collapses, dirtying under the lock" \
	sh -c "grep -q '^	put_user_pages_dirty_lock(pages, got, dirty);' '$TMP/kconv/drivers/gupk/loop.c' &&
	       ! grep -q 'set_page_dirty(pages\\[i\\]);' '$TMP/kconv/drivers/gupk/loop.c' &&
	       cat '$TMP/kseries/0001-'*.patch | tr '\n' ' ' | tr -s ' ' |
	       grep -q 'in k_write_back() and the loop around it become put_user_pages_dirty_lock(pages, got, dirty);'"
# Convert adds no dirtying: k_poke()'s FOLL_WRITE page written through kmap_local_page() and
# bio.c's DMA pages released by bio_release_pages(bio, false) keep their dirty-missing.
check "cli: the converted patched tree: no finding but dirty-missing, nothing to convert" \
	sh -c "'$GUPCHECK' plan '$TMP/kconv' | grep -q ' 2 findings\$' &&
	       test \$('$GUPCHECK' plan '$TMP/kconv' | grep -c ': warning: .*\[dirty-missing\]\$') = 2 &&
	       '$GUPCHECK' convert '$TMP/kconv' -o '$TMP/kseries2' --signoff 'T <t@example.org>' --api=put_user_page | grep -q 'convert: 0 patches'"
# A v6.3 tree (tests/xtree): iov_iter_get_pages*() sites whose releases are in the function
# that extracts become iov_iter_extract_pages() with releases under iov_iter_extract_will_pin();
# a bio completion that pinned and allocated pages reach through different assignments is
# split; the others stay, each with its reason in stays.txt.  Expected: tests/xtree/*.diff and
# stays.txt, from the code.
cp -rL tests/xtree "$TMP/xconv"
"$GUPCHECK" scan "$TMP/xconv" -o "$TMP/xtree.db" >/dev/null 2>&1
check "cli: convert of a tree with iov_iter_extract_pages() --apply" \
	exits 0 "" "$GUPCHECK" convert "$TMP/xconv" --db "$TMP/xtree.db" -o "$TMP/xseries" \
	--signoff 'T <t@example.org>' --apply
check "cli: convert: two patches, three sites, two stay" \
	grep -q '^gupcheck: convert: 2 patches, 3 sites -> .*; 2 pin sites stay: ' "$TMP/out"
check "cli: convert: the extraction patch's subject" \
	grep -q '^Subject: \[PATCH 2/2\] gupx: convert iov_iter_get_pages\*() --> iov_iter_extract_pages()$' \
	"$TMP/xseries/0002-gupx-convert-iov_iter_get_pages-to-iov_iter_extract_pages.patch"
for f in gupx/extract gupsplit/split; do
	check "cli: convert: drivers/$f.c changes as tests/xtree/$(basename $f).diff says" \
		sh -c "diff -u --label a/drivers/$f.c --label b/drivers/$f.c \
		       tests/xtree/drivers/$f.c '$TMP/xconv/drivers/$f.c' |
		       diff -u tests/xtree/$(basename $f).diff -"
	check "cli: convert: the converted drivers/$f.c compiles (gcc -Wall -Werror)" \
		gcc -fsyntax-only -Wall -Werror -Wdeclaration-after-statement -I "$TMP/xconv/include" \
		-include linux/kconfig.h -include linux/compiler_types.h "$TMP/xconv/drivers/$f.c"
done
check "cli: convert: the split's commit message names both variants" \
	sh -c "cat '$TMP/xseries/0001-gupsplit-convert-get_user_pages-to-pin_user_pages.patch' | tr '\n' ' ' |
	       tr -s ' ' | grep -q 'it is split into sp_end_io_gup() for the bios set at drivers/gupsplit/split.c:28 and sp_end_io_normal() for the others'"
check "cli: convert: the sites that stay, and why" diff -u tests/xtree/stays.txt "$TMP/xseries/stays.txt"
check "cli: convert of the tree without iov_iter_extract_pages(): its iov_iter site stays, and why" \
	grep -q '^drivers/gupfix/b.c:38:2: iov_iter_get_pages2() in stores(): pin, not converted: this tree has no iov_iter_extract_pages()$' \
	"$TMP/series/stays.txt"
check "cli: convert: a bio that may hold user and page-cache pages is not split" \
	grep -q '^drivers/gupbio/fill.c:23:6: get_user_pages_fast() in plan_bio_mixed(): pin, not converted: other pages get its bio completion at the same assignment, so one bio may hold both: no split separates them$' \
	"$TMP/series/stays.txt"

# Shell metacharacters in every path convert gives a child process (issue 12): the tree copy,
# the output folder and a converted file's name hold a space, ', $, ; and shell payloads that
# would create a canary file if any of them reached a shell.  convert --apply must convert as
# it does tests/xtree, and create nothing outside its output folder.
meta=$TMP/meta
# (An even number of ' in each path, so that a shell would not refuse the command but run the
# payloads between them.)
evil="a b'c\$d;e'f/x';cd \$CANARY_DIR;touch CANARY;'y/\$(cd \$CANARY_DIR;touch CANARY2)"
mtree="$meta/$evil/tree"
mout_rel="$evil/out a b'c\$d;e'f"
mkdir -p "$meta/canary" "$meta/$evil"
cp -rL tests/xtree "$mtree"
mv "$mtree/drivers/gupx/extract.c" "$mtree/drivers/gupx/ex'tract.c"
sed -i "s/^gupx-y := extract\.o\$/gupx-y := ex'tract.o/" "$mtree/drivers/gupx/Makefile"
(cd "$meta" && find . | sort) >"$TMP/meta.before"
check "cli: convert --apply of a tree whose paths hold a space, ', \$ and ;" \
	exits 0 "" env CANARY_DIR="$meta/canary" "$GUPCHECK" convert "$mtree" -o "$meta/$mout_rel" \
	--signoff 'T <t@example.org>' --apply
check "cli: convert of the metacharacter tree: two patches, three sites" \
	grep -q '^gupcheck: convert: 2 patches, 3 sites -> ' "$TMP/out"
check "cli: convert of the metacharacter tree: the series names the file with a ' in its name" \
	sh -c 'test "$(wc -l <"$1/series")" = 2 &&
	       (cd "$1" && cat $(cat series)) | grep -qxF "diff --git a/$2 b/$2"' \
	sh "$meta/$mout_rel" "drivers/gupx/ex'tract.c"
check "cli: convert --apply of the metacharacter tree: the file with a ' changes as extract.diff says" \
	sh -c 'diff -u --label a/drivers/gupx/extract.c --label b/drivers/gupx/extract.c \
	       tests/xtree/drivers/gupx/extract.c "$1" | diff -u tests/xtree/extract.diff -' \
	sh "$mtree/drivers/gupx/ex'tract.c"
check "cli: convert of the metacharacter tree: no payload ran (no canary file)" \
	sh -c 'test -z "$(find "$1" -name "CANARY*")" && ! ls ./CANARY* "$HOME"/CANARY* 2>/dev/null' \
	sh "$meta"
check "cli: convert of the metacharacter tree: nothing created outside the output folder" \
	diff "$TMP/meta.before" <(cd "$meta" && find . | sort | grep -vF "./$mout_rel")

# gupcheck cfg: the graph of leak_partial() in tests/tree/drivers/guppath/leak.c, read from
# the fixture: the test of the acquire's result at line 19 branches to the error arm (line 19's
# block) and the else; the label out at line 25 is an exit; the one leaking path goes
# 13 (entry), 19 (the error arm), 25 (out:).
"$GUPCHECK" cfg tests/tree drivers/guppath/leak.c leak_partial >"$TMP/cfg.txt" 2>&1
check "cli: cfg: the if on the acquire's result, with its condition" \
	grep -qx 'B0 line 13 -> B1 B2 if ret != n' "$TMP/cfg.txt"
check "cli: cfg: the acquire, then its result assigned" \
	sh -c 'grep -A1 "acquire @18:8" "$1" | grep -q "assign ret @18:8 (acquire)"' sh "$TMP/cfg.txt"
check "cli: cfg: the goto label is an exit block" grep -q 'line 25 label out exit' "$TMP/cfg.txt"
check "cli: cfg: the leaking path, by lines, its exit the return at 27" grep -qx 'path 18:8 leak at 27 x1: 13,19,25' \
	"$TMP/cfg.txt"
"$GUPCHECK" cfg tests/tree drivers/guppath/leak.c fixed_step >"$TMP/cfg2.txt" 2>&1
check "cli: cfg: unlikely() seen through; the correlated test at the label leaves no leak" \
	sh -c 'grep -q "if !!got < 0" "$1" && ! grep -q " leak " "$1"' sh "$TMP/cfg2.txt"
check "cli: cfg: an unknown function is refused (exit 2)" \
	sh -c '"$1" cfg tests/tree drivers/guppath/leak.c no_such_fn 2>/dev/null; test $? = 2' \
	sh "$GUPCHECK"
