#!/usr/bin/env python3
"""The rule registry against the sources: every rule id compiler/ can report is registered, and
every registered id is reported somewhere.

Usage: ids-in-sources.py OPSKIT_BINARY SOURCE_DIR

A rule id is a string literal shaped like `family.name` (lower case, digits and '-' after the
dot), such as "link.unresolved", in any C++ file under compiler/: passed to sink.report,
report_at, warn_unknown_keys, parse_yaml or a checker's own helper, or assigned to a constant
(`constexpr const char* kInvalid = "data.invalid"`). Comments are left out; file names
("opskit.yaml", "index.html") are told apart by their extension. Literals that look like a rule
id but are not one go in NOT_RULE_IDS below, with the reason.

Ids built at run time ("runbook" + ".stale") cannot be found by any grep: a literal that is a
registered family followed by '.' ("runbook.") or a '.' and the name part of a registered id
(".stale") fails the test, so such ids are written out whole instead.

The registry files themselves (compiler/diagnostics/rule_registry.cpp and rule_listing.cpp) do
not count as sources.
"""
import json
import pathlib
import re
import subprocess
import sys

RULE_ID = re.compile(r"^[a-z]+\.[a-z][a-z0-9-]*$")
FILE_EXTENSIONS = {
    "html", "htm", "md", "yaml", "yml", "json", "csv", "css", "js", "mjs", "txt", "xml", "zip", "mustache",
    "png", "svg", "jpg", "jpeg", "gif", "webp", "ico", "sh", "py", "cpp", "hpp", "h", "map", "woff", "woff2",
    "tmp", "lock", "pdf", "epub", "toml",
}
# Literals shaped like a rule id that are something else: "literal": "why".
NOT_RULE_IDS = {}
REGISTRY_FILES = {"compiler/diagnostics/rule_registry.cpp", "compiler/diagnostics/rule_listing.cpp"}


def raw_string_prefix(text, i):
    """Whether the R at i starts a raw string literal: R"(, u8R"(, LR"( ..., not fooR"."""
    start = i
    while start > 0 and (text[start - 1].isalnum() or text[start - 1] == "_"):
        start -= 1
    return text[start:i + 1] in ("R", "u8R", "uR", "UR", "LR")


def string_literals(text):
    """(line, contents) of every string literal of a C++ source, comments skipped."""
    out = []
    i, n, line = 0, len(text), 1
    while i < n:
        c = text[i]
        if c == "\n":
            line += 1
            i += 1
        elif text.startswith("//", i):
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            end = n if end < 0 else end + 2
            line += text.count("\n", i, end)
            i = end
        elif text.startswith('R"', i) and raw_string_prefix(text, i):
            open_paren = text.find("(", i + 2)
            delimiter = text[i + 2:open_paren]
            close = text.find(")" + delimiter + '"', open_paren)
            close = n if close < 0 else close
            out.append((line, text[open_paren + 1:close]))
            end = close + len(delimiter) + 2
            line += text.count("\n", i, end)
            i = end
        elif c == '"':
            j = i + 1
            while j < n and text[j] != '"':
                j += 2 if text[j] == "\\" else 1
            out.append((line, text[i + 1:j]))
            i = j + 1
        elif c == "'" and not (i > 0 and text[i - 1].isalnum()):  # a character, not a digit separator
            j = i + 1
            while j < n and text[j] != "'":
                j += 2 if text[j] == "\\" else 1
            i = j + 1
        else:
            i += 1
    return out


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    opskit, root = sys.argv[1], pathlib.Path(sys.argv[2])
    listed = json.loads(subprocess.run([opskit, "rules", "--format", "json"], check=True, capture_output=True,
                                       text=True).stdout)
    registry = {r["id"] for r in listed}
    families = {r["family"] for r in listed}
    names = {r["id"].split(".", 1)[1] for r in listed}

    found = {}  # id -> ["file:line", ...]
    built = []  # places that look like an id put together at run time
    sources = sorted(p for p in (root / "compiler").rglob("*") if p.suffix in (".cpp", ".hpp"))
    for path in sources:
        rel = path.relative_to(root).as_posix()
        if rel in REGISTRY_FILES:
            continue
        for line, literal in string_literals(path.read_text(encoding="utf-8")):
            where = f"{rel}:{line}"
            if RULE_ID.match(literal):
                if literal.rsplit(".", 1)[1] in FILE_EXTENSIONS or literal in NOT_RULE_IDS:
                    continue
                found.setdefault(literal, []).append(where)
            elif (literal.endswith(".") and literal[:-1] in families) or (
                    literal.startswith(".") and literal[1:] in names):
                built.append(f'{where}: "{literal}"')

    print(f"{len(sources)} source files; {len(found)} rule ids found in them; {len(registry)} in the registry")
    missing = sorted(set(found) - registry)
    unused = sorted(registry - set(found))
    for rule in missing:
        print(f"not in the registry (add it to compiler/diagnostics/rule_registry.cpp): {rule} at "
              + ", ".join(found[rule]))
    for rule in unused:
        print(f"in the registry but reported nowhere in compiler/ (remove it, or report it by this id): {rule}")
    for place in built:
        print(f"a rule id put together at run time (write the id out whole): {place}")
    if missing or unused or built:
        print("ids found in the sources:")
        for rule in sorted(found):
            print(f"  {rule}  ({found[rule][0]}{' and more' if len(found[rule]) > 1 else ''})")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
