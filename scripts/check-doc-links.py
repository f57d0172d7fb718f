#!/usr/bin/env python3
"""Checks that no link in rustdoc's output is broken: every relative `href` or `src` of every
HTML page under the given folder (target/doc) names a file that exists, and every `#fragment`
an element id (or anchor name) of the page it points into. Links with a scheme (https:, mailto:)
are not followed: the check needs no network.

rustdoc itself reports intra-doc links it cannot resolve (`-D warnings`); this also catches one
it rendered as text anyway (`[<code>axum::localize</code>]`, when the warning was allowed), and
what it renders without checking: relative Markdown links (`[benchmarks](BENCHMARKS.md)` in a doc
comment or an included README), links into items of a feature the build left out, and links
to a fragment that does not exist.

Usage: check-doc-links.py DOC_DIR [CRATE...]   (default: every crate folder of DOC_DIR)
       check-doc-links.py --self-test
"""

import html.parser
import os
import re
import sys
import tempfile
import urllib.parse


class Page(html.parser.HTMLParser):
    """The links and the ids of one page.

    Two kinds of link are not ours to fix, so not collected: those in the docs of blanket
    implementations, which rustdoc copies from the trait's crate (tracing's `WithSubscriber`
    docs link `dispatcher#...` relative to tracing's own pages), and the scripts listing a
    trait's implementors in other crates (`trait.impl/...js`), which rustdoc writes only when
    there are some.
    """

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links = []
        self.ids = set()
        # Open <div>s inside the blanket implementations (0: outside).
        self.blanket_depth = 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "div":
            if self.blanket_depth or attributes.get("id") == "blanket-implementations-list":
                self.blanket_depth += 1
        for name, value in attrs:
            if value is None:
                continue
            if name in ("id", "name"):
                self.ids.add(value)
            elif name in ("href", "src") and not self.blanket_depth and not is_implementors_script(tag, value):
                self.links.append((tag, value, self.getpos()[0]))

    def handle_endtag(self, tag):
        if tag == "div" and self.blanket_depth:
            self.blanket_depth -= 1


def is_implementors_script(tag, link):
    return tag == "script" and ("/trait.impl/" in link or "/type.impl/" in link)


# An intra-doc link rustdoc could not resolve, left as its Markdown: `[<code>path</code>]` (a
# resolved one is `<a href=...><code>path</code></a>`, without the brackets).
UNRESOLVED = re.compile(r"\[<code>([^<]+)</code>\]")


def parse(path, cache):
    if path not in cache:
        page = Page()
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        page.feed(text)
        # The blanket implementations (the page's last section) carry other crates' docs.
        ours = text.split('id="blanket-implementations-list"')[0]
        page.unresolved = [
            (ours.count("\n", 0, m.start()) + 1, m.group(1)) for m in UNRESOLVED.finditer(ours)
        ]
        cache[path] = page
    return cache[path]


def check(doc_dir, crates):
    """Every broken link under the crates' folders of doc_dir, as (page, line, link, why)."""
    cache = {}
    broken = []
    roots = [os.path.join(doc_dir, c) for c in crates]
    for root in roots:
        for folder, _, files in os.walk(root):
            for name in files:
                if not name.endswith(".html"):
                    continue
                page_path = os.path.join(folder, name)
                page = parse(page_path, cache)
                for tag, link, line in page.links:
                    why = problem(page_path, link, cache)
                    if why:
                        broken.append((page_path, line, link, why))
                for line, text in page.unresolved:
                    broken.append((page_path, line, f"[`{text}`]", "an unresolved intra-doc link, shown as text"))
    return broken


def problem(page_path, link, cache):
    """Why `link` on the page at page_path is broken, or None."""
    parts = urllib.parse.urlsplit(link)
    if parts.scheme or parts.netloc:
        return None  # not followed: no network
    target = page_path
    if parts.path:
        target = os.path.normpath(os.path.join(os.path.dirname(page_path), urllib.parse.unquote(parts.path)))
        if os.path.isdir(target):
            target = os.path.join(target, "index.html")
        if not os.path.isfile(target):
            return "no such file"
    fragment = parts.fragment
    # rustdoc's source pages number lines as `#12` or `#12-20`; those ids are made by script.
    if fragment and target.endswith(".html") and not is_line_range(fragment):
        ids = parse(target, cache).ids
        # rustdoc writes some ids percent-encoded (`impl-From%3CT%3E-for-T`), some not.
        if fragment not in ids and urllib.parse.unquote(fragment) not in ids:
            return f"no element with id `{fragment}` in {os.path.relpath(target, os.path.dirname(page_path))}"
    return None


def is_line_range(fragment):
    return all(part.isdigit() for part in fragment.split("-"))


def crate_folders(doc_dir):
    return sorted(
        d for d in os.listdir(doc_dir)
        if os.path.isfile(os.path.join(doc_dir, d, "index.html")) and d != "src"
    )


def self_test():
    """The checker finds what it must, and only that."""
    with tempfile.TemporaryDirectory() as doc:
        os.makedirs(os.path.join(doc, "demo", "sub"))
        files = {
            "demo/index.html": '<a href="sub/x.html#here">ok</a> <a href="BENCHMARKS.md">bad</a>'
                               '<div id="blanket-implementations-list"><div><a href="dispatcher#x">foreign</a></div></div>'
                               '<a href="missing.html">bad after the blanket impls</a>'
                               '<script src="../trait.impl/demo/trait.T.js"></script>'
                               '<a href="https://example.com/nope">external</a> <a id="top" href="#top">self</a>'
                               '<a href="sub/x.html#gone">bad fragment</a> <a href="../src/demo/lib.rs.html#3-5">lines</a>',
            "demo/sub/x.html": '<h2 id="here">x</h2><img src="../../static.files/missing.svg">'
                                '<p>See [<code>axum::localize</code>] and <a href="#here"><code>x</code></a>.</p>',
            "src/demo/lib.rs.html": "<pre></pre>",
        }
        for path, text in files.items():
            full = os.path.join(doc, path)
            os.makedirs(os.path.dirname(full), exist_ok=True)
            with open(full, "w") as f:
                f.write(text)
        found = sorted((os.path.relpath(p, doc), link) for p, _, link, _ in check(doc, ["demo"]))
        expected = [
            ("demo/index.html", "BENCHMARKS.md"),
            ("demo/index.html", "missing.html"),
            ("demo/index.html", "sub/x.html#gone"),
            ("demo/sub/x.html", "../../static.files/missing.svg"),
            ("demo/sub/x.html", "[`axum::localize`]"),
        ]
        assert found == expected, found
    print("check-doc-links: self-test passed")


def main(argv):
    if argv[1:] == ["--self-test"]:
        self_test()
        return 0
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    doc_dir = argv[1]
    crates = argv[2:] or crate_folders(doc_dir)
    broken = check(doc_dir, crates)
    for page, line, link, why in broken:
        print(f"{os.path.relpath(page)}:{line}: broken link `{link}`: {why}")
    if broken:
        print(f"check-doc-links: {len(broken)} broken links in {', '.join(crates)}", file=sys.stderr)
        return 1
    print(f"check-doc-links: no broken link in {', '.join(crates)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
