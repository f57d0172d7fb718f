// Locale negotiation: the Rust crate's `Locale::negotiate` (flux_codes::negotiate), ported
// line for line so that a frontend and the API pick the same locale for the same request:
// each range matched by CLDR's likely subtags and parent locales through LOCALE_MATCHES, the
// table the generator computed for this catalog and the Rust code embeds too (`pt-PT` and
// `pt_BR` reach `pt-BR`, `es-MX` reaches `es`), with RFC 9110's q-values, `*` and `q=0`
// exclusions, then the default. A header is untrusted input: only its first 4 KiB and 32
// items are examined.
const MAX_HEADER_BYTES = 4096;
const MAX_ITEMS = 32;
const MAX_RANGE_BYTES = 64;

const LANGUAGE = /^(?:[a-z]{2,3}|[a-z]{5,8})$/;
const SCRIPT = /^[a-z]{4}$/;
const REGION = /^(?:[a-z]{2}|[0-9]{3})$/;
const VARIANT = /^(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3})$/;
const EXTENSION_SUBTAG = /^[a-z0-9]{2,8}$/;
const PRIVATE_SUBTAG = /^[a-z0-9]{1,8}$/;

/**
 * A BCP 47 language range as its lowercase subtags (language, script, region, variants in
 * canonical order; extensions dropped), or `null` when malformed.
 */
function parseRange(range) {
  const subtags = range.toLowerCase().split("-");
  let i = 0;
  if (!LANGUAGE.test(subtags[i])) return null;
  const id = [subtags[i++]];
  const script = i < subtags.length && SCRIPT.test(subtags[i]) ? subtags[i++] : null;
  const region = i < subtags.length && REGION.test(subtags[i]) ? subtags[i++] : null;
  const variants = [];
  while (i < subtags.length && VARIANT.test(subtags[i])) {
    if (variants.includes(subtags[i])) return null;
    variants.push(subtags[i++]);
  }
  while (i < subtags.length) {
    const singleton = subtags[i++];
    if (!/^[a-z0-9]$/.test(singleton)) return null;
    const valid = singleton === "x" ? PRIVATE_SUBTAG : EXTENSION_SUBTAG;
    const start = i;
    while (i < subtags.length && valid.test(subtags[i]) && (singleton === "x" || subtags[i].length > 1)) i++;
    if (i === start) return null;
  }
  return { language: id[0], script, region, variants: variants.sort() };
}

const rangeTag = (r) => [r.language, r.script, r.region, ...r.variants].filter((s) => s !== null).join("-");

/**
 * The indexes in LOCALES of the locales that answer `range`, best first: the one spelled as
 * the range, then those of its row in LOCALE_MATCHES (with a script, the row of `l-s-r` else
 * `l-s`; without, `l-r` else `l`).
 */
function answers(range) {
  const wanted = rangeTag(range);
  const exact = LOCALES.findIndex((tag) => tag.toLowerCase() === wanted);
  const keys = [range.region !== null ? [range.language, range.script, range.region] : null, [range.language, range.script]]
    .filter((key) => key !== null)
    .map((key) => key.filter((s) => s !== null).join("-"));
  const key = keys.find((k) => hasOwn(LOCALE_MATCHES, k));
  const row = key === undefined ? [] : LOCALE_MATCHES[key];
  return exact < 0 ? row : [exact, ...row];
}

/** Whether `range` equals `tag` or is a prefix of it ending at a subtag boundary. */
function isPrefixOf(range, tag) {
  const wanted = rangeTag(range);
  const lower = tag.toLowerCase();
  return lower === wanted || lower.startsWith(`${wanted}-`);
}

/** `q=` and an RFC 9110 qvalue, in thousandths, or `null` when malformed. */
function parseWeight(param) {
  const match = /^[qQ]\s*=\s*(.*)$/s.exec(param);
  if (!match) return null;
  const value = match[1];
  const dot = value.indexOf(".");
  const int = dot < 0 ? value : value.slice(0, dot);
  const frac = dot < 0 ? "" : value.slice(dot + 1);
  if (frac.length > 3 || !/^[0-9]*$/.test(frac)) return null;
  const thousandths = [...frac].reduce((sum, digit, i) => sum + Number(digit) * [100, 10, 1][i], 0);
  if (int === "0") return thousandths;
  if (int === "1" && thousandths === 0) return 1000;
  return null;
}

/** `language-range [ ";" "q=" qvalue ]`, or `null` when malformed. */
function parseItem(raw) {
  const semicolon = raw.indexOf(";");
  const range = semicolon < 0 ? raw : raw.slice(0, semicolon).trimEnd();
  const weight = semicolon < 0 ? 1000 : parseWeight(raw.slice(semicolon + 1).trim());
  if (weight === null || range.length > MAX_RANGE_BYTES) return null;
  if (range === "*") return { range: null, weight };
  // `_` is the separator of Java's and Android's locale names (`pt_BR`).
  const parsed = /^[\x21-\x7e]*$/.test(range) ? parseRange(range.replaceAll("_", "-")) : null;
  return parsed === null ? null : { range: parsed, weight };
}

/** The part of a header that is examined: its first 4 KiB, up to their last comma. */
function examinedPrefix(header) {
  const head = header.slice(0, MAX_HEADER_BYTES);
  const bytes = new TextEncoder().encode(head);
  if (head.length === header.length && bytes.length <= MAX_HEADER_BYTES) return header;
  const comma = bytes.subarray(0, MAX_HEADER_BYTES).lastIndexOf(0x2c);
  return comma < 0 ? "" : new TextDecoder().decode(bytes.subarray(0, comma));
}

function parseHeader(header) {
  return examinedPrefix(header)
    .split(",")
    .map((raw) => raw.trim())
    .filter((raw) => raw !== "")
    .slice(0, MAX_ITEMS)
    .map(parseItem)
    .filter((item) => item !== null)
    .sort((a, b) => b.weight - a.weight);
}

function parseList(tags) {
  return tags
    .slice(0, MAX_ITEMS)
    .map((tag) => (typeof tag === "string" && !/[,;]/.test(tag) ? parseItem(tag.trim()) : null))
    .filter((item) => item !== null);
}

/**
 * The locale to answer in: for an `Accept-Language` value (`"es-CL,es;q=0.9,en;q=0.8"`), a
 * list of tags in preference order (`navigator.languages`), or one tag (`"es-CL"`). Each is
 * looked up as RFC 4647 does (`es-CL`, then `es`), honouring q-values, `*` and `q=0`
 * exclusions; when nothing is acceptable, the default locale.
 */
export function negotiate(accepted) {
  if (isLocale(accepted)) return accepted;
  let items = [];
  if (typeof accepted === "string") items = parseHeader(accepted);
  else if (Array.isArray(accepted)) items = parseList(accepted);
  const excluded = (tag) => items.some((i) => i.weight === 0 && i.range !== null && isPrefixOf(i.range, tag));
  const names = (range, index) => isPrefixOf(range, LOCALES[index]) || answers(range).includes(index);
  for (const item of items.filter((i) => i.weight > 0)) {
    let found;
    if (item.range !== null) {
      found = answers(item.range).find((index) => !excluded(LOCALES[index]));
    } else {
      const available = (index) => !excluded(LOCALES[index]) && !items.some((i) => i.range !== null && names(i.range, index));
      found = [LOCALES.indexOf(DEFAULT_LOCALE), ...LOCALES.keys()].find(available);
    }
    if (found !== undefined) return LOCALES[found];
  }
  return DEFAULT_LOCALE;
}
