# Sourced by tests/run: one source tree in several configurations (issue 17): arches_fixtures on
# the fixture tests/atree and its kbuild O= folders tests/atree-build/x86 and tests/atree-build/foo,
# arches_linux on linux-6.1's clean source in its x86 and powerpc build folders (make tree-arches).
arches_fixtures() {
A=tests/atree
B=tests/atree-build
adb=$TMP/arches.db
"$GUPCHECK" scan "$A" --build "$B/x86" --build "$B/foo" -o "$adb" >"$TMP/arches.out" 2>"$TMP/arches.err"
check "arches: scan with two build folders exits 0" test $? -eq 0
# seven candidates (six .c files and tests/tree's mm.h, whose inline calls GUP): arch/foo and
# arch/bar are another ARCH for x86, arch/bar for foo
check "arches: x86's line: 5 parsed, 2 of another ARCH" \
	grep -qx 'gupcheck: scan: configuration x86: ARCH=x86, x86_64-linux-gnu, 7 files read, 5 parsed (0 with errors), 2 of another ARCH' "$TMP/arches.out"
check "arches: foo's line: its ARCH from .config, 6 parsed, 1 of another ARCH" \
	grep -qx 'gupcheck: scan: configuration foo: ARCH=foo, x86_64-linux-gnu, 7 files read, 6 parsed (0 with errors), 1 of another ARCH' "$TMP/arches.out"
check "arches: the census: 10 acquire sites, 4 not compiled in the census's facts" \
	grep -q ', 10 acquire sites (4 not compiled), .*, 4 findings ->' "$TMP/arches.out"
check "arches: an ARCH kernel.def does not know is one warning naming the folder" \
	sh -c "test \$(wc -l <'$TMP/arches.err') = 1 && grep -q \"tests/atree-build/foo: ARCH=foo is not in gupcheck's table\" '$TMP/arches.err'"
plan_tree "$A" "$adb"
check "arches: the configurations table, in the order given" \
	test "$(sqlite3 "$adb" "SELECT group_concat(name || ':' || arch, ' ') FROM (SELECT * FROM configs ORDER BY rowid)")" = "x86:x86 foo:foo"
# mm.h's and dev.c's two sites in both, foo's own site, dma.c's first call and split_a's in
# foo only, split_b's in x86 only
check "arches: ten (site, configuration) rows" test "$(sqlite3 "$adb" "SELECT count(*) FROM site_configs")" = 10
check "arches: JSON names the configurations of a site" \
	sh -c "'$GUPCHECK' plan '$adb' --format=json | grep '\"line\":13,' | grep -q '\"configs\":\"x86 pin, foo pin\"'"
"$GUPCHECK" plan "$adb" >"$TMP/arches-cold.txt"
"$GUPCHECK" scan "$A" --build "$B/x86" --build "$B/foo" -o "$adb" >"$TMP/arches.out" 2>/dev/null
check "arches: a warm scan takes each configuration's files from the cache" \
	test "$(grep -c ', 0 parsed now, 7 from the cache$' "$TMP/arches.out")" = 2
check "arches: ... and its plan is the cold one" \
	sh -c "'$GUPCHECK' plan '$adb' | diff -u '$TMP/arches-cold.txt' -"
check "arches: a build folder without .config: exit 2, one line" \
	exits 2 "$A: not a kbuild build folder (no .config" "$GUPCHECK" scan "$A" --build "$A" -o "$TMP/a2.db"
check "arches: a build folder that does not exist: exit 2, one line" \
	exits 2 "$TMP/none: no such build folder" "$GUPCHECK" scan "$A" --build "$TMP/none" -o "$TMP/a2.db"
mkdir -p "$TMP/other" && cp -r "$B/x86" "$TMP/other/x86"
check "arches: two build folders named alike: exit 2, one line" \
	exits 2 "a second build folder named x86" "$GUPCHECK" scan "$A" --build "$B/x86" --build "$TMP/other/x86" -o "$TMP/a2.db"
check "arches: a source tree configured in place refuses build folders (as kbuild does)" \
	exits 2 "tests/tree: the source tree is configured in place" "$GUPCHECK" scan tests/tree --build "$B/x86" -o "$TMP/a2.db"
check "arches: ... and nothing was written" test ! -e "$TMP/a2.db"
}

arches_linux() {
	local src=${KSRC:-build/linux-6.1-src} o=${KBUILDS:-build/linux-6.1-o} db=$TMP/arches-linux.db
	if ! "$GUPCHECK" scan "$src" --build "$o/x86" --build "$o/powerpc" -o "$db" >"$TMP/al.out" 2>&1; then
		ko "arches linux: scan $src in x86 and powerpc" "$(tail -3 "$TMP/al.out")"
		return
	fi
	"$GUPCHECK" plan "$db" >"$TMP/al.txt"
	# powerpc's own code: mm_iommu_do_alloc() pins with FOLL_LONGTERM (iommu_api.c:106)
	check "arches linux: powerpc's iommu_api.c pin is compiled there, long-term as written" \
		grep -q '^arch/powerpc/mm/book3s64/iommu_api.c:106:9: site: pin_user_pages() in mm_iommu_do_alloc: longterm-pin .*\[as written\]' "$TMP/al.txt"
	check "arches linux: ... by powerpc only" \
		grep -qx 'arch/powerpc/mm/book3s64/iommu_api.c:106:9: compiled in: powerpc longterm-pin' "$TMP/al.txt"
	# VFIO SPAPR TCE: x86 does not build it; its page leaves as a physical address in *hpa
	check "arches linux: vfio_iommu_spapr_tce.c's pin is judged in powerpc, no finding" \
		grep -qx 'drivers/vfio/vfio_iommu_spapr_tce.c:489:6: compiled in: powerpc pin' "$TMP/al.txt"
	check "arches linux: ... and s390's files stay unknown, saying which ARCHes were tried" \
		grep -q '^arch/s390/kvm/pci.c:285:11: site: .*unknown .*arch/s390 is the ARCH of no configuration (x86, powerpc)' "$TMP/al.txt"
	# the block layer's __bio_iov_iter_get_pages() is built everywhere (powerpc does not build VFIO type1)
	check "arches linux: a generic site is compiled in both, alike" \
		grep -qx 'block/bio.c:1217:9: compiled in: x86 pin, powerpc pin' "$TMP/al.txt"
}