# Hostile and odd input (issue 13): device and FIFO outputs, write errors, symlinked trees, FIFOs in
# a tree, broken databases, stale output folders, small CLI defects.  Each test failed on the code
# before its fix.  Sourced by tests/run, which provides ok, ko, check, exits, fixtures_db,
# $GUPCHECK and $TMP; everything the tests make stays in $TMP/hostile.
H=$TMP/hostile
mkdir -p "$H"
fixtures_db

# scan -o onto something that is not a regular file: refused, the node stays what it was.
mkfifo "$H/fifo.db"
check "hostile: scan -o onto a FIFO: exit 2, names it" \
	exits 2 "$H/fifo.db: not a regular file" "$GUPCHECK" scan tests/tree -o "$H/fifo.db"
check "hostile: the FIFO is still a FIFO" test -p "$H/fifo.db"
mkdir -p "$H/dir.db"
check "hostile: scan -o onto a folder: exit 2" \
	exits 2 "$H/dir.db: not a regular file" "$GUPCHECK" scan tests/tree -o "$H/dir.db"
cp "$TMP/fixtures.db" "$H/real.db" && ln -s real.db "$H/link.db"
check "hostile: scan -o onto a symlink to a database writes the database it names" \
	sh -c "'$GUPCHECK' scan tests/tree -o '$H/link.db' >/dev/null && test -L '$H/link.db' &&
	       sqlite3 '$H/real.db' 'SELECT count(*) FROM files' >/dev/null"

# Write errors on stdout: one line, exit 2, whatever the command.
full() { # full CMD...: CMD with stdout on /dev/full exits 2 with one line saying so
	local got
	"$@" >/dev/full 2>"$H/err"; got=$?
	[ "$got" -eq 2 ] || { echo "exit $got, wanted 2"; cat "$H/err"; return 1; }
	[ "$(wc -l <"$H/err")" -eq 1 ] && grep -q 'standard output' "$H/err" ||
		{ echo "stderr:"; cat "$H/err"; return 1; }
}
check "hostile: plan > /dev/full: exit 2" full "$GUPCHECK" plan "$TMP/fixtures.db"
check "hostile: plan --format=json > /dev/full: exit 2" full "$GUPCHECK" plan "$TMP/fixtures.db" --format=json
check "hostile: end-io > /dev/full: exit 2" full "$GUPCHECK" end-io "$TMP/fixtures.db"
check "hostile: facts > /dev/full: exit 2" full "$GUPCHECK" facts "$TMP/fixtures.db"
check "hostile: flags > /dev/full: exit 2" full "$GUPCHECK" flags tests/tree drivers/gupplan/reg.c
check "hostile: --help > /dev/full: exit 2" full "$GUPCHECK" --help

# A tree of symlinks (cp -as) is the same tree; a folder symlink that loops is followed once.
same_census() { # same_census TREE DB: TREE scans into DB with the fixture tree's acquire sites
	local q="SELECT path || ':' || line || ':' || col FROM acquire_sites ORDER BY 1"
	timeout 120 "$GUPCHECK" scan "$1" -o "$2" >/dev/null || return 1
	diff <(sqlite3 "$TMP/fixtures.db" "$q") <(sqlite3 "$2" "$q")
}
cp -as "$PWD/tests/tree" "$H/farm"
check "hostile: a symlink farm of the fixture tree scans to the same census" \
	same_census "$H/farm" "$H/farm.db"
cp -r tests/tree "$H/loop" && ln -s .. "$H/loop/drivers/gupplan/up"
check "hostile: a looping folder symlink is followed once: same census" \
	same_census "$H/loop" "$H/loop.db"
# A kernel tree where no file names GUP is not a clean result.
mkdir -p "$H/empty/include/linux"
printf 'VERSION = 6\nPATCHLEVEL = 1\n' >"$H/empty/Makefile" && touch "$H/empty/include/linux/mm.h"
mkdir -p "$H/empty/include/generated" && touch "$H/empty/include/generated/autoconf.h" \
	"$H/empty/include/generated/bounds.h" "$H/empty/include/generated/asm-offsets.h"
check "hostile: a tree with no candidate file: exit 2" \
	exits 2 "$H/empty: no file names a GUP-family function" "$GUPCHECK" scan "$H/empty" -o "$H/empty.db"

# A FIFO in the tree is skipped and named, not read forever.
cp -r tests/tree "$H/fifotree" && rm "$H/fifotree/drivers/gupplan/reg.c" && mkfifo "$H/fifotree/drivers/gupplan/reg.c"
check "hostile: a FIFO in the tree: the scan ends and names what it skipped" \
	sh -c "timeout 120 '$GUPCHECK' scan '$H/fifotree' -o '$H/fifotree.db' 2>'$H/fifo.err' >/dev/null;
	       grep -q 'drivers/gupplan/reg.c: not a regular file, skipped' '$H/fifo.err'"

# Broken databases: one line, exit 2, saying what is wrong.
cp "$TMP/fixtures.db" "$H/nometa.db" && sqlite3 "$H/nometa.db" 'DROP TABLE meta'
check "hostile: a database without its meta table: exit 2, one line" \
	exits 2 "$H/nometa.db: not a gupcheck database" "$GUPCHECK" plan "$H/nometa.db"
head -c 4096 /dev/urandom >"$H/garbage.db"
check "hostile: a garbage file: not a gupcheck database" \
	exits 2 "$H/garbage.db: not a gupcheck database" "$GUPCHECK" plan "$H/garbage.db"
head -c 8192 "$TMP/fixtures.db" >"$H/truncated.db"
check "hostile: a truncated database: corrupt" \
	exits 2 "$H/truncated.db: corrupt" "$GUPCHECK" plan "$H/truncated.db"

# Small CLI defects.
for c in scan facts plan end-io convert flags; do
	check "hostile: gupcheck $c --help: usage on stdout, exit 0" \
		sh -c "'$GUPCHECK' $c --help | grep -q '^usage: gupcheck $c'"
done
check "hostile: gupcheck --version" sh -c "'$GUPCHECK' --version | grep -q '^gupcheck '"
check "hostile: -j 2x: exit 2, names it" exits 2 "'2x'" "$GUPCHECK" scan tests/tree -j 2x -o "$H/j.db"
check "hostile: facts of a file not in the database: exit 2" \
	exits 2 "no/such.c: not in $TMP/fixtures.db" "$GUPCHECK" facts "$TMP/fixtures.db" no/such.c
check "hostile: flags of a missing file: exit 2" \
	exits 2 "no/such.c: no such file" "$GUPCHECK" flags tests/tree no/such.c
check "hostile: an unknown option is named" \
	exits 2 "unknown option '--frob'" "$GUPCHECK" plan "$TMP/fixtures.db" --frob
check "hostile: scan -o into a missing folder fails before the scan, naming the folder" \
	exits 2 "$H/no/where: no such directory" "$GUPCHECK" scan tests/tree -o "$H/no/where/x.db"

# convert -o: a previous series is replaced whole, a folder of other files is refused, and a
# failed run leaves no folder behind.
cp -r tests/tree "$H/conv"
conv() { "$GUPCHECK" convert "$H/conv" --db "$TMP/fixtures.db" --signoff 'T <t@example.org>' "$@"; }
mkdir -p "$H/old"
for n in 0001 0002 0003; do echo old >"$H/old/$n-old.patch"; done
printf '0001-old.patch\n0002-old.patch\n0003-old.patch\n' >"$H/old/series"
check "hostile: convert -o onto a previous series: exit 0" exits 0 "" conv -o "$H/old"
check "hostile: the previous series' patches are gone" \
	sh -c "test ! -e '$H/old/0002-old.patch' && test ! -e '$H/old/0003-old.patch' &&
	       test \"\$(ls '$H/old' | grep -c '\.patch$')\" = \"\$(wc -l <'$H/old/series')\""
mkdir -p "$H/mine" && echo keep >"$H/mine/notes.txt"
check "hostile: convert -o onto a folder of other files: exit 2, names it" \
	exits 2 "$H/mine: holds files that are not a gupcheck series" conv -o "$H/mine"
check "hostile: the refused folder is untouched" sh -c "test \"\$(ls '$H/mine')\" = notes.txt"
check "hostile: a failed convert leaves no output folder" \
	sh -c "! '$GUPCHECK' convert '$H/conv' --db '$H/garbage.db' -o '$H/none' --signoff 'T <t@e.org>' \
	       2>/dev/null && test ! -e '$H/none' && ! ls -d '$H'/none.* 2>/dev/null"

# convert --apply: a git apply that fails half-way (a wrapper applies the series, then fails)
# leaves the tree as it was, and says so.
mkdir -p "$H/bin"
cat >"$H/bin/git" <<'WRAP'
#!/bin/sh
# git apply that writes the patches and then fails: a file changed under the apply
real=$(PATH=$(printf '%s' "$PATH" | sed 's|^[^:]*:||') command -v git)
case " $* " in
*" --check "*|*" --numstat "*) exec "$real" "$@" ;;
*" apply "*) "$real" "$@"; exit 1 ;;
esac
exec "$real" "$@"
WRAP
chmod +x "$H/bin/git"
cp -r tests/tree "$H/half"
check "hostile: convert --apply whose git apply fails half-way: exit 2, says the files are restored" \
	exits 2 "the series did not apply; the [0-9]* files it touches are restored" \
	env PATH="$H/bin:$PATH" "$GUPCHECK" convert "$H/half" --db "$TMP/fixtures.db" -o "$H/halfs" \
	--signoff 'T <t@example.org>' --apply
check "hostile: ... and the tree is as it was" diff -r tests/tree "$H/half"
check "hostile: ... the count is the files the patch touches" grep -q \
	"the $(cat "$H"/halfs/*.patch | grep -c '^+++ b/') files it touches are restored" "$TMP/err"

# convert --db with the database of another tree: refused, whether the version differs or a
# file the scan read is not in this tree.
check "hostile: convert --db of another version's tree: exit 2" \
	exits 2 "$TMP/fixtures.db: a scan of a .* tree, and tests/xtree is" \
	"$GUPCHECK" convert tests/xtree --db "$TMP/fixtures.db" -o "$H/other" --signoff 'T <t@example.org>'
cp -r tests/tree "$H/lesser" && rm "$H/lesser/drivers/gupplan/names.c"
check "hostile: convert --db of a tree without a file the scan read: exit 2" \
	exits 2 "drivers/gupplan/names.c: gone since the scan" \
	"$GUPCHECK" convert "$H/lesser" --db "$TMP/fixtures.db" -o "$H/other" --signoff 'T <t@example.org>'

# A temporary database of a scan that died (a dead PID) is removed by the next scan to the same
# file; a name that is not ours, or of a live process, stays.
sh -c 'exit 0' & dead=$!; wait "$dead"
touch "$H/stale.db.tmp.$dead" "$H/stale.db.tmp.$$" "$H/stale.db.tmp.x1" "$H/other.db.tmp.$dead"
check "hostile: a dead scan's temporary database is removed by the next scan" \
	sh -c "'$GUPCHECK' scan tests/tree -o '$H/stale.db' >/dev/null 2>&1 && test ! -e '$H/stale.db.tmp.$dead'"
check "hostile: ... and nothing else: a live PID's, another name's, another database's stay" \
	test -e "$H/stale.db.tmp.$$" -a -e "$H/stale.db.tmp.x1" -a -e "$H/other.db.tmp.$dead"

# A degraded scan says so on every read, not only when it is made.
cp -r tests/tree "$H/unconf" && rm -rf "$H/unconf/include/generated"
"$GUPCHECK" scan "$H/unconf" -o "$H/unconf.db" >/dev/null 2>&1
check "hostile: plan of a degraded database warns" \
	sh -c "'$GUPCHECK' plan '$H/unconf.db' 2>&1 >/dev/null | grep -q 'unconf.db: a degraded scan'"
check "hostile: end-io of a degraded database warns" \
	sh -c "'$GUPCHECK' end-io '$H/unconf.db' 2>&1 >/dev/null | grep -q 'unconf.db: a degraded scan'"
check "hostile: plan of a configured tree's database does not" \
	sh -c "! '$GUPCHECK' plan '$TMP/fixtures.db' 2>&1 >/dev/null | grep -q 'degraded'"

# A tree whose path holds a space: ccflags' -I $(srctree)/... stays one path, so the flags,
# the parse and the plan are the fixture tree's.
mkdir -p "$H/a b" && cp -r tests/tree "$H/a b/tree"
check "hostile: flags under a path with a space keep -I \$(srctree)/\$(src)/inc whole" \
	sh -c "'$GUPCHECK' flags '$H/a b/tree' drivers/gupfix/c.c | grep -qx -- '-I$H/a b/tree/drivers/gupfix/inc'"
same_plan() { diff <("$GUPCHECK" plan "$TMP/fixtures.db") <("$GUPCHECK" plan "$1"); }
check "hostile: the plan of a tree under a path with a space is the fixture tree's" \
	same_plan "$H/a b/tree"
