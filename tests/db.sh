# Query tests: every named query of db/queries.sql returns its expected rows and keeps its index.
# Sourced by tests/run, which provides ok, ko, fixtures_db, $GUPCHECK and $TMP.

fixtures_db
awk -v dir="$TMP" '
	/^-- name: / { n++; file = dir "/q" n; sub(/^-- name: /, ""); print > (file ".name"); next }
	/^-- plan: / { sub(/^-- plan: /, ""); print > (file ".plan"); next }
	/^-- expect: / { sub(/^-- expect: /, ""); print > (file ".expect"); next }
	/^--/ || n == 0 { next }
	{ print > (file ".sql") }
' db/queries.sql
for q in "$TMP"/q*.name; do
	q=${q%.name}
	name=$(cat "$q.name")
	got=$(sqlite3 "$TMP/fixtures.db" <"$q.sql" 2>&1)
	if [ "$got" = "$(cat "$q.expect")" ]; then
		ok "query: $name"
	else
		ko "query: $name" "$(diff <(cat "$q.expect") <(printf '%s\n' "$got"))"
	fi
	plan=$( (echo "EXPLAIN QUERY PLAN"; cat "$q.sql") | sqlite3 "$TMP/fixtures.db" 2>&1)
	if grep -q "INDEX $(cat "$q.plan")" <<<"$plan"; then
		ok "query plan uses $(cat "$q.plan"): $name"
	else
		ko "query plan uses $(cat "$q.plan"): $name" "$plan"
	fi
done

# The flow kinds named in SQL are checker/facts.h's enum flow_kind, number for number, and the
# flows table's CHECK admits exactly them.
check "db: flow_kinds equals enum flow_kind" \
	diff <(sed -n 's/^\tFLOW_\([A-Z_]*\) = \([0-9]*\),.*/\2|\1/p' checker/facts.h | tr 'A-Z' 'a-z') \
	     <(sqlite3 "$TMP/fixtures.db" "SELECT kind || '|' || name FROM flow_kinds ORDER BY kind")
check "db: the flows CHECK bound is the last flow kind" \
	grep -q "CHECK (kind BETWEEN 0 AND $(sqlite3 "$TMP/fixtures.db" 'SELECT max(kind) FROM flow_kinds'))" \
	db/schema.sql
