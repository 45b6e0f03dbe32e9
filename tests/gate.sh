# gupcheck baseline and gupcheck gate (issue 19; issue 13 item 9's degraded gate): suite gate on
# copies of the fixture tree, suite gate_linux on a hard-linked copy of linux-6.1.  Sourced by
# tests/run, which provides ok, ko, check, exits, fixtures_db, $GUPCHECK, $KTREE and $TMP;
# everything the tests make stays in $TMP/gate.
G=$TMP/gate
mkdir -p "$G"

# gate_lines WANT EXPECTED CMD...: CMD exits WANT and its gcc finding lines ("F:L:C: error: ..."
# and warnings) are exactly the lines of EXPECTED ("" for none); stdout stays in $G/out.
gate_lines() {
	local want=$1 exp=$2 got; shift 2
	"$@" >"$G/out" 2>"$G/err"; got=$?
	[ "$got" -eq "$want" ] || { echo "exit $got, wanted $want"; cat "$G/err" "$G/out"; return 1; }
	diff <(printf '%s\n' "$exp" | sed '/^$/d') <(grep -E '^[^ ]+:[0-9]+:[0-9]+: (error|warning): ' "$G/out")
}

# gate_format FORMAT PATH LINE CHECK CMD...: CMD exits 1 and its json or sarif output names one new
# finding, CHECK at PATH:LINE (fixed notes aside); the SARIF validates against the 2.1.0 schema.
gate_format() {
	local fmt=$1 path=$2 line=$3 chk=$4 got; shift 4
	"$@" >"$G/out.$fmt" 2>"$G/err"; got=$?
	[ "$got" -eq 1 ] || { echo "exit $got, wanted 1"; cat "$G/err"; return 1; }
	/usr/bin/python3 tests/gate_format.py "$fmt" "$G/out.$fmt" "$path" "$line" "$chk" \
		"${SARIF_SCHEMA:-../shared/sarif/sarif-schema-2.1.0.json}"
}

# copy NAME: a fresh copy of the fixture tree at $G/NAME
copy() { rm -rf "${G:?}/$1" && cp -r tests/tree "$G/$1"; }

# unchanged FILE COPY: FILE is byte for byte COPY (made before the command)
unchanged() { cmp -s "$1" "$2" || { echo "$1 was modified"; return 1; }; }

gate_fixtures() {
	local bl=$G/base.bl n nf nw aw bw fmt GIT_CEILING_DIRECTORIES=$TMP
	export GIT_CEILING_DIRECTORIES	# no git repository above the copies is seen
	fixtures_db

	# The baseline: a header with the tree's identity, one line per finding of the plan (nf, in
	# `gupcheck plan`'s count; nw of them wrong-release), sorted, without line numbers or the
	# tree's absolute path.
	nf=$("$GUPCHECK" plan "$TMP/fixtures.db" | grep -cE '^[^ ]+: (error|warning): ')
	nw=$("$GUPCHECK" plan "$TMP/fixtures.db" | grep -cE '^[^ ]+: error: .*\[wrong-release\]$')
	check "gate: baseline of tests/tree" "$GUPCHECK" baseline tests/tree -o "$bl"
	check "gate: baseline header: format 1, the tree's kernel and arch, all checks" \
		test "$(head -1 "$bl")" = "# gupcheck baseline 1 kernel=6.1.0 arch=x86 checks=all"
	n=$(grep -vc '^#' "$bl")
	check "gate: baseline: one line per finding of the plan ($nf)" test "$n" -gt 0 -a "$n" = "$nf"
	check "gate: baseline lines are sorted (byte order)" sh -c "grep -v '^#' '$bl' | LC_ALL=C sort -c"
	check "gate: baseline lines have 5 tab-separated fields and no line numbers" \
		sh -c "! grep -v '^#' '$bl' | awk -F'\t' 'NF != 5' | grep -q . &&
		       ! grep -qE '\\.[ch]:[0-9]' '$bl'"
	check "gate: the baseline names no absolute path" sh -c "! grep -qF '$PWD' '$bl'"
	check "gate: the wrong release of bugs.c is accepted with its function and check" \
		grep -qP '^drivers/gupplan/bugs.c\tplan_undo_pin_with_put\twrong-release\t[0-9a-f]{16}\t'\
'put_page\(\) releases pages pinned by pin_user_pages_fast\(\) at drivers/gupplan/bugs.c: pins' "$bl"
	copy elsewhere
	"$GUPCHECK" baseline "$G/elsewhere" -o "$G/elsewhere.bl" 2>/dev/null
	check "gate: a copy of the tree elsewhere has the same baseline (no path in it)" \
		cmp "$bl" "$G/elsewhere.bl"
	"$GUPCHECK" baseline "$TMP/fixtures.db" -o "$G/db.bl" 2>/dev/null
	check "gate: the baseline of the tree's database is the tree's" cmp "$bl" "$G/db.bl"
	"$GUPCHECK" baseline "$TMP/fixtures.db" -o "$G/db.bl" --checks=wrong-release 2>/dev/null
	check "gate: baseline --checks: the header says which, only their lines" \
		sh -c "head -1 '$G/db.bl' | grep -q ' checks=wrong-release\$' &&
		       test \$(grep -vc '^#' '$G/db.bl') = $nw"

	# The same tree passes.
	check "gate: the tree of the baseline: exit 0, no finding" gate_lines 0 "" \
		"$GUPCHECK" gate tests/tree --baseline "$bl"
	check "gate: the summary says all $nf are accepted" \
		grep -q "gate: 0 new, 0 fixed, $nf accepted" "$G/err"

	# a.c's single_page() pins with pin_user_pages_fast() at line 22 and unpins at 25:2; a
	# put_page() there is a wrong release, the only new finding.
	copy wrong
	sed -i '25s/\tunpin_user_page(page);/\tput_page(page);/' "$G/wrong/drivers/gupfix/a.c"
	aw="drivers/gupfix/a.c:25:2: error: put_page() releases pages pinned by pin_user_pages_fast()"\
" at drivers/gupfix/a.c:22: pins are released by unpin_user_page*() [wrong-release]"
	check "gate: a pin released by put_page(): exit 1 naming exactly it (gcc)" gate_lines 1 "$aw" \
		"$GUPCHECK" gate "$G/wrong" --baseline "$bl"
	for fmt in json sarif; do
		check "gate: ... --format=$fmt: exit 1 naming exactly it" \
			gate_format "$fmt" drivers/gupfix/a.c 25 wrong-release \
			"$GUPCHECK" gate "$G/wrong" --baseline "$bl" --format=$fmt
	done
	check "gate: --db FILE is kept, a database of the scan" \
		sh -c "'$GUPCHECK' gate '$G/wrong' --baseline '$bl' --db '$G/wrong.db' >/dev/null 2>&1;
		       test \$? = 1 && '$GUPCHECK' plan '$G/wrong.db' | grep -qF '$aw'"

	# Lines added above findings move them; their fingerprints stay, and so does the baseline.
	copy moved
	sed -i '1a\
/* one */\
/* two */\
/* three */' "$G/moved/drivers/gupplan/bugs.c" "$G/moved/drivers/gupplan/sg.c"
	check "gate: findings moved down 3 lines: exit 0" gate_lines 0 "" \
		"$GUPCHECK" gate "$G/moved" --baseline "$bl"
	"$GUPCHECK" baseline "$G/moved" -o "$G/moved.bl" 2>/dev/null
	check "gate: findings moved down: the same baseline" cmp "$bl" "$G/moved.bl"
	copy spaced
	sed -i '13s/put_page(pages\[i\])/put_page(pages [ i ])/' "$G/spaced/drivers/gupplan/bugs.c"
	check "gate: whitespace in the pages expression: the same fingerprint, exit 0" gate_lines 0 "" \
		"$GUPCHECK" gate "$G/spaced" --baseline "$bl"

	# A twin: a second put_page() loop on the same pages in plan_undo_pin_with_put() (new lines
	# 14-15) is the second of its fingerprint: it alone is new of the wrong releases; the path
	# through both loops releases the pages twice (at 13 and 15): a double release, new too.
	copy twin
	sed -i '13a\
		for (i = 0; i < got; i++)\
			put_page(pages[i]);' "$G/twin/drivers/gupplan/bugs.c"
	bw="drivers/gupplan/bugs.c:15:4: error: put_page() releases pages pinned by"\
" pin_user_pages_fast() at drivers/gupplan/bugs.c:8: pins are released by unpin_user_page*() [wrong-release]"
	bw="drivers/gupplan/bugs.c:8:12: error: the pages pin_user_pages_fast() took are released twice"\
" on one path, at lines 13,15 (path: lines 6,11,13,12,13,14,15) [double-release]
$bw"
	check "gate: a second identical wrong release in one function: exit 1 naming the second" \
		gate_lines 1 "$bw" "$GUPCHECK" gate "$G/twin" --baseline "$bl"

	# Fixing bugs.c's wrong release: exit 0, the finding is a "fixed" note.
	copy fixed
	sed -i '13s/put_page(pages\[i\])/unpin_user_page(pages[i])/' "$G/fixed/drivers/gupplan/bugs.c"
	check "gate: a baseline finding fixed: exit 0" gate_lines 0 "" \
		"$GUPCHECK" gate "$G/fixed" --baseline "$bl"
	check "gate: the fixed finding is a note naming its file and check" \
		sh -c "grep 'drivers/gupplan/bugs.c' '$G/out' | grep 'note:' | grep -q 'wrong-release' &&
		       grep -q 'gate: 0 new, 1 fixed, $((nf - 1)) accepted' '$G/err'"

	gate_paths "$bl" "$aw"
	gate_since "$bl" "$aw"
	gate_bad "$bl"
}

# --paths: only findings in the listed paths gate (on the a.c regression of $G/wrong).
gate_paths() {
	local bl=$1 aw=$2 p=$G/paths
	printf 'F:\tdrivers/gupplan/\n' >"$p"
	check "gate --paths: a new finding outside the list: exit 0" gate_lines 0 "" \
		"$GUPCHECK" gate "$G/wrong" --baseline "$bl" --paths "$p"
	check "gate --paths: a note says how many were not gated" \
		grep -q 'note: 1 new findings outside the --paths list' "$G/err"
	printf '# the opt-in list\n\ndrivers/gupfix/\n' >"$p"
	check "gate --paths: a folder of the list: exit 1" gate_lines 1 "$aw" \
		"$GUPCHECK" gate "$G/wrong" --baseline "$bl" --paths "$p"
	printf 'GUPFIX\nM:\tSomeone <s@example.org>\nS:\tMaintained\nF:\tdrivers/gup*/a.c\n' >"$p"
	check "gate --paths: a MAINTAINERS entry with a glob: exit 1" gate_lines 1 "$aw" \
		"$GUPCHECK" gate "$G/wrong" --baseline "$bl" --paths "$p"
	printf 'F:\tdrivers/*\n' >"$p"
	check "gate --paths: drivers/* is not drivers/gupfix/a.c (FNM_PATHNAME): exit 0" \
		gate_lines 0 "" "$GUPCHECK" gate "$G/wrong" --baseline "$bl" --paths "$p"
	printf 'F:\tdrivers/\nX:\tdrivers/gupfix/a.c\n' >"$p"
	check "gate --paths: X: excludes a file: exit 0" gate_lines 0 "" \
		"$GUPCHECK" gate "$G/wrong" --baseline "$bl" --paths "$p"
	printf 'drivers/gupfix\n' >"$p"
	check "gate --paths: a folder without its slash: exit 1" gate_lines 1 "$aw" \
		"$GUPCHECK" gate "$G/wrong" --baseline "$bl" --paths "$p"
}

# --since REV in a git repository made in a copy: REV's successor adds a.c's wrong release
# (committed), then dereg.c, read for reg.c's pages, releases them with an unpin (not
# committed): reg.c:13:8's get_user_pages_fast() pages are then released by release_pages() in
# reg.c and by unpin_user_page() in dereg.c.
gate_since() {
	local bl=$1 aw=$2 r=$G/repo dw mw
	copy repo
	git -C "$r" init -q && git -C "$r" add -A &&
		git -C "$r" -c user.name=t -c user.email=t@example.org commit -qm base || ko "gate: git init"
	sed -i '25s/\tunpin_user_page(page);/\tput_page(page);/' "$r/drivers/gupfix/a.c"
	git -C "$r" -c user.name=t -c user.email=t@example.org commit -qam a.c
	sed -i '11s/put_page(r->pages\[i\])/unpin_user_page(r->pages[i])/' "$r/drivers/gupplan/dereg.c"
	dw="drivers/gupplan/dereg.c:11:3: error: unpin_user_page() releases pages referenced by"\
" get_user_pages_fast() at drivers/gupplan/reg.c:13: references are released by put_page() [wrong-release]"
	mw="drivers/gupplan/reg.c:13:8: error: pages of get_user_pages_fast() are released by"\
" release_pages() at drivers/gupplan/reg.c:16 and by unpin_user_page() at drivers/gupplan/dereg.c:11 [mixed-release]"
	check "gate --since HEAD: the change's finding and the one it causes in reg.c: exit 1" \
		gate_lines 1 "$(printf '%s\n%s' "$dw" "$mw")" \
		"$GUPCHECK" gate "$r" --baseline "$bl" --since HEAD
	check "gate --since HEAD: a note counts the new finding outside the change" \
		grep -q 'note: 1 new findings not in the change since HEAD' "$G/err"
	check "gate --since HEAD~1: both changes" \
		gate_lines 1 "$(printf '%s\n%s\n%s' "$aw" "$dw" "$mw")" \
		"$GUPCHECK" gate "$r" --baseline "$bl" --since HEAD~1
	check "gate without --since: every new finding" \
		gate_lines 1 "$(printf '%s\n%s\n%s' "$aw" "$dw" "$mw")" \
		"$GUPCHECK" gate "$r" --baseline "$bl"
	# An untracked file is part of the change: new.c (built from now on) releases a pin with
	# put_page() at 10:2, its pin_user_pages_fast() at line 8.
	git -C "$r" checkout -q -- drivers/gupplan/dereg.c
	printf '%s\n' '/* An untracked file: a pin released by put_page(). */' '#include <linux/mm.h>' '' \
		'int gate_new(unsigned long addr)' '{' '	struct page *page;' '' \
		'	if (pin_user_pages_fast(addr, 1, FOLL_WRITE, &page) != 1)' '		return -1;' \
		'	put_page(page);' '	return 0;' '}' >"$r/drivers/gupfix/new.c"
	sed -i 's/^gupfix-y := a.o b.o c.o$/& new.o/' "$r/drivers/gupfix/Makefile"
	check "gate --since HEAD: a finding in an untracked file is in the change" \
		gate_lines 1 "drivers/gupfix/new.c:10:2: error: put_page() releases pages pinned by"\
" pin_user_pages_fast() at drivers/gupfix/new.c:8: pins are released by unpin_user_page*() [wrong-release]" \
		"$GUPCHECK" gate "$r" --baseline "$bl" --since HEAD
	rm -f "$r/drivers/gupfix/new.c"
	git -C "$r" checkout -q -- .
}

# Bad input: one line naming the file and the problem, exit 2, nothing modified.
gate_bad() {
	local bl=$1 b=$G/bad.bl
	cp "$TMP/fixtures.db" "$G/keep.db" && cp "$G/keep.db" "$G/keep.orig"
	sed '1s/kernel=6.1.0/kernel=6.2.0/' "$bl" >"$b"
	check "gate: a baseline of another kernel version: exit 2, says both" \
		exits 2 "$b: a baseline of kernel 6.2.0 arch x86, but tests/tree is kernel 6.1.0 arch x86" \
		"$GUPCHECK" gate tests/tree --baseline "$b" --db "$G/keep.db"
	check "gate: ... and --db is left as it was" unchanged "$G/keep.db" "$G/keep.orig"
	sed '1s/arch=x86/arch=arm64/' "$bl" >"$b"
	check "gate: a baseline of another arch: exit 2" \
		exits 2 "$b: a baseline of kernel 6.1.0 arch arm64, but" \
		"$GUPCHECK" gate tests/tree --baseline "$b"
	sed '1s/baseline 1 /baseline 2 /' "$bl" >"$b"
	check "gate: a baseline of a newer format: exit 2" \
		exits 2 "$b: baseline format 2, from a newer gupcheck: this one reads format 1" \
		"$GUPCHECK" gate tests/tree --baseline "$b"
	sed '1s/baseline 1 /baseline 0 /' "$bl" >"$b"
	check "gate: a baseline of an older format: exit 2" \
		exits 2 "$b: baseline format 0, from an older gupcheck" \
		"$GUPCHECK" gate tests/tree --baseline "$b"
	sed '5s/\t[0-9a-f]*\t/\tnot-hex\t/' "$bl" >"$b"
	check "gate: a corrupt fingerprint: exit 2 naming the line" \
		exits 2 "$b:5: corrupt line: fingerprint 'not-hex' is not 16 hex digits" \
		"$GUPCHECK" gate tests/tree --baseline "$b"
	sed '7s/\t.*//' "$bl" >"$b"
	check "gate: a line cut short: exit 2 naming the line" exits 2 "$b:7: corrupt line" \
		"$GUPCHECK" gate tests/tree --baseline "$b"
	sed '3s/\twrong-release\t/\tno-such-check\t/' "$bl" >"$b"
	check "gate: an unknown check: exit 2 naming the line" \
		exits 2 "$b:3: unknown check 'no-such-check'" "$GUPCHECK" gate tests/tree --baseline "$b"
	head -c -10 "$bl" >"$b"
	check "gate: a truncated baseline: exit 2 naming its last line" \
		exits 2 "$b:$(wc -l <"$bl"): truncated" \
		"$GUPCHECK" gate tests/tree --baseline "$b"
	check "gate: a C file as baseline: exit 2" \
		exits 2 "tests/tree/drivers/gupplan/bugs.c: not a gupcheck baseline" \
		"$GUPCHECK" gate tests/tree --baseline tests/tree/drivers/gupplan/bugs.c
	check "gate: a missing baseline: exit 2" exits 2 "$G/none.bl: No such file" \
		"$GUPCHECK" gate tests/tree --baseline "$G/none.bl"
	check "gate: a missing --paths file: exit 2" exits 2 "$G/none.paths: No such file" \
		"$GUPCHECK" gate tests/tree --baseline "$bl" --paths "$G/none.paths"
	printf 'F: /abs/path\n' >"$G/abs.paths"
	check "gate: an absolute path in --paths: exit 2 naming the line" \
		exits 2 "$G/abs.paths:1: '/abs/path' is absolute" \
		"$GUPCHECK" gate tests/tree --baseline "$bl" --paths "$G/abs.paths"
	check "gate --since a revision that does not exist: exit 2" \
		exits 2 "--since no-such-rev: no such revision in $G/repo" \
		"$GUPCHECK" gate "$G/repo" --baseline "$bl" --since no-such-rev --db "$G/keep.db"
	check "gate --since ...: --db is left as it was" unchanged "$G/keep.db" "$G/keep.orig"
	check "gate --since on a tree that is not a git work tree: exit 2" \
		exits 2 "$G/elsewhere: not a git work tree" \
		"$GUPCHECK" gate "$G/elsewhere" --baseline "$bl" --since HEAD
	check "gate: no --baseline: exit 2" exits 2 "usage: gupcheck gate" "$GUPCHECK" gate tests/tree
	check "gate: --format=xml: exit 2" exits 2 "format=xml" \
		"$GUPCHECK" gate tests/tree --baseline "$bl" --format=xml

	# A degraded tree (no autoconf.h): refused in one line before any scan, unless told.
	copy degraded
	rm "$G/degraded/include/generated/autoconf.h"
	check "gate: a degraded tree: exit 2 in one line" \
		exits 2 "$G/degraded: a degraded scan" "$GUPCHECK" gate "$G/degraded" --baseline "$bl" \
		--db "$G/keep.db"
	check "gate: a degraded tree: --db is left as it was" unchanged "$G/keep.db" "$G/keep.orig"
	check "gate --allow-degraded: the gate runs (exit 0 or 1, not 2) and warns" \
		sh -c "'$GUPCHECK' gate '$G/degraded' --baseline '$bl' --allow-degraded >/dev/null \
		       2>'$G/deg.err'; test \$? -lt 2 && grep -q 'not fully configured' '$G/deg.err'"
	check "gate: baseline of a degraded tree: exit 2 in one line" \
		exits 2 "$G/degraded: a degraded scan" "$GUPCHECK" baseline "$G/degraded" -o "$G/deg.bl"
	"$GUPCHECK" scan "$G/degraded" -o "$G/deg.db" >/dev/null 2>&1
	check "gate: baseline of a degraded database: exit 2 in one line" \
		exits 2 "$G/deg.db: a degraded scan" "$GUPCHECK" baseline "$G/deg.db" -o "$G/deg.bl"
	check "gate: ... and no baseline is written" test ! -e "$G/deg.bl"

	# baseline -o: written only over a baseline, atomically.
	mkfifo "$G/fifo.bl"
	check "gate: baseline -o onto a FIFO: exit 2" exits 2 "$G/fifo.bl: not a regular file" \
		"$GUPCHECK" baseline "$TMP/fixtures.db" -o "$G/fifo.bl"
	check "gate: ... it is still a FIFO" test -p "$G/fifo.bl"
	echo 'my notes' >"$G/notes.txt" && cp "$G/notes.txt" "$G/notes.orig"
	check "gate: baseline -o onto a file that is not a baseline: exit 2" \
		exits 2 "$G/notes.txt: not a gupcheck baseline" \
		"$GUPCHECK" baseline "$TMP/fixtures.db" -o "$G/notes.txt"
	check "gate: ... the file is left as it was" unchanged "$G/notes.txt" "$G/notes.orig"
	cp "$b" "$G/over.bl"
	check "gate: baseline -o over a baseline replaces it, leaving no temporary file" \
		sh -c "'$GUPCHECK' baseline '$TMP/fixtures.db' -o '$G/over.bl' 2>/dev/null &&
		       cmp -s '$G/over.bl' '$bl' && ! ls '$G' | grep -q 'over.bl.tmp'"
	check "gate: baseline -o into a missing folder: exit 2" exits 2 "$G/no/such: no such directory" \
		"$GUPCHECK" baseline "$TMP/fixtures.db" -o "$G/no/such/x.bl"
	check "gate: gate --help: exit 0" sh -c "'$GUPCHECK' gate --help | grep -q -- '--baseline FILE'"
}

# linux-6.1: the baseline of the tree holds the reference plan's findings and the tree passes;
# iova_bitmap_put() (drivers/vfio/iova_bitmap.c:217), the one release of iova_bitmap_get()'s
# pin_user_pages_fast() at line 189, unpins with unpin_user_pages(); a put_page() loop there
# (its put_page() at 220:4) is the one new finding, a wrong release.  The copy is hard-linked:
# the file is copied before it is edited.  For --since, the copy is a git repository of that one
# file (every other one is excluded, so it is neither tracked nor untracked: cheap).
gate_linux() {
	local L=$G/linux T=$G/linux/tree f=drivers/vfio/iova_bitmap.c want v fmt since
	local GIT_CEILING_DIRECTORIES=$TMP
	export GIT_CEILING_DIRECTORIES
	if [ ! -f "$KTREE/.gupcheck-configured" ]; then
		ko "gate_linux: $KTREE is not unpacked and configured (run 'make tree')"
		return 0
	fi
	mkdir -p "$L" && cp -al "$KTREE" "$T" || { ko "gate_linux: cp -al $KTREE"; return 0; }
	if ! "$GUPCHECK" scan "$T" -o "$L/db" >"$L/scan.out" 2>&1; then
		ko "gate_linux: scan" "$(cat "$L/scan.out")"
		return 0
	fi
	check "gate_linux: baseline of the scan" "$GUPCHECK" baseline "$L/db" -o "$L/bl"
	v=$(sed -n 's/^VERSION = //p; s/^PATCHLEVEL = //p; s/^SUBLEVEL = //p' "$KTREE/Makefile" |
	    paste -sd.)
	check "gate_linux: the header names the tree's version ($v) and arch" \
		test "$(head -1 "$L/bl")" = "# gupcheck baseline 1 kernel=$v arch=x86 checks=all"
	check "gate_linux: the baseline holds the reference plan's findings, function and check" \
		diff <(grep -E ': (error|warning): ' reports/linux-6.1/plan.txt |
		       sed -E 's/^([^:]*):.*\[([a-z-]*)\]$/\1 \2/' | LC_ALL=C sort) \
		     <(grep -v '^#' "$L/bl" | cut -f1,3 | tr '\t' ' ' | LC_ALL=C sort)
	check "gate_linux: the untouched tree: exit 0" gate_lines 0 "" \
		"$GUPCHECK" gate "$T" --baseline "$L/bl" --db "$L/db"

	git -C "$T" init -q && printf '*\n' >"$T/.git/info/exclude" && git -C "$T" add -f "$f" &&
		git -C "$T" -c user.name=t -c user.email=t@example.org commit -qm base ||
		ko "gate_linux: git init of $f"
	cp "$T/$f" "$T/$f.new" && mv "$T/$f.new" "$T/$f"
	sed -i '217s/^\t\tunpin_user_pages(mapped->pages, mapped->npages);$/'\
'\t\tunsigned long i;\n\n\t\tfor (i = 0; i < mapped->npages; i++)\n\t\t\tput_page(mapped->pages[i]);/' "$T/$f"
	check "gate_linux: the regression is made in the copy only" \
		sh -c "grep -q 'put_page(mapped->pages\[i\])' '$T/$f' &&
		       sed -n 217p '$KTREE/$f' | grep -q 'unpin_user_pages(mapped->pages, mapped->npages);'"
	want="$f:220:4: error: put_page() releases pages pinned by pin_user_pages_fast() at $f:189:"\
" pins are released by unpin_user_page*() [wrong-release]"
	for since in "" HEAD; do
		check "gate_linux: a put_page() loop for unpin_user_pages()${since:+ --since $since}: exit 1 naming it" \
			gate_lines 1 "$want" "$GUPCHECK" gate "$T" --baseline "$L/bl" --db "$L/db" \
			${since:+--since "$since"}
		cp "$G/out" "$L/gcc$since.out"
		for fmt in json sarif; do
			check "gate_linux: ... --format=$fmt${since:+ --since $since}: exit 1 naming it" \
				gate_format "$fmt" "$f" 220 wrong-release "$GUPCHECK" gate "$T" \
				--baseline "$L/bl" --db "$L/db" --format=$fmt ${since:+--since "$since"}
		done
	done

	# The file back as it was, plus one new pin whose partial success leaks: got == 1 returns
	# -EFAULT holding that page (its pin_user_pages_fast() at 226:12, the exit at 231, on the
	# path through lines 223, 230 and 231): the one new finding, an error-path leak.
	cp "$KTREE/$f" "$T/$f.new" && mv "$T/$f.new" "$T/$f"
	sed -i '221a\
/* A new pin whose partial success leaks its pages. */\
static int __maybe_unused iova_bitmap_probe(unsigned long addr)\
{\
	struct page *pages[2];\
	int got = pin_user_pages_fast(addr, 2, FOLL_WRITE, pages);\
\
	if (got < 0)\
		return got;\
	if (got != 2)\
		return -EFAULT;\
	unpin_user_pages(pages, 2);\
	return 0;\
}\
' "$T/$f"
	check "gate_linux: the new pin is made in the copy only" \
		sh -c "sed -n 226p '$T/$f' | grep -q 'pin_user_pages_fast(addr, 2, FOLL_WRITE, pages)' &&
		       ! grep -q iova_bitmap_probe '$KTREE/$f'"
	want="$f:226:12: error: pages pin_user_pages_fast() took are still held at the exit at line"\
" 231 and neither released nor handed off (path: lines 223,230,231) [error-path-leak]"
	for since in "" HEAD; do
		check "gate_linux: a new pin leaking on its error path${since:+ --since $since}: exit 1 naming it" \
			gate_lines 1 "$want" "$GUPCHECK" gate "$T" --baseline "$L/bl" --db "$L/db" \
			${since:+--since "$since"}
		for fmt in json sarif; do
			check "gate_linux: ... --format=$fmt${since:+ --since $since}: exit 1 naming it" \
				gate_format "$fmt" "$f" 226 error-path-leak "$GUPCHECK" gate "$T" \
				--baseline "$L/bl" --db "$L/db" --format=$fmt ${since:+--since "$since"}
		done
	done
}
