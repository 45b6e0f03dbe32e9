"""Check a gate's json or sarif output: exactly one new finding, CHECK at PATH:LINE; SARIF valid.

Usage: gate_format.py json|sarif OUTPUT PATH LINE CHECK SCHEMA.  Exit 0 when it holds, else 1 with
what differs.  Fixed notes (the baseline's findings that are gone) are not new findings.
"""
import json
import sys


def json_findings(text):
    """The new findings of JSON lines output: objects naming a check that are not fixed."""
    found = []
    for n, line in enumerate(text.splitlines(), 1):
        obj = json.loads(line)  # every line must be JSON
        if not isinstance(obj, dict) or obj.get("type") != "finding" or obj.get("fixed"):
            continue
        found.append((obj.get("path"), obj.get("line"), obj.get("check")))
    return found


def sarif_findings(text, schema_path):
    """The results of a SARIF log that are not notes, after validating it against the schema."""
    import jsonschema
    log = json.loads(text)
    with open(schema_path) as f:
        schema = json.load(f)
    jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker()).validate(log)
    found = []
    for run in log["runs"]:
        for res in run.get("results", []):
            if res.get("level") == "note" or res.get("kind") in ("pass", "informational"):
                continue
            loc = res["locations"][0]["physicalLocation"]
            found.append((loc["artifactLocation"]["uri"], loc["region"]["startLine"],
                          res["ruleId"]))
    return found


def main():
    fmt, out, path, line, check, schema = sys.argv[1:7]
    with open(out) as f:
        text = f.read()
    found = json_findings(text) if fmt == "json" else sarif_findings(text, schema)
    want = [(path, int(line), check)]
    if found != want:
        print("found %r, wanted %r" % (found, want))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
