# Command-line behaviour: exit statuses, one-line errors naming the file, degraded trees, schema versions.
# Sourced by tests/run, which provides ok, ko, check, fixtures_db, $GUPCHECK and $TMP.
# (The killed-scan test needs a scan that lasts seconds: it is in linux.sh.)

# exits STATUS PATTERN CMD...: the command exits with STATUS and its stderr matches PATTERN on one line.
exits() {
	local want=$1 pat=$2 got; shift 2
	"$@" >"$TMP/out" 2>"$TMP/err"; got=$?
	[ "$got" -eq "$want" ] || { echo "exit $got, wanted $want"; cat "$TMP/err"; return 1; }
	[ -z "$pat" ] && return 0
	[ "$(wc -l <"$TMP/err")" -eq 1 ] || { echo "stderr is not one line:"; cat "$TMP/err"; return 1; }
	grep -q -- "$pat" "$TMP/err" || { echo "stderr does not match '$pat':"; cat "$TMP/err"; return 1; }
}

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
	exits 0 "" sh -c "'$GUPCHECK' scan tests/tree -o '$TMP/s.db' | grep -q '6 candidates, 5 parsed (0 with errors), 0 failed, 1 of another ARCH, 12 acquire sites (4 not compiled), 3 release sites, 2 field stores'"
