// Detail rendering: each code's parsed ICU MessageFormat message (`MESSAGES`, generated),
// rendered with Intl.NumberFormat and Intl.PluralRules exactly as the Rust crate renders it
// with ICU4X: a number shows at most three fraction digits (an exact decimal string such as
// "500.00" keeps its own), an integer none; a plural picks `=N`, then the CLDR category of the
// value minus the offset, then `other`; `#` is that number. As the Rust crate refuses them,
// a param the code does not have, a param without a value and a number param given something
// that is not a number throw a `TypeError` naming the param (plain JavaScript callers get no
// help from the TypeScript types): a detail is never shown with a `{placeholder}` in it.
//
// A part is a string (text), ["arg", name], ["number", name, integer], ["#"],
// ["plural", name, offset, [[key, parts], ...]] or ["select", name, [[key, parts], ...]].

const EXACT_DECIMAL = /^-?[0-9]+(\.[0-9]+)?$/;
const MAX_DECIMAL_DIGITS = 64;
const formats = new Map();

function cached(kind, locale, digits, make) {
  const key = `${kind}|${locale}|${digits}`;
  let value = formats.get(key);
  if (value === undefined) {
    value = make();
    formats.set(key, value);
  }
  return value;
}

function digitOptions(digits) {
  if (digits === "integer") return { maximumFractionDigits: 0 };
  if (digits === null) return {};
  return { minimumFractionDigits: digits, maximumFractionDigits: digits };
}

/** A number param's value as { value, digits }: digits is null for a JS number (at most three
 * shown), the exact count for a decimal string; null when the value is not a number. */
function asNumber(value) {
  if (typeof value === "number") return { value, digits: null };
  if (typeof value === "bigint") return { value: value.toString(), digits: 0 };
  if (typeof value === "string" && EXACT_DECIMAL.test(value)) {
    const dot = value.indexOf(".");
    if (value.replace(/[-.]/g, "").length > MAX_DECIMAL_DIGITS) return null;
    return { value, digits: dot < 0 ? 0 : value.length - dot - 1 };
  }
  return null;
}

function minus(number, offset) {
  if (offset === 0) return number;
  if (number.digits === null) return { value: number.value - offset, digits: null };
  const negative = number.value.startsWith("-");
  const [int, frac = ""] = number.value.replace("-", "").split(".");
  let mantissa = BigInt(int + frac) * (negative ? -1n : 1n);
  mantissa -= BigInt(offset) * 10n ** BigInt(frac.length);
  const sign = mantissa < 0n ? "-" : "";
  const digits = (mantissa < 0n ? -mantissa : mantissa).toString().padStart(frac.length + 1, "0");
  const value = frac.length === 0
    ? sign + digits
    : `${sign}${digits.slice(0, -frac.length)}.${digits.slice(-frac.length)}`;
  return { value, digits: number.digits };
}

function formatNumber(locale, number, integer) {
  const digits = integer ? "integer" : number.digits;
  const format = cached("n", locale, digits, () => new Intl.NumberFormat(locale, digitOptions(digits)));
  return format.format(number.value);
}

function pluralCategory(locale, number) {
  const rules = cached("p", locale, number.digits, () => new Intl.PluralRules(locale, digitOptions(number.digits)));
  return rules.select(Number(number.value));
}

function renderParts(parts, locale, params, pound) {
  let out = "";
  for (const part of parts) {
    if (typeof part === "string") {
      out += part;
      continue;
    }
    const [kind, name] = part;
    const has = kind !== "#" && hasOwn(params, name) && params[name] !== undefined;
    const value = has ? params[name] : undefined;
    switch (kind) {
      case "arg":
        out += has ? String(value) : `{${name}}`;
        break;
      case "number": {
        const number = has ? asNumber(value) : null;
        out += number !== null ? formatNumber(locale, number, part[2]) : has ? String(value) : `{${name}}`;
        break;
      }
      case "#":
        if (pound === undefined) out += "#";
        else if (pound.number !== null) out += formatNumber(locale, pound.number, false);
        else out += pound.has ? String(pound.value) : `{${pound.name}}`;
        break;
      case "plural": {
        const [, , offset, options] = part;
        const raw = has ? asNumber(value) : null;
        const number = raw === null ? null : minus(raw, offset);
        const category = number === null ? "other" : pluralCategory(locale, number);
        const exact = raw === null ? NaN : Number(raw.value);
        const chosen = options.find(([key]) => key.startsWith("=") && Number(key.slice(1)) === exact)
          ?? options.find(([key]) => key === category)
          ?? options.find(([key]) => key === "other");
        if (chosen !== undefined) out += renderParts(chosen[1], locale, params, { name, has, value, number });
        break;
      }
      case "select": {
        const key = has ? String(value) : undefined;
        const options = part[2];
        const chosen = options.find(([k]) => k !== "other" && k === key) ?? options.find(([k]) => k === "other");
        if (chosen !== undefined) out += renderParts(chosen[1], locale, params, pound);
        break;
      }
    }
  }
  return out;
}

/** Throws the `TypeError` for the first param of `params` that does not fit `code`'s: an
 * unknown name, then a number param whose value is not a number, then a param without a value
 * (the order the Rust crate checks in). */
function checkParams(code, declared, params) {
  const names = declared.map((p) => p.name);
  for (const name of Object.keys(params)) {
    if (!names.includes(name)) {
      throw new TypeError(`${code} has no param ${JSON.stringify(name)} (its params: ${names.join(", ") || "none"})`);
    }
  }
  for (const param of declared) {
    const value = params[param.name];
    if (value === undefined) continue;
    const numeric = param.type === "number" || param.type === "integer";
    if (numeric && asNumber(value) === null) {
      throw new TypeError(`the param ${JSON.stringify(param.name)} of ${code} is a ${param.type}, and ${JSON.stringify(String(value))} is not a number`);
    }
  }
  for (const name of names) {
    if (!hasOwn(params, name) || params[name] === undefined) {
      throw new TypeError(`the detail of ${code} needs the param ${JSON.stringify(name)}, which has no value`);
    }
  }
}

/**
 * The code's detail in `locale` (negotiated as `message` negotiates it) with its params filled
 * from `params`, as the Rust crate renders it (numbers and plurals per locale). `null` for a
 * code without a detail. Throws a `TypeError` naming the param for a param the code does not
 * have, one without a value, or a number param given something that is not a number.
 */
export function detail(code, locale = DEFAULT_LOCALE, params = {}) {
  const declared = info(code).params;
  const messages = MESSAGES[code];
  if (messages === undefined) return null;
  const given = params ?? {};
  if (typeof given !== "object") throw new TypeError(`the params of ${code} must be an object`);
  checkParams(code, declared, given);
  const resolved = negotiate(locale);
  return renderParts(messages[resolved], resolved, given, undefined);
}
