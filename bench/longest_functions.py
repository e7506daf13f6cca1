#!/usr/bin/env python3
"""The longest functions (lambdas included) of a C++ tree, found by counting braces in the source
with its comments and string literals blanked out.

The project keeps every function in src/ at 120 lines or fewer and every file under 700
(docs/architecture.md).

usage: bench/longest_functions.py [DIR] [N]     (defaults: src 15)

Prints "lines file first-line name" for the N longest ("?" names a lambda) and exits with 1
when one is over 120 lines."""
import os
import re
import sys

LIMIT = 120


def blank(src):
    """The source with comments and string and character literals replaced by spaces (newlines
    kept, so line numbers stay)."""
    out, i, n = [], 0, len(src)
    while i < n:
        if src.startswith("//", i):
            j = src.find("\n", i)
            j = n if j < 0 else j
        elif src.startswith("/*", i):
            j = src.find("*/", i) + 2
        elif src.startswith('R"', i):
            delim = re.match(r'R"([^(]*)\(', src[i:]).group(1)
            j = src.find(")" + delim + '"', i) + len(delim) + 2
        elif src[i] in "\"'":
            j = i + 1
            while j < n and src[j] != src[i]:
                j += 2 if src[j] == "\\" else 1
            j += 1
        else:
            out.append(src[i])
            i += 1
            continue
        out.append(re.sub(r"[^\n]", " ", src[i:j]))
        i = j
    return "".join(out)


def functions(path):
    """(lines, first line, name) of each brace block of `path` that is a function body."""
    s = blank(open(path, encoding="utf-8").read())
    stack, last, found = [], 0, []
    for i, c in enumerate(s):
        if c == "{":
            head = s[last:i].strip()
            name = None
            if re.search(r"\)\s*(const|noexcept|override|final|mutable|\s)*(->\s*[\w:<>,\s*&]+)?$", head):
                m = re.search(r"(\w[\w:~<>]*)\s*\([^()]*(\([^()]*\)[^()]*)*\)[^()]*$", head)
                name = m.group(1) if m else "?"
                if name in ("if", "for", "while", "switch", "catch"):
                    name = None
            stack.append((i, name))
            last = i + 1
        elif c == "}":
            if stack:
                start, name = stack.pop()
                if name:
                    first = s.count("\n", 0, start)
                    found.append((s.count("\n", 0, i) - first + 1, first + 1, name))
            last = i + 1
        elif c == ";":
            last = i + 1
    return found


def main():
    top = sys.argv[1] if len(sys.argv) > 1 else "src"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 15
    rows = []
    for root, _, files in sorted(os.walk(top)):
        for f in sorted(files):
            if f.endswith((".cpp", ".hpp")):
                path = os.path.join(root, f)
                rows += [(n, path, line, name) for n, line, name in functions(path)]
    rows.sort(reverse=True)
    for row in rows[:count]:
        print(*row)
    sys.exit(1 if rows and rows[0][0] > LIMIT else 0)


if __name__ == "__main__":
    main()
