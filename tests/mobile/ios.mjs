// The iOS exports under the tools that can run here, driven by tests/mobile.rs:
//   node ios.mjs swift FILE | xcstrings FILE ...
// prints one JSON array, an answer per file: for a Swift file, tree-sitter-swift's syntax
// errors and the cases of every `switch` of the enum (what each property answers per case);
// for a String Catalog, what locize-xcstrings reads from it (or its error).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { xcstrings2locize } from "locize-xcstrings";

const require = createRequire(import.meta.url);
const Parser = require("tree-sitter");
const Swift = require("tree-sitter-swift");

function swift(file) {
  const source = readFileSync(file, "utf8");
  const parser = new Parser();
  parser.setLanguage(Swift);
  // The default buffer is 32 KiB; the file of a large catalog is bigger.
  const tree = parser.parse(source, undefined, { bufferSize: 4 * source.length + 1024 });
  const errors = [];
  const walk = (node) => {
    if (node.type === "ERROR" || node.isMissing) {
      errors.push({ row: node.startPosition.row + 1, column: node.startPosition.column + 1, text: node.text.slice(0, 80) });
    }
    for (const child of node.children) walk(child);
  };
  walk(tree.rootNode);
  const switches = {};
  const entries = (node) =>
    node.descendantsOfType("switch_entry").map((e) => [
      e.children.some((c) => c.type === "default_keyword")
        ? "default"
        : e.children.filter((c) => c.type === "switch_pattern").map((c) => c.text).join(", "),
      e.children.find((c) => c.type === "statements").text.trim().replace(/^return /, ""),
    ]);
  for (const property of tree.rootNode.descendantsOfType("property_declaration")) {
    const name = property.childForFieldName("name")?.text;
    if (name) switches[name] = entries(property);
  }
  for (const init of tree.rootNode.descendantsOfType("init_declaration")) {
    switches["init"] = entries(init);
  }
  return { hasError: tree.rootNode.hasError, errors, switches };
}

function xcstrings(file) {
  try {
    return { resources: xcstrings2locize(readFileSync(file, "utf8")) };
  } catch (error) {
    return { error: String(error) };
  }
}

const args = process.argv.slice(2);
const answers = [];
for (let i = 0; i < args.length; i += 2) {
  answers.push(args[i] === "swift" ? swift(args[i + 1]) : xcstrings(args[i + 1]));
}
process.stdout.write(JSON.stringify(answers));
