# gupcheck cc as kbuild's $(CHECK) (issue 19, item 4): make C=2 on a copy of linux-6.1 gives, for
# the files it builds, the findings gupcheck plan gives for them, with the real flags; parallel
# make adds to one database; an out-of-tree module (M=) is checked with nothing written into
# the tree.  Sourced by tests/run, which provides ok, ko, check, exits, $GUPCHECK, $TMP and
# $KTREE; everything the tests make stays in $TMP/kbuild.
K=$TMP/kbuild
mkdir -p "$K"
G=$(realpath "$GUPCHECK")
if [ ! -f "$KTREE/include/generated/autoconf.h" ]; then
	ko "kbuild: $KTREE is not a configured tree (make tree)"
	return 0
fi
# The plan of the whole tree, to compare with: the linux suite's database when it ran first.
full=$TMP/linux.db
if [ ! -f "$full" ] && ! "$GUPCHECK" scan "$KTREE" -o "$full" >/dev/null; then
	ko "kbuild: scan $KTREE"
	return 0
fi
# findings FILE: its error and warning lines, sorted (notes left out).
findings() { grep -E '^[^ ]+:[0-9]+:[0-9]+: (error|warning): ' "$1" | sort -u; }

# 1. In-tree: kbuild writes into the tree, so a real copy.  drivers/virt/acrn/ builds hsm.c,
#    ioreq.c, mm.c (the GUP callers: each pins with pin_user_pages_fast()), vm.c (no GUP name:
#    it puts the monitor page that hsm.c pinned) and two files with no page at all.
cp -a "$KTREE" "$K/tree"
make -C "$K/tree" -j2 C=2 CHECK="$G cc --db $K/acrn.db" drivers/virt/acrn/ >"$K/make.out" 2>&1
rc=$?
check "kbuild: make C=2 CHECK='gupcheck cc' drivers/virt/acrn/ exits 0" test "$rc" -eq 0
check "kbuild: each file of drivers/virt/acrn/ is checked" \
	test "$(grep -c '^  CHECK   drivers/virt/acrn/' "$K/make.out")" -eq 6
"$GUPCHECK" plan "$full" --format=gcc >"$K/full.txt"
findings "$K/full.txt" | grep '^drivers/virt/acrn/' >"$K/want"
findings "$K/make.out" >"$K/got"
# Read from the source: vm.c:85 releases hsm.c:346's pin with put_page().
check "kbuild: the put_page() of hsm.c's pin in vm.c is reported" \
	grep -q '^drivers/virt/acrn/vm.c:85:3: error: .*\[wrong-release\]$' "$K/got"
check "kbuild: make's findings are gupcheck plan's for drivers/virt/acrn/" \
	diff -u "$K/want" "$K/got"
"$GUPCHECK" plan "$K/acrn.db" --format=gcc >"$K/acrn.txt"
check "kbuild: the database make filled plans the same findings" \
	diff -u "$K/want" <(findings "$K/acrn.txt")
"$GUPCHECK" facts "$K/acrn.db" | cut -d: -f1 | sort -u >"$K/files"
check "kbuild: the database holds the GUP callers and vm.c, not the files without pages" \
	diff -u <(printf '%s\n' drivers/virt/acrn/hsm.c drivers/virt/acrn/ioreq.c \
		drivers/virt/acrn/mm.c drivers/virt/acrn/vm.c) "$K/files"
check "kbuild: the facts are parsed with kbuild's own flags" \
	test "$(sqlite3 "$K/acrn.db" "SELECT count(*) FROM files WHERE ring = 1 AND
		flags_from = 'kbuild-check'")" -eq 3
make -C "$K/tree" -j2 C=2 CHECK="$G cc --db $K/acrn.db --werror" drivers/virt/acrn/ \
	>"$K/werror.out" 2>&1
check "kbuild: --werror fails the build on a finding" test $? -ne 0

# 2. Bad input: one line, exit 2.
check "kbuild: cc without --db exits 2" \
	exits 2 'usage: gupcheck cc' "$GUPCHECK" cc drivers/virt/acrn/mm.c
in_tree() { (cd "$K/tree" && "$@"); }
check "kbuild: cc refuses a database of another tree" in_tree \
	exits 2 'a database of the tree .*, not of' "$G" cc --db "$full" -I./include \
	drivers/virt/acrn/mm.c

# 3. Out of tree: make -C KDIR M=DIR writes only into DIR.  tests/extmod/gupmod.c lists the
#    findings it must give (check-cc lines, relative to the module's folder).
cp -r tests/extmod "$K/mod"
touch "$K/before"
sleep 1
make -C "$KTREE" M="$K/mod" C=2 CHECK="$G cc --db $K/mod.db" gupmod.o >"$K/mod.out" 2>&1
check "kbuild: M= module builds with gupcheck cc as CHECK" test $? -eq 0
sed -n '/check-cc-start/,/check-cc-end/p' tests/extmod/gupmod.c | sed '1d;$d;s/^ \* //' \
	>"$K/mod.want"
findings "$K/mod.out" | sed -E "s|^$K/mod/||; s|: (error\|warning): .*\[(.*)\]$|: \1: \2|" \
	>"$K/mod.got"
check "kbuild: the module's findings are the fixture's" diff -u "$K/mod.want" "$K/mod.got"
check "kbuild: nothing is written into the kernel tree for M=" \
	test -z "$(find "$KTREE" -newer "$K/before" -print -quit)"
rm -rf "$K/tree"
