#!/usr/bin/env python3
"""Checks the repository's own Markdown pages: README.md, docs/*.md, BENCHMARKS.md, FUZZING.md,
CHANGELOG.md.

- every relative link points at a file or folder that exists, and every `#anchor` (in the same
  page or another page) at a heading of that page, as GitHub derives anchors;
- the README stays a front door (at most 16 KB) and links to a guide page for each reader.

Exit status 1 with one line per problem (file:line: what) when something is wrong.
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
PAGES = ["README.md", "BENCHMARKS.md", "FUZZING.md", "CHANGELOG.md", *sorted(
    str(p.relative_to(ROOT)) for p in (ROOT / "docs").glob("*.md"))]
READERS = ["rust-services", "frontend-and-mobile", "translators", "catalog-authors", "operators",
           "contributors"]
README_MAX_BYTES = 16 * 1024

LINK = re.compile(r"\]\(([^)\s]+)\)")
FENCE = re.compile(r"^\s*```")


def github_anchor(title: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as `-`."""
    title = re.sub(r"`|\*\*|\[|\]\([^)]*\)", "", title.strip().lower())
    title = re.sub(r"[^\w\- ]", "", title)
    return title.replace(" ", "-")


def anchors(path: pathlib.Path) -> set[str]:
    found, seen, in_code = set(), {}, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if FENCE.match(line):
            in_code = not in_code
            continue
        m = re.match(r"^#{1,6} (.*)", line)
        if m and not in_code:
            a = github_anchor(m.group(1))
            n = seen.get(a, 0)
            seen[a] = n + 1
            found.add(a if n == 0 else f"{a}-{n}")
    return found


def main() -> int:
    problems = []
    for page in PAGES:
        path = ROOT / page
        if not path.exists():
            continue
        in_code = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if FENCE.match(line):
                in_code = not in_code
                continue
            if in_code:
                continue
            for target in LINK.findall(line):
                if re.match(r"^[a-z]+:", target):
                    continue  # https:, mailto:
                file, _, anchor = target.partition("#")
                dest = (path.parent / file).resolve() if file else path
                if not dest.exists():
                    problems.append(f"{page}:{number}: link to `{target}`: no such file")
                elif anchor and dest.suffix == ".md" and anchor not in anchors(dest):
                    problems.append(f"{page}:{number}: link to `{target}`: no such heading")
    readme = ROOT / "README.md"
    size = readme.stat().st_size
    if size > README_MAX_BYTES:
        problems.append(f"README.md: {size} bytes; the front door stays under {README_MAX_BYTES}: "
                        "move reference material into docs/")
    text = readme.read_text(encoding="utf-8")
    for reader in READERS:
        if f"docs/{reader}.md" not in text:
            problems.append(f"README.md: no link to the guide page docs/{reader}.md")
    for problem in problems:
        print(problem)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
