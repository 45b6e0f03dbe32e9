# The report formats of plan's findings (checker/report.c): gcc text, JSON lines, SARIF 2.1.0
# validated against the official schema, and what a run says beside its findings (a degraded
# scan, files that failed to parse; issue 13, items 9 and 13).  Sourced by tests/run, which
# provides ok, ko, check, exits, fixtures_db, $GUPCHECK, $TMP and $KTREE; everything the tests
# make stays in $TMP/report.
R=$TMP/report
mkdir -p "$R"
SCHEMA=${SARIF_SCHEMA:-../shared/sarif/sarif-schema-2.1.0.json}
PY=/usr/bin/python3	# Debian's, with python3-jsonschema ('make deps')
if ! fixtures_db; then
	ko "report: scan tests/tree"
	return 0
fi
db=$TMP/fixtures.db
# The fixture plan's findings: its error and warning lines (tests/run's plan suite pins them).
"$GUPCHECK" plan "$db" >"$R/plan.txt"
nfind=$(grep -cE '^[^ ]+: (error|warning): ' "$R/plan.txt")

# sarif_valid FILE: FILE is valid against the SARIF 2.1.0 schema (Draft 4, formats checked:
# uri, uri-reference).
sarif_valid() {
	"$PY" - "$SCHEMA" "$1" <<'EOF'
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
log = json.load(open(sys.argv[2], encoding="utf-8"))
v = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
errors = sorted(v.iter_errors(log), key=lambda e: list(e.path))
for e in errors[:10]:
    print(list(e.path), e.message)
sys.exit(1 if errors else 0)
EOF
}

# 1. gcc: each finding of drivers/gupplan/sg.c with the paired acquire and its two releases as
#    notes.  The fixture pins pin_user_pages_fast() at 13:12 in plan_dma_start(), unpins the
#    partial pin at 17:4 (if got > 0) and puts the pages from the sg table at 28:3 in
#    plan_dma_done(); both findings (mixed-release at the pin, wrong-release at the put) are
#    tied to that one site, so each carries the same three notes.
"$GUPCHECK" plan "$db" --format=gcc >"$R/gcc.txt"; rc=$?
check "report: plan --format=gcc exits 1 on findings" test "$rc" -eq 1
cat >"$R/sg.want" <<'EOF'
drivers/gupplan/sg.c:13:12: warning: pin_user_pages_fast() asks for FOLL_WRITE and the pages' bytes are written (put into an sg table or bio), but none of their releases dirties them (unpin_user_pages() at drivers/gupplan/sg.c:17 among them): set_page_dirty_lock() before the release, or release with a *_dirty_lock(..., true) [dirty-missing]
drivers/gupplan/sg.c:13:12: note: acquire: pin_user_pages_fast() in plan_dma_start
drivers/gupplan/sg.c:17:4: note: release: unpin_user_pages() in plan_dma_start -> unpin_user_pages if got > 0
drivers/gupplan/sg.c:28:3: note: release: put_page() in plan_dma_done -> unpin_user_page via field struct plan_dma.sgt
drivers/gupplan/sg.c:13:12: error: pages of pin_user_pages_fast() are released by put_page() at drivers/gupplan/sg.c:28 and by unpin_user_pages() at drivers/gupplan/sg.c:17 [mixed-release]
drivers/gupplan/sg.c:13:12: note: acquire: pin_user_pages_fast() in plan_dma_start
drivers/gupplan/sg.c:17:4: note: release: unpin_user_pages() in plan_dma_start -> unpin_user_pages if got > 0
drivers/gupplan/sg.c:28:3: note: release: put_page() in plan_dma_done -> unpin_user_page via field struct plan_dma.sgt
drivers/gupplan/sg.c:28:3: error: put_page() releases pages pinned by pin_user_pages_fast() at drivers/gupplan/sg.c:13: pins are released by unpin_user_page*() [wrong-release]
drivers/gupplan/sg.c:13:12: note: acquire: pin_user_pages_fast() in plan_dma_start
drivers/gupplan/sg.c:17:4: note: release: unpin_user_pages() in plan_dma_start -> unpin_user_pages if got > 0
drivers/gupplan/sg.c:28:3: note: release: put_page() in plan_dma_done -> unpin_user_page via field struct plan_dma.sgt
EOF
awk '/: (error|warning): / { keep = index($0, "drivers/gupplan/sg.c:") == 1 } keep' \
	"$R/gcc.txt" >"$R/sg.got"
check "report: gcc: sg.c's three findings, each with its acquire and release notes" \
	diff -u "$R/sg.want" "$R/sg.got"
check "report: gcc: one error/warning line per finding of the plan ($nfind)" \
	test "$(grep -cvE '^[^ ]+: note: ' "$R/gcc.txt")" -eq "$nfind"
check "report: gcc: findings sorted by path, line, column" \
	sh -c "grep -vE '^[^ ]+: note: ' '$R/gcc.txt' | cut -d: -f1-3 | sort -c -t: -k1,1 -k2,2n -k3,3n"
# An unreleased leak has no release to pair: its one note is its acquire (bugs.c:51:6).
check "report: gcc: an unreleased finding's only note is its acquire" \
	sh -c "grep -A2 '^drivers/gupplan/bugs.c:51:6: error: .*\[unreleased\]$' '$R/gcc.txt' |
	       sed -n '2,3p' | grep -c ': note: ' | grep -qx 1"
# --checks= selects: wrong-release alone.
"$GUPCHECK" plan "$db" --format=gcc --checks=wrong-release | grep -v ': note: ' |
	cut -d: -f1-3 >"$R/wrong.got"
# The want list is the wrong releases the fixtures' expected plan lines (check-plan blocks) name.
for f in $(grep -rl 'check-plan-start' tests/tree); do
	sed -n '/check-plan-start/,/check-plan-end/p' "$f"
done | grep -oE '^[^ ]+: error: .*\[wrong-release\]$' | cut -d: -f1-3 | sort >"$R/wrong.want"
check "report: gcc --checks=wrong-release: only its findings, the fixtures' expected ones" \
	sh -c "test -s '$R/wrong.want' && diff -u '$R/wrong.want' '$R/wrong.got'"
check "report: --format=xml: exit 2, names it" \
	exits 2 "xml" "$GUPCHECK" plan "$db" --format=xml

# 2. JSON lines: the run first, then one object per finding with every field.
"$GUPCHECK" plan "$db" --format=json-findings >"$R/f.jsonl"
fp=$(sqlite3 "$db" "SELECT d.fingerprint FROM findings d JOIN calls c ON c.id = d.call_id
	JOIN files f ON f.id = c.file_id WHERE f.path = 'drivers/gupplan/sg.c' AND c.line = 28
	AND d.check_name = 'wrong-release'")
check "report: json-findings: parses; run line first; $nfind findings with all their fields" \
	"$PY" - "$R/f.jsonl" "$nfind" "$fp" "$PWD/tests/tree" <<'EOF'
import json, sys
lines = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
run, items = lines[0], lines[1:]
assert run == {"type": "run", "command": "plan", "tree": sys.argv[4], "degraded": False,
               "parse_problems": []}, run
assert len(items) == int(sys.argv[2]), len(items)
keys = {"type", "check", "severity", "path", "line", "col", "function", "message",
        "fingerprint", "related", "fixed"}
for i in items:
    assert set(i) == keys and i["type"] == "finding" and i["fixed"] is False, i
    assert i["severity"] in ("error", "warning") and len(i["fingerprint"]) == 16, i
w = [i for i in items if i["path"] == "drivers/gupplan/sg.c" and i["line"] == 28]
assert len(w) == 1 and w[0]["check"] == "wrong-release" and w[0]["col"] == 3, w
assert w[0]["function"] == "plan_dma_done" and w[0]["fingerprint"] == sys.argv[3], w
assert [(r["path"], r["line"], r["col"]) for r in w[0]["related"]] == [
    ("drivers/gupplan/sg.c", 13, 12), ("drivers/gupplan/sg.c", 17, 4),
    ("drivers/gupplan/sg.c", 28, 3)], w
assert w[0]["related"][0]["message"] == "acquire: pin_user_pages_fast() in plan_dma_start"
EOF
check "report: plan --format=json keeps its site lines (no finding objects)" \
	sh -c "'$GUPCHECK' plan '$db' --format=json | grep -c '\"verdict\"' |
	       grep -qx \"\$(sqlite3 '$db' 'SELECT count(*) FROM verdicts')\""

# 3. SARIF: valid; the rules are the checks of check_list.h; the sg.c wrong-release result has
#    its rule, level, fingerprint, the three related locations and the same path as a code flow;
#    the unreleased leak has its acquire as its only related location and no code flow.
"$GUPCHECK" plan "$db" --format=sarif >"$R/f.sarif"; rc=$?
check "report: plan --format=sarif exits 1 on findings" test "$rc" -eq 1
check "report: sarif: valid against the SARIF 2.1.0 schema" sarif_valid "$R/f.sarif"
sed -n 's/^CHECK([a-z_]*, "\([a-z-]*\)", SEV_\([A-Z]*\),$/\1 \2/p' checker/check_list.h >"$R/checks"
check "report: sarif: rules, results, related locations, fingerprints and code flows" \
	"$PY" - "$R/f.sarif" "$nfind" "$fp" "$PWD/tests/tree" "$R/checks" <<'EOF'
import json, sys
log = json.load(open(sys.argv[1], encoding="utf-8"))
assert log["version"] == "2.1.0" and len(log["runs"]) == 1
run = log["runs"][0]
drv = run["tool"]["driver"]
assert drv["name"] == "gupcheck" and drv["version"]
checks = [l.split() for l in open(sys.argv[5])]
assert [r["id"] for r in drv["rules"]] == [c[0] for c in checks], drv["rules"]
for r, (name, sev) in zip(drv["rules"], checks):
    assert r["defaultConfiguration"]["level"] == sev.lower(), r
    assert all(r[k]["text"] for k in ("shortDescription", "fullDescription", "help")), r
assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == "file://" + sys.argv[4] + "/"
assert run["invocations"][0]["executionSuccessful"] is True
assert run["properties"]["degraded"] is False and run["properties"]["parseProblems"] == []
res = run["results"]
assert len(res) == int(sys.argv[2]), len(res)
for r in res:
    assert drv["rules"][r["ruleIndex"]]["id"] == r["ruleId"], r
    assert r["level"] == drv["rules"][r["ruleIndex"]]["defaultConfiguration"]["level"], r
    assert r["locations"][0]["physicalLocation"]["artifactLocation"]["uriBaseId"] == "SRCROOT"
def where(loc):
    p = loc["physicalLocation"]
    return (p["artifactLocation"]["uri"], p["region"]["startLine"], p["region"]["startColumn"])
def at(uri, line, rule=None):
    got = [r for r in res if where(r["locations"][0])[:2] == (uri, line) and
           rule in (None, r["ruleId"])]
    assert len(got) == 1, (uri, line, got)
    return got[0]
w = at("drivers/gupplan/sg.c", 28)
assert w["ruleId"] == "wrong-release" and w["level"] == "error", w
assert w["partialFingerprints"] == {"gupcheck/v1": sys.argv[3]}, w
path = [("drivers/gupplan/sg.c", 13, 12), ("drivers/gupplan/sg.c", 17, 4),
        ("drivers/gupplan/sg.c", 28, 3)]
assert [where(l) for l in w["relatedLocations"]] == path, w["relatedLocations"]
assert [l["id"] for l in w["relatedLocations"]] == [1, 2, 3]
assert w["relatedLocations"][0]["message"]["text"].startswith("acquire: pin_user_pages_fast()")
assert w["relatedLocations"][2]["message"]["text"].startswith("release: put_page() in plan_dma_done")
flow = w["codeFlows"][0]["threadFlows"][0]["locations"]
assert [where(l["location"]) for l in flow] == path, flow
u = at("drivers/gupplan/bugs.c", 51, "unreleased")
assert u["ruleId"] == "unreleased" and "codeFlows" not in u, u
assert [where(l) for l in u["relatedLocations"]] == [("drivers/gupplan/bugs.c", 51, 6)], u
EOF

# 4. A degraded scan (the tree without include/generated/autoconf.h) says so in the run
#    properties of JSON lines and SARIF (issue 13, item 9).
cp -r tests/tree "$R/unconf" && rm "$R/unconf/include/generated/autoconf.h"
"$GUPCHECK" scan "$R/unconf" -o "$R/unconf.db" >/dev/null 2>&1
"$GUPCHECK" plan "$R/unconf.db" --format=json-findings >"$R/unconf.jsonl" 2>/dev/null
"$GUPCHECK" plan "$R/unconf.db" --format=sarif >"$R/unconf.sarif" 2>/dev/null
check "report: a degraded scan: degraded true on the JSON run line" \
	"$PY" -c 'import json, sys; assert json.loads(open(sys.argv[1]).readline())["degraded"] is True' \
	"$R/unconf.jsonl"
check "report: a degraded scan: degraded true in SARIF run.properties" \
	"$PY" -c 'import json, sys; assert json.load(open(sys.argv[1]))["runs"][0]["properties"]["degraded"] is True' \
	"$R/unconf.sarif"
check "report: a degraded scan: its SARIF is valid" sarif_valid "$R/unconf.sarif"

# 5. A file that does not parse cleanly is named in the run properties (issue 13, item 13):
#    a declaration with no initialiser expression appended to drivers/gupplan/bugs.c, whose
#    error is at the ';' (column 14) of the new last line, named relative to the tree.
cp -r tests/tree "$R/broken" && echo 'int broken = ;' >>"$R/broken/drivers/gupplan/bugs.c"
bad="drivers/gupplan/bugs.c: errors: drivers/gupplan/bugs.c:$(wc -l <"$R/broken/drivers/gupplan/bugs.c"):14: error: "
"$GUPCHECK" scan "$R/broken" -o "$R/broken.db" >/dev/null 2>&1
"$GUPCHECK" plan "$R/broken.db" --format=json-findings >"$R/broken.jsonl"
"$GUPCHECK" plan "$R/broken.db" --format=sarif >"$R/broken.sarif"
check "report: a file with parse errors is named in parse_problems (JSON) and parseProblems (SARIF)" \
	"$PY" - "$R/broken.jsonl" "$R/broken.sarif" "$bad" <<'EOF'
import json, sys
run = json.loads(open(sys.argv[1]).readline())
props = json.load(open(sys.argv[2]))["runs"][0]["properties"]
for problems in (run["parse_problems"], props["parseProblems"]):
    assert len(problems) == 1 and problems[0].startswith(sys.argv[3]), (problems, sys.argv[3])
EOF

# 6. Hostile names: the tree under a folder with a space and a quote, and sg.c renamed to
#    q'<0xff><0x01>é.c (a quote, a byte that is not UTF-8, a control character, a valid
#    non-ASCII letter; kbuild cannot build a file whose name has a space, so the space is in the
#    root).  JSON stays valid (the 0xff byte becomes U+FFFD), SARIF URIs are percent-encoded
#    byte for byte, gcc text escapes the control byte.
H="$R/a b'c" && mkdir -p "$H" && cp -r tests/tree "$H/tree"
name=$(printf "q'\377\001\303\251")
mv "$H/tree/drivers/gupplan/sg.c" "$H/tree/drivers/gupplan/$name.c"
sed -i "s/ sg\.o / $name.o /" "$H/tree/drivers/gupplan/Makefile"
"$GUPCHECK" scan "$H/tree" -o "$R/hostile.db" >/dev/null 2>&1
"$GUPCHECK" plan "$R/hostile.db" --format=json-findings >"$R/hostile.jsonl"
"$GUPCHECK" plan "$R/hostile.db" --format=sarif >"$R/hostile.sarif"
"$GUPCHECK" plan "$R/hostile.db" --format=gcc >"$R/hostile.gcc"
check "report: hostile path: JSON lines valid, the bad byte replaced, the rest kept" \
	"$PY" - "$R/hostile.jsonl" <<'EOF'
import json, sys
items = [json.loads(l) for l in open(sys.argv[1], "rb")][1:]
want = "drivers/gupplan/q'\ufffd\x01\u00e9.c"
got = [i for i in items if i["check"] == "wrong-release" and i["line"] == 28]
assert len(got) == 1 and got[0]["path"] == want, got
assert [r["path"] for r in got[0]["related"]] == [want] * 3, got
EOF
check "report: hostile path: SARIF valid against the schema" sarif_valid "$R/hostile.sarif"
check "report: hostile path: SARIF URIs percent-encoded byte for byte (RFC 3986)" \
	"$PY" - "$R/hostile.sarif" "$H/tree" <<'EOF'
import json, os, sys, urllib.parse
run = json.load(open(sys.argv[1], encoding="utf-8"))["runs"][0]
root = urllib.parse.quote(os.fsencode(sys.argv[2]), safe="/")
assert run["originalUriBaseIds"]["SRCROOT"]["uri"] == "file://" + root + "/", run["originalUriBaseIds"]
want = "drivers/gupplan/q%27%FF%01%C3%A9.c"
uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]]
assert uris.count(want) == 3, uris  # sg.c's three: dirty-missing, mixed-release, wrong-release
EOF
check "report: hostile path: gcc text writes the control byte as \\001, one line per finding" \
	grep -qF "drivers/gupplan/$(printf "q'\377")\\001$(printf '\303\251').c:28:3: error: " "$R/hostile.gcc"

# 7. linux-6.1: when the linux suite has scanned the tree in this run, its plan as SARIF is
#    valid and has one result per finding of the committed plan (reports/linux-6.1/plan.txt).
if [ -f "$TMP/linux.db" ]; then
	"$GUPCHECK" plan "$TMP/linux.db" --format=sarif >"$R/linux.sarif"
	check "report: linux-6.1: SARIF valid" sarif_valid "$R/linux.sarif"
	want=$(sed -n '1s/.*, \([0-9]*\) findings$/\1/p' reports/linux-6.1/plan.txt)
	check "report: linux-6.1: SARIF has the plan's $want findings as results" \
		"$PY" -c 'import json, sys; assert len(json.load(open(sys.argv[1]))["runs"][0]["results"]) == int(sys.argv[2])' \
		"$R/linux.sarif" "$want"
fi

# A write error on standard output: one line, exit 2, whatever the format (issue 13, item 4).
for f in gcc json-findings sarif; do
	check "report: plan --format=$f >/dev/full: exit 2, one line" \
		sh -c "'$GUPCHECK' plan '$db' --format=$f >/dev/full 2>'$R/full.err'; test \$? -eq 2 &&
		       test \$(wc -l <'$R/full.err') -eq 1 && grep -q 'standard output' '$R/full.err'"
done
