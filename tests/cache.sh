# The facts cache of gupcheck scan, on copies of the fixture tree: a warm scan reuses what did not
# change and writes the database a cold scan writes.  Sourced by tests/run (ok, ko, check,
# exits, $TMP, $GUPCHECK).

C=$TMP/cache
mkdir -p "$C"
# fixture_copy DEST: the fixture tree with the driver folders the counts below are about
# (gupbio, gupfix, gupplan, gupring); folders added for other suites do not move them.
fixture_copy() {
	cp -r tests/tree "$1" &&
	find "$1/drivers" -mindepth 1 -maxdepth 1 -type d ! -name gupbio ! -name gupfix \
		! -name gupplan ! -name gupring -exec rm -rf {} +
}
fixture_copy "$C/tree"

# The database minus the cache tables, and what facts, plan and end-io print of it.
content() {
	sqlite3 "$1" .dump | grep -vE '^INSERT INTO "?cache_'
	"$GUPCHECK" facts "$1"
	"$GUPCHECK" plan "$1"
	"$GUPCHECK" end-io "$1"
}
# same_as_cold TREE DB: DB is what a scan of TREE without the cache writes.
same_as_cold() {
	"$GUPCHECK" scan "$1" -o "$C/cold.db" --no-cache >/dev/null 2>"$C/cold.err" ||
		{ cat "$C/cold.err"; return 1; }
	diff <(content "$C/cold.db" 2>&1) <(content "$2" 2>&1)
}
# summary TREE PATTERN [ARGS]: a scan of TREE into $C/w.db exits 0, says nothing on stderr, and
# its summary line matches PATTERN.
summary() {
	local tree=$1 pat=$2; shift 2
	"$GUPCHECK" scan "$tree" -o "$C/w.db" "$@" >"$C/out" 2>"$C/err" || { cat "$C/err"; return 1; }
	[ ! -s "$C/err" ] || { echo "stderr:"; cat "$C/err"; return 1; }
	grep -q -- "$pat" "$C/out" || { echo "summary does not match '$pat':"; cat "$C/out"; return 1; }
}

# The fixture tree has 30 candidates (29 parsed, arch/mips/mm/c.c of another ARCH; dereg.c,
# drivers/gupring's put.c, drop.c, teardown.c and the header include/media/gupvec.h are ring 2):
# a cold scan says nothing of a cache, the warm one reuses all 26.
check "cache: a first scan is cold: no word of the cache" \
	sh -c "'$GUPCHECK' scan '$C/tree' -o '$C/w.db' | grep -v 'from the cache' | grep -q '30 candidates'"
cp "$C/w.db" "$C/first.db"
check "cache: an unchanged tree: 0 parsed now, 30 from the cache" \
	summary "$C/tree" ', 0 parsed now, 30 from the cache,'
check "cache: ... and the warm database is the cold one (tables, facts, plan, end-io)" \
	diff <(content "$C/first.db" 2>&1) <(content "$C/w.db" 2>&1)

# One .c file edited (a line added at its top): exactly it is parsed, and its facts move a line.
sed -i '1i /* edited */' "$C/tree/drivers/gupplan/write.c"
check "cache: one .c file edited: 1 parsed now, 29 from the cache" \
	summary "$C/tree" ', 1 parsed now, 29 from the cache,'
lines() { "$GUPCHECK" facts "$1" drivers/gupplan/write.c | cut -d: -f2 | paste -sd' '; }
moved() {
	local before after
	before=$(lines "$C/first.db") after=$(lines "$C/w.db")
	[ -n "$before" ] && [ "$after" = "$(for l in $before; do printf '%s ' $((l + 1)); done | sed 's/ $//')" ] ||
		{ echo "lines before: $before; after: $after"; return 1; }
}
check "cache: ... its facts are its new ones (every line one down)" moved
check "cache: ... and the database is the cold scan's of the edited tree" same_as_cold "$C/tree" "$C/w.db"

# The ring-2 file is cached too, and parsed again when edited.
sed -i '1i /* edited */' "$C/tree/drivers/gupplan/dereg.c"
check "cache: the ring-2 file edited: 1 parsed now, 29 from the cache" \
	summary "$C/tree" ', 1 parsed now, 29 from the cache,'

# A header only a.c and b.c include (drivers/gupfix/inc/gupfix.h): exactly those two.
echo '/* edited */' >>"$C/tree/drivers/gupfix/inc/gupfix.h"
check "cache: a header two files include edited: 2 parsed now, 28 from the cache" \
	summary "$C/tree" ', 2 parsed now, 28 from the cache,'
check "cache: ... and they are a.c and b.c: their cached facts are new rows" \
	sh -c "test \"\$(sqlite3 '$C/w.db' \"SELECT group_concat(path) FROM (SELECT DISTINCT c.path
		FROM cache_files c, json_each(c.includes) i JOIN cache_headers h ON h.id = i.value
		WHERE h.path = 'drivers/gupfix/inc/gupfix.h' ORDER BY 1)\")\" = drivers/gupfix/a.c,drivers/gupfix/b.c"

# A header read for its inlines (include/media/gupvec.h, through vec.c) edited: it and vec.c,
# which includes it, are parsed again, and the header's functions move a line.
fnline() { sqlite3 "$1" "SELECT fn.line FROM functions fn JOIN files f ON f.id = fn.file_id
		WHERE f.path = 'include/media/gupvec.h' AND fn.name = 'gupvec_pages'"; }
cp "$C/w.db" "$C/pre-h.db"
sed -i '1i /* edited */' "$C/tree/include/media/gupvec.h"
check "cache: a header read for its inlines edited: 2 parsed now, 28 from the cache" \
	summary "$C/tree" ', 2 parsed now, 28 from the cache,'
check "cache: ... its inline's facts are the new ones (one line down)" \
	test "$(fnline "$C/pre-h.db"),$(fnline "$C/w.db")" = 17,18
check "cache: ... and the database is the cold scan's" same_as_cold "$C/tree" "$C/w.db"

# A Makefile's ccflags-y changed: the files it builds (a.c, b.c, c.c and the unbuilt off.c).
sed -i 's|^ccflags-y := .*|& -DGUPFIX_EDITED|' "$C/tree/drivers/gupfix/Makefile"
check "cache: ccflags-y of drivers/gupfix changed: its 4 files parsed, 26 from the cache" \
	summary "$C/tree" ', 4 parsed now, 26 from the cache,'
check "cache: ... the database is the cold scan's" same_as_cold "$C/tree" "$C/w.db"

# Another gupcheck (the same program with one more byte) trusts none of this one's facts.
cp "$GUPCHECK" "$C/gupcheck2" && printf 'x' >>"$C/gupcheck2" && cp "$C/w.db" "$C/g2.db"
check "cache: another gupcheck executable parses everything: 30 parsed now, 0 from the cache" \
	sh -c "'$C/gupcheck2' scan '$C/tree' -o '$C/g2.db' | grep -q ', 30 parsed now, 0 from the cache,'"

# A deleted candidate is not in the new database.
rm "$C/tree/drivers/gupplan/write.c"
check "cache: a deleted candidate: 29 candidates, all from the cache" \
	summary "$C/tree" '29 candidates.*, 0 parsed now, 29 from the cache,'
check "cache: ... it is gone from the files and the cache" \
	test "$(sqlite3 "$C/w.db" "SELECT count(*) FROM files WHERE path = 'drivers/gupplan/write.c'
		UNION ALL SELECT count(*) FROM cache_files WHERE path = 'drivers/gupplan/write.c'" |
		paste -sd,)" = 0,0
check "cache: ... and the database is the cold scan's" same_as_cold "$C/tree" "$C/w.db"

# A cache blob that does not decode: that file alone is parsed again.
sqlite3 "$C/w.db" "UPDATE cache_files SET facts = X'00' WHERE path = 'drivers/gupplan/sg.c'"
check "cache: a damaged blob: 1 parsed now, 28 from the cache" \
	summary "$C/tree" ', 1 parsed now, 28 from the cache,'

# --no-cache: the summary of a cold scan, although the database holds a valid cache.
check "cache: --no-cache parses all: no word of the cache" \
	sh -c "'$GUPCHECK' scan '$C/tree' -o '$C/w.db' --no-cache >'$C/out' 2>&1 &&
	       grep -q '29 candidates' '$C/out' && ! grep -q 'from the cache' '$C/out'"

# A previous database that cannot be used: one warning, a cold scan, the file replaced.
head -c 4096 /dev/urandom >"$C/w.db"
check "cache: a corrupt previous database: one warning, a cold scan" \
	exits 0 "w.db: not a gupcheck database.*facts cache is not used" \
	"$GUPCHECK" scan "$C/tree" -o "$C/w.db"
check "cache: ... and it is replaced by the new database" same_as_cold "$C/tree" "$C/w.db"
"$GUPCHECK" scan tests/tree -o "$C/other.db" >/dev/null
check "cache: another tree's database: one warning naming it, a cold scan" \
	exits 0 "other.db: a scan of another tree.*facts cache is not used" \
	"$GUPCHECK" scan "$C/tree" -o "$C/other.db"

# -v names each file that failed to parse or has errors, sorted, and so does a warm scan.
fixture_copy "$C/bad"
printf '#include <linux/mm.h>\nint zz(unsigned long a) { struct page *p; return pin_user_pages_fast(a, 1, 0, &p) + ; }\n' \
	>"$C/bad/drivers/gupplan/zz.c"
printf '#include <linux/mm.h>\nint aa(unsigned long a) { struct page *p; return get_user_pages_fast(a, 1, 0, &p) }\n' \
	>"$C/bad/drivers/gupplan/aa.c"
named() { # named: -v names aa.c then zz.c, each with its status and first error
	"$GUPCHECK" scan "$C/bad" -o "$C/bad.db" -v >/dev/null 2>"$C/v.err" || return 1
	[ "$(grep -o '^gupcheck: scan: [^:]*: errors: ' "$C/v.err" | paste -sd,)" = \
	  "gupcheck: scan: drivers/gupplan/aa.c: errors: ,gupcheck: scan: drivers/gupplan/zz.c: errors: " ] &&
	grep -q "aa.c: errors: .*aa.c:2:.*expected ';'" "$C/v.err" &&
	grep -q "zz.c: errors: .*zz.c:2:.*expected expression" "$C/v.err" || { cat "$C/v.err"; return 1; }
}
check "cache: scan -v names the files with errors, sorted, with their first error" named
check "cache: ... and so does a warm scan, from the cache" \
	sh -c "cp '$C/v.err' '$C/v1.err' && '$GUPCHECK' scan '$C/bad' -o '$C/bad.db' -v 2>'$C/v2.err' |
	       grep -q '0 parsed now' && diff '$C/v1.err' '$C/v2.err'"
check "cache: without -v they are only counted" \
	sh -c "'$GUPCHECK' scan '$C/bad' -o '$C/bad.db' 2>&1 | grep -q '(2 with errors)' &&
	       ! '$GUPCHECK' scan '$C/bad' -o '$C/bad.db' 2>&1 >/dev/null | grep -q aa.c"

# The walk remembers each file by its stat data and reads again only those whose stat changed;
# a file changed less than 2 s before the walk is not remembered (racy).
fixture_copy "$C/old" && find "$C/old" -type f -exec touch -d '2020-01-01 00:00' {} +
nsrc=$(find "$C/old" -type f -name '*.[ch]' | wc -l)
walk_rows() { sqlite3 "$C/old.db" 'SELECT count(*) FROM cache_walk'; }
"$GUPCHECK" scan "$C/old" -o "$C/old.db" >/dev/null
check "cache: the walk of a tree last changed in 2020 remembers its $nsrc .c and .h files" \
	test "$nsrc" -gt 0 -a "$(walk_rows)" = "$nsrc"
sed -i '1i /* edited */' "$C/old/drivers/gupplan/write.c"
check "cache: a file edited now is read again: 1 parsed now, 29 from the cache" \
	sh -c "'$GUPCHECK' scan '$C/old' -o '$C/old.db' | grep -q ', 1 parsed now, 29 from the cache,'"
check "cache: ... and not remembered, being racy: $((nsrc - 1)) walk rows" \
	test "$(walk_rows)" = $((nsrc - 1))
# Same size, the old mtime put back: the ctime still tells.
sed -i '1s/Fixture/Fixturx/' "$C/old/drivers/gupplan/reg.c" &&
	touch -d '2020-01-01 00:00' "$C/old/drivers/gupplan/reg.c"
check "cache: an edit of the same size with its mtime put back is read again (ctime)" \
	sh -c "'$GUPCHECK' scan '$C/old' -o '$C/old.db' | grep -q ', 1 parsed now, 29 from the cache,'"
check "cache: ... and the database is the cold scan's" same_as_cold "$C/old" "$C/old.db"
