# Integration on the real linux-6.1 tree: the census equals spatch's independent one, and every
# GUP caller that kbuild builds parses cleanly.  Sourced by tests/run (ok, ko, check, $TMP, $KTREE).

if [ ! -f "$KTREE/.gupcheck-configured" ]; then
	ko "linux: $KTREE is not unpacked and configured (run 'make tree')"
	return 0
fi
db=$TMP/linux.db
if ! "$GUPCHECK" scan "$KTREE" -o "$db" >"$TMP/scan.out" 2>&1; then
	ko "linux: scan $KTREE" "$(cat "$TMP/scan.out")"
	return 0
fi
ok "linux: scan $KTREE: $(tail -1 "$TMP/scan.out")"

# 1. The same acquire call sites as spatch finds in the same files, position by position.
sqlite3 "$db" "SELECT path FROM files ORDER BY path" >"$TMP/candidates"
(cd "$KTREE" && spatch --very-quiet -D report --no-includes --include-headers \
	--sp-file "$OLDPWD/tests/linux/find-calls.cocci" $(cat "$TMP/candidates") -j 2 \
	2>"$TMP/spatch.err") | cut -d' ' -f1 | sort -u >"$TMP/spatch.pos"
sqlite3 "$db" "SELECT path || ':' || line || ':' || col || ':' FROM acquire_sites" | sort >"$TMP/gupcheck.pos"
if [ -s "$TMP/spatch.pos" ] && diff "$TMP/spatch.pos" "$TMP/gupcheck.pos" >"$TMP/census.diff"; then
	ok "linux: $(wc -l <"$TMP/gupcheck.pos") acquire sites, the same as spatch's census at the same positions"
else
	# "<" lines are calls only spatch matched, ">" lines calls only gupcheck recorded.
	ko "linux: census differs from spatch's" "$(cat "$TMP/census.diff" "$TMP/spatch.err" | head -40)"
fi

# 2. No file with a call is missed by the prefilter: every file outside the candidates that
#    mentions an acquire name followed by "(" holds no call (spatch finds none there).
names=$(sed -n 's/^\([a-z_0-9]*\)@p(...)$/\1/p' tests/linux/find-calls.cocci | paste -sd'|')
(cd "$KTREE" && grep -rlE --include='*.[ch]' "\\b($names)\\s*\\(" . | sed 's|^\./||' |
	grep -vE '^(tools|Documentation|usr)/' | sort) >"$TMP/mentions"
comm -23 "$TMP/mentions" "$TMP/candidates" >"$TMP/others"
if [ -s "$TMP/others" ]; then
	(cd "$KTREE" && spatch --very-quiet -D report --no-includes --include-headers \
		--sp-file "$OLDPWD/tests/linux/find-calls.cocci" $(cat "$TMP/others") 2>/dev/null) >"$TMP/others.calls"
else
	: >"$TMP/others.calls"
fi
if [ ! -s "$TMP/others.calls" ]; then
	ok "linux: the $(wc -l <"$TMP/others") non-candidate files that mention an acquire name hold no call"
else
	ko "linux: calls in files the prefilter dropped" "$(cat "$TMP/others.calls")"
fi

# 3. Every GUP caller that kbuild builds (or might) parses with no error.
bad=$(sqlite3 "$db" "SELECT path || ': ' || first_diagnostic FROM files
	WHERE status IN ('errors', 'failed') AND built != 'no'
	AND id IN (SELECT file_id FROM acquire_sites)")
if [ -z "$bad" ]; then
	ok "linux: every built GUP caller file parses without errors"
else
	ko "linux: GUP caller files with parse errors" "$bad"
fi

# 4. A scan killed in the middle leaves the previous database intact.
sum=$(sha1sum <"$db")
"$GUPCHECK" scan "$KTREE" -o "$db" >/dev/null 2>&1 &
pid=$!
sleep 5
kill -9 "$pid" 2>/dev/null; wait "$pid" 2>/dev/null
rm -f "$db".tmp.*
if [ "$(sha1sum <"$db")" = "$sum" ] && "$GUPCHECK" facts "$db" >/dev/null; then
	ok "linux: a scan killed after 5 s leaves the previous database intact and readable"
else
	ko "linux: a killed scan changed the previous database"
fi
