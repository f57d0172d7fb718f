#!/usr/bin/env python3
"""Writes the tree BENCHMARKS.md times `flux-codes audit` on: N text files (default 100,000) in
six languages (Rust, TypeScript, JavaScript, JSON, YAML, Markdown), 100 per folder, about 1.5 KB
each, that mention the catalog's codes the way services and frontends do; one file in 1,000 has a
misspelled code and one in 1,000 a hand-written one, so the report has something to print.
Deterministic: the same N gives the same bytes.

    python3 scripts/audit-bench-tree.py target/audit-bench 100000
"""

import pathlib
import re
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent


def main() -> None:
    out = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/audit-bench")
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 100_000
    catalog = (ROOT / "codes.toml").read_text()
    codes = re.findall(r"^\[codes\.([A-Z0-9_]+)\]", catalog, re.M)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    (out / "codes.toml").write_text(catalog)
    for i in range(count):
        folder = out / f"pkg{i // 10_000:02}" / f"mod{i // 100 % 100:02}"
        if i % 100 == 0:
            folder.mkdir(parents=True)
        code = codes[i % len(codes)]
        variant = "".join(part.capitalize() for part in code.removeprefix("ERR_").split("_"))
        special = ""
        if i % 1000 == 7:
            special = code[:-1]  # misspelled: the last letter dropped
        elif i % 1000 == 500:
            special = code
        ext, text = FILES[i % len(FILES)](i, code, variant, special)
        (folder / f"file{i:06}.{ext}").write_text(text)


def rust(i, code, variant, special):
    body = "".join(
        f"    /// Handles case {n} of request {i}.\n"
        f"    pub fn case_{n}(&self, amount: u64) -> Result<u64, ErrorCode> {{\n"
        f"        if amount > {n * 1000} {{ return Err(ErrorCode::{variant}); }}\n"
        f"        Ok(amount + {n})\n    }}\n"
        for n in range(8)
    )
    extra = f'\n    pub const WIRE: &str = "{special}";\n' if special else ""
    return "rs", f"//! Module {i}.\nuse flux_codes::ErrorCode;\n\npub struct S{i};\n\nimpl S{i} {{\n{body}{extra}}}\n"


def typescript(i, code, variant, special):
    cases = "".join(f'    case "{code}":\n      return "message {n} for {i}";\n' for n in range(1))
    lines = "".join(f"export const value{n} = {i * n}; // a number, not a code\n" for n in range(30))
    extra = f'export const odd = "{special}";\n' if special else ""
    return "ts", (
        'import type { ErrorCode } from "flux-error-codes";\n\n'
        f"export function title(code: ErrorCode): string {{\n  switch (code) {{\n{cases}"
        '    default:\n      return "other";\n  }\n}\n' + lines + extra
    )


def javascript(i, code, variant, special):
    lines = "".join(f"  if (response.status === {400 + n}) {{ log('status {n}'); }}\n" for n in range(30))
    extra = f'// see {special}\n' if special else ""
    return "js", f"export function handle{i}(response) {{\n{lines}  return response.code === \"{code}\";\n}}\n{extra}"


def json_file(i, code, variant, special):
    entries = ",\n".join(f'  "key_{n}": "value {n} of {i}"' for n in range(40))
    extra = f',\n  "{special}": "?"' if special else ""
    return "json", f'{{\n  "{code}": "shown to the user",\n{entries}{extra}\n}}\n'


def yaml(i, code, variant, special):
    rules = "".join(f"  - name: rule-{n}\n    threshold: {n * 10}\n" for n in range(25))
    extra = f"  - code: {special}\n" if special else ""
    return "yaml", f"alerts:\n  - code: {code}\n    page: true\n{rules}{extra}"


def markdown(i, code, variant, special):
    prose = "".join(f"Paragraph {n} of page {i}: explains what the client should do next.\n\n" for n in range(20))
    extra = f"Also {special}.\n" if special else ""
    return "md", f"# Page {i}\n\n`{code}` tells the client what went wrong.\n\n{prose}{extra}"


FILES = [rust, typescript, javascript, json_file, yaml, markdown]

if __name__ == "__main__":
    main()
