// The cases the Rust driver (tests/consumers.rs) wrote: for each catalog, where its exports
// are, how to import its npm package, and every text as the Rust crate renders it.
import { readFileSync } from "node:fs";
import { isAbsolute, join } from "node:path";
import { pathToFileURL } from "node:url";

const file = process.env.FLUX_CASES;
if (!file) throw new Error("FLUX_CASES is not set: run these tests with `cargo test -p flux-codes --test consumers`");

const all = JSON.parse(readFileSync(file, "utf8"));

/** @type {{ name: string, exports: string, module: string, defaultLocale: string, locales: string[], codes: { code: string, params: { name: string, type: string, keys?: string[] }[], args: Record<string, string | number>, locales: Record<string, any>, [fact: string]: any }[], renders: { code: string, locale: string, source: string, args: Record<string, string | number>, detail: string, reference: boolean }[] }[]} */
export const cases = all.catalogs;

/** @type {{ name: string, message: string, rust: { ok?: any[], error?: string } }[]} */
export const parseCases = all.parse;

/** Reads a JSON file of a case's exports. */
export const readJson = (kase, ...path) => JSON.parse(readFileSync(join(kase.exports, ...path), "utf8"));

/** Imports a case's npm package: by its package name, or by path. */
export const importPackage = (kase) => import(isAbsolute(kase.module) ? pathToFileURL(kase.module).href : kase.module);
