//! The negotiation cases shared by the Rust tests (`tests/negotiate.rs`, against Flux's catalog:
//! `en` (default), `es`, `pt-BR`) and the npm package's tests in Node (`tests/consumers.rs`
//! writes them, with Rust's answers, for `tests/node/test/negotiate.test.js`): one table, so
//! both implementations answer the same headers the same way.

use flux_codes::Locale;

/// `(what, Accept-Language value, the locale to answer in)`: the headers real clients send,
/// the corner cases of RFC 9110 and RFC 4647, and malformed input.
pub const REAL_WORLD_HEADERS: &[(&str, &str, Locale)] = &[
    // Browsers, as sent.
    ("Chrome, en-US", "en-US,en;q=0.9", Locale::En),
    (
        "Chrome, es-CL",
        "es-CL,es;q=0.9,en-US;q=0.8,en;q=0.7",
        Locale::Es,
    ),
    ("Chrome, es-CL only (region fallback)", "es-CL", Locale::Es),
    (
        "Firefox, es-ES",
        "es-ES,es;q=0.8,en-US;q=0.5,en;q=0.3",
        Locale::Es,
    ),
    ("Safari, es-419", "es-419,es;q=0.9", Locale::Es),
    ("Safari iOS, es-MX", "es-MX,es;q=0.9", Locale::Es),
    ("Edge, en-GB", "en-GB,en;q=0.9,en-US;q=0.8", Locale::En),
    (
        "French first, Spanish next",
        "fr-FR,fr;q=0.9,es;q=0.8,en;q=0.7",
        Locale::Es,
    ),
    ("German only", "de-DE,de;q=0.9", Locale::En),
    (
        "script and region",
        "zh-Hant-TW,zh;q=0.9,es;q=0.1",
        Locale::Es,
    ),
    // CLDR: likely subtags and parent locales.
    ("bare pt: its likely region is BR", "pt", Locale::PtBr),
    (
        "pt-PT reaches pt, whose content is pt-BR",
        "pt-PT",
        Locale::PtBr,
    ),
    ("Android's pt_BR", "pt_BR", Locale::PtBr),
    ("pt-AO's parent is pt-PT", "pt-AO", Locale::PtBr),
    ("pt-MZ", "pt-MZ,en;q=0.5", Locale::PtBr),
    (
        "Java's pt_PT with a weight",
        "pt_PT;q=0.9, en;q=0.8",
        Locale::PtBr,
    ),
    ("lower-case pt-br", "pt-br", Locale::PtBr),
    (
        "Chrome, pt-BR",
        "pt-BR,pt;q=0.9,en-US;q=0.8,en;q=0.7",
        Locale::PtBr,
    ),
    ("Safari, es-419 alone", "es-419", Locale::Es),
    ("es-MX's parent is es-419, then es", "es-MX", Locale::Es),
    ("es-AR", "es-AR, pt;q=0.9", Locale::Es),
    (
        "en-IN's parent is en-001, then en",
        "en-IN, es;q=0.9",
        Locale::En,
    ),
    ("Latin script spelled out", "pt-Latn-BR", Locale::PtBr),
    ("Latin script, no region", "es-Latn, en;q=0.9", Locale::Es),
    (
        "another script does not match",
        "pt-Cyrl, es;q=0.5",
        Locale::Es,
    ),
    (
        "Serbian in Latin is not a catalog language",
        "sr-Latn-RS",
        Locale::En,
    ),
    (
        "zh-TW is not a catalog language",
        "zh-TW, pt-PT;q=0.5",
        Locale::PtBr,
    ),
    ("undetermined with a region", "und-BR, es;q=0.1", Locale::Es),
    (
        "pt;q=0 excludes pt-BR for pt-PT",
        "pt-PT, pt;q=0, es;q=0.1",
        Locale::Es,
    ),
    (
        "pt-PT;q=0 does not exclude pt-BR",
        "pt-PT;q=0, pt",
        Locale::PtBr,
    ),
    (
        "es;q=0 excludes es for es-419",
        "es-419, es;q=0",
        Locale::En,
    ),
    (
        "wildcard: pt-PT names pt-BR, en names en",
        "*;q=0.9, en;q=0.1, pt-PT;q=0.1",
        Locale::Es,
    ),
    (
        "wildcard: es-MX names es, en names en",
        "*;q=0.9, en;q=0.1, es-MX;q=0.1",
        Locale::PtBr,
    ),
    (
        "higher q wins, pt_BR",
        "en;q=0.5, pt_BR;q=0.6",
        Locale::PtBr,
    ),
    // curl, wget and most HTTP libraries send no Accept-Language at all.
    ("no header", "", Locale::En),
    ("blank", "   ", Locale::En),
    // Weights.
    ("higher q wins over order", "en;q=0.1, es;q=0.9", Locale::Es),
    ("equal q keeps order (es)", "es, en", Locale::Es),
    ("equal q keeps order (en)", "en, es", Locale::En),
    ("three decimals", "en;q=0.001,es;q=0.002", Locale::Es),
    ("q=1.000", "de, es;q=1.000, en;q=0.999", Locale::Es),
    (
        "spaces around everything",
        " es-CL ; q=0.8 , en ; q=0.5 ",
        Locale::Es,
    ),
    // Wildcard: the locales no other item names, default first.
    ("wildcard alone", "*", Locale::En),
    ("wildcard below es", "*;q=0.5, es", Locale::Es),
    (
        "wildcard over a named, lower en",
        "*;q=0.9, en;q=0.1",
        Locale::Es,
    ),
    ("wildcard with en excluded", "en;q=0, *", Locale::Es),
    ("wildcard with es excluded", "es;q=0, *", Locale::En),
    // q=0: not acceptable.
    (
        "es excluded, es-CL falls back to nothing",
        "es-CL, es;q=0",
        Locale::En,
    ),
    (
        "exclusion order does not matter",
        "es;q=0, es-CL",
        Locale::En,
    ),
    ("es-CL;q=0 does not exclude es", "es-CL;q=0, es", Locale::Es),
    ("en excluded, es acceptable", "en;q=0, es;q=0.1", Locale::Es),
    (
        "everything excluded: the default",
        "en;q=0, es;q=0",
        Locale::En,
    ),
    ("q=0.000 is zero", "es;q=0.000", Locale::En),
    // Case (RFC 4647: case-insensitive; the `q` too).
    ("upper case tag", "ES-CL", Locale::Es),
    ("mixed case", "eN-uS;q=0.5, Es;q=0.6", Locale::Es),
    ("upper case Q", "en;Q=0.1, es;Q=0.2", Locale::Es),
    // Malformed items are skipped, the rest still counts.
    ("bad weight", "es;q=abc, en;q=0.5", Locale::En),
    ("weight over 1", "es;q=2", Locale::En),
    ("four decimals", "es;q=0.1234", Locale::En),
    ("weight without q=", "es;0.9, en;q=0.5", Locale::En),
    ("unknown parameter", "es;level=1, en;q=0.5", Locale::En),
    ("empty items", ",,, es ,,", Locale::Es),
    ("lone semicolons", ";;;,es", Locale::Es),
    ("trailing hyphen", "es-, en;q=0.1", Locale::En),
    ("digits", "12, es", Locale::Es),
    (
        "underscore separator (Java, Android)",
        "es_CL, en;q=0.1",
        Locale::Es,
    ),
    ("not ASCII", "español, es;q=0.5", Locale::Es),
    ("subtag too long", "es-abcdefghi, en;q=0.1", Locale::En),
    ("private use extension dropped", "es-CL-x-twain", Locale::Es),
    (
        "unicode extension dropped",
        "es-u-co-trad;q=0.9,en;q=0.8",
        Locale::Es,
    ),
    ("undetermined", "und, es;q=0.1", Locale::Es),
    ("garbage", "\u{0}\u{7f}==;;,,q=1", Locale::En),
];
