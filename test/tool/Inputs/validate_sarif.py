#!/usr/bin/env python3
"""Validate a SARIF log against the SARIF 2.1.0 schema and print a digest of
it for FileCheck.

    validate_sarif.py <schema.json> <log.sarif>

The whole file must be one JSON document (so a log written to stdout holds
nothing else) that the schema accepts; every replacement's line/column
region must also name the same bytes as its byteOffset/byteLength, read
from the file that %SRCROOT% (run.originalUriBaseIds) or the file:// URI
points to. On a problem: one line per problem on stderr, exit 1.

The digest, one line per item, in the log's order:
    rules: <n>
    rule <id> | <shortDescription> | <helpUri>
    result <ruleId>[#<ruleIndex>] <level> <uri>:<line>:<col> | <message>
      related <uri>:<line>:<col> | <message>
      fix [<description>] <uri> <line>:<col>-<line>:<col> bytes <offset>+<length> -> <inserted text, as a Python literal>
where <uri> is written %SRCROOT%/<relative> or as the absolute URI.

The schema is test/tool/Inputs/sarif-schema-2.1.0.json: OASIS's SARIF
2.1.0 schema with errata 01 (oasis-tcs/sarif-spec,
Schemata/sarif-schema-2.1.0.json), a JSON Schema draft-04 document. Needs
the jsonschema module (Debian: python3-jsonschema).
"""
import json
import sys
import urllib.parse

import jsonschema


def fail(problems):
    for p in problems:
        print(f"validate_sarif.py: {p}", file=sys.stderr)
    sys.exit(1)


def uri_text(loc):
    base = loc.get("uriBaseId")
    return f"{base}/{loc['uri']}" if base else loc["uri"]


def local_path(loc, bases):
    """The file an artifactLocation names, or None."""
    uri = loc["uri"]
    if "uriBaseId" in loc:
        uri = bases[loc["uriBaseId"]] + uri
    parsed = urllib.parse.urlparse(uri)
    return urllib.parse.unquote(parsed.path) if parsed.scheme == "file" else None


def line_starts(data):
    """Byte offsets of the lines' starts; lines end at LF, CRLF or a lone
    CR, as the compiler counts them."""
    starts = [0]
    for i, byte in enumerate(data):
        if byte == 0x0A or (byte == 0x0D and data[i + 1:i + 2] != b"\n"):
            starts.append(i + 1)
    return starts


def offset_of(data, line, column):
    """Byte offset of a 1-based line and UTF-16 column (SARIF's default
    columnKind, which the log must declare)."""
    at = line_starts(data)[line - 1]
    units = column - 1
    while units > 0:
        lead = data[at]
        size = 1 if lead < 0x80 else 2 if lead >> 5 == 6 else \
            3 if lead >> 4 == 14 else 4 if lead >> 3 == 30 else 1
        try:
            data[at:at + size].decode("utf-8")
        except UnicodeDecodeError:
            size = 1
        units -= 2 if size == 4 else 1
        at += size
    return at


def position(phys):
    region = phys.get("region", {})
    where = uri_text(phys["artifactLocation"])
    if "startLine" in region:
        where += f":{region['startLine']}:{region.get('startColumn', '?')}"
    return where


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: validate_sarif.py <schema.json> <log.sarif>")
    with open(sys.argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        text = f.read()
    try:
        log = json.loads(text)
    except json.JSONDecodeError as e:
        fail([f"not one JSON document: {e}"])

    validator = jsonschema.Draft4Validator(schema)
    problems = [f"schema: at /{'/'.join(str(p) for p in e.absolute_path)}: "
                f"{e.message}" for e in validator.iter_errors(log)]
    if problems:
        fail(problems)

    run = log["runs"][0]
    if run.get("columnKind") != "utf16CodeUnits":
        problems.append("run.columnKind is not utf16CodeUnits")
    bases = {k: v["uri"] for k, v in run.get("originalUriBaseIds", {}).items()}
    rules = run["tool"]["driver"].get("rules", [])
    print(f"rules: {len(rules)}")
    for rule in rules:
        desc = rule.get("shortDescription", {}).get("text", "-")
        print(f"rule {rule['id']} | {desc} | {rule.get('helpUri', '-')}")

    for result in run.get("results", []):
        rule = result.get("ruleId", "-")
        if "ruleIndex" in result:
            index = result["ruleIndex"]
            if rules[index]["id"] != rule:
                problems.append(f"ruleIndex {index} is not {rule}")
            rule += f"#{index}"
        where = "-"
        if result.get("locations"):
            where = position(result["locations"][0]["physicalLocation"])
        print(f"result {rule} {result.get('level', '-')} {where} | "
              f"{result['message']['text']}")
        for related in result.get("relatedLocations", []):
            where = position(related["physicalLocation"]) \
                if "physicalLocation" in related else "-"
            print(f"  related {where} | {related['message']['text']}")
        for fix in result.get("fixes", []):
            desc = fix.get("description", {}).get("text")
            for change in fix["artifactChanges"]:
                loc = change["artifactLocation"]
                path = local_path(loc, bases)
                data = open(path, "rb").read() if path else None
                for rep in change["replacements"]:
                    r = rep["deletedRegion"]
                    start = offset_of(data, r["startLine"], r["startColumn"])
                    end = offset_of(data, r["endLine"], r["endColumn"])
                    if (start, end - start) != (r["byteOffset"], r["byteLength"]):
                        problems.append(
                            f"{uri_text(loc)}: region {r} names bytes "
                            f"{start}+{end - start}")
                    inserted = rep.get("insertedContent", {}).get("text", "")
                    print(f"  fix {f'[{desc}] ' if desc else ''}"
                          f"{uri_text(loc)} {r['startLine']}:{r['startColumn']}"
                          f"-{r['endLine']}:{r['endColumn']} bytes "
                          f"{r['byteOffset']}+{r['byteLength']} -> "
                          f"{inserted!r}")
    if problems:
        fail(problems)


if __name__ == "__main__":
    main()
