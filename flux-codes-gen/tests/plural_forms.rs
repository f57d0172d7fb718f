//! The PO files' `Plural-Forms` headers against CLDR: for every locale of the repository's
//! catalogs and every language the header table names, the gettext expression, evaluated here,
//! picks for each integer the form of the category ICU4X's CLDR rules give it, and `nplurals`
//! is the number of categories integers reach. One source of plural rules: the header may not
//! disagree with the rules the validator checks messages against.

use std::path::Path;

use fixed_decimal::Decimal;
use flux_codes_gen::model::plural_forms;
use icu_locale_core::Locale;
use icu_plurals::{PluralCategory, PluralRules};

/// The integers tried: every one up to 2,000, and the large ones CLDR's `many` is about.
fn samples() -> impl Iterator<Item = u64> {
    (0..=2000).chain([
        10_000,
        100_000,
        1_000_000,
        2_000_000,
        1_000_001,
        10_000_000,
        1_000_000_000,
    ])
}

#[test]
fn plural_forms_agree_with_cldr_for_every_catalog_locale() {
    let mut tags: Vec<String> = [
        "id", "ja", "ko", "ms", "th", "vi", "zh", "yue", "my", "lo", "km", "pt", "pt-BR", "pt-PT",
        "fr", "es", "it", "ca", "ru", "uk", "be", "pl", "cs", "sk", "ar", "en", "de",
    ]
    .map(str::to_owned)
    .to_vec();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut catalogs = vec![root.join("../codes.toml")];
    for dir in ["tests/fixtures", "tests/golden"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                catalogs.push(path);
            }
        }
    }
    for path in catalogs {
        if let Ok(catalog) = flux_codes_gen::load_catalog(&path) {
            tags.extend(catalog.locales().iter().cloned());
        }
    }
    tags.sort();
    tags.dedup();
    assert!(tags.iter().any(|t| t == "zh-Hant"), "{tags:?}");
    let mut wrong = Vec::new();
    for tag in &tags {
        let header = plural_forms(tag);
        let (nplurals, expression) = split_header(header);
        let locale: Locale = tag.parse().unwrap();
        let rules = PluralRules::try_new_cardinal(locale.into()).unwrap();
        let category = |n: u64| rules.category_for(&Decimal::from(n));
        // The categories integers reach, in CLDR's order: gettext's form indexes.
        let order = [
            PluralCategory::Zero,
            PluralCategory::One,
            PluralCategory::Two,
            PluralCategory::Few,
            PluralCategory::Many,
            PluralCategory::Other,
        ];
        let reached: Vec<PluralCategory> = order
            .into_iter()
            .filter(|c| samples().any(|n| category(n) == *c))
            .collect();
        if nplurals != reached.len() {
            wrong.push(format!(
                "{tag}: {header}: CLDR's integers reach {reached:?}"
            ));
            continue;
        }
        if let Some(n) =
            samples().find(|&n| reached.get(evaluate(expression, n) as usize) != Some(&category(n)))
        {
            wrong.push(format!(
                "{tag}: n = {n} takes form {} of {header}, CLDR says {:?}",
                evaluate(expression, n),
                category(n)
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// `nplurals=N; plural=EXPR;` as `(N, EXPR)`.
fn split_header(header: &str) -> (usize, &str) {
    let rest = header.strip_prefix("nplurals=").unwrap();
    let (n, rest) = rest.split_once(';').unwrap();
    let expression = rest.trim().strip_prefix("plural=").unwrap();
    (n.parse().unwrap(), expression.trim_end_matches(';'))
}

/// The value of a gettext plural expression (C syntax: `?:`, `||`, `&&`, comparisons, `%`,
/// parentheses, `n` and integers) for `n`.
fn evaluate(expression: &str, n: u64) -> u64 {
    let tokens = tokenize(expression);
    let mut parser = Parser { tokens, at: 0, n };
    let value = parser.ternary();
    assert_eq!(
        parser.at,
        parser.tokens.len(),
        "trailing input in {expression}"
    );
    value
}

fn tokenize(expression: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = expression.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
        } else if c.is_ascii_digit() {
            let start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else {
            let two: String = chars[i..(i + 2).min(chars.len())].iter().collect();
            if ["||", "&&", "==", "!=", ">=", "<="].contains(&two.as_str()) {
                tokens.push(two);
                i += 2;
            } else {
                tokens.push(c.to_string());
                i += 1;
            }
        }
    }
    tokens
}

struct Parser {
    tokens: Vec<String>,
    at: usize,
    n: u64,
}

impl Parser {
    fn peek(&self) -> Option<&str> {
        self.tokens.get(self.at).map(String::as_str)
    }

    fn eat(&mut self, token: &str) -> bool {
        let found = self.peek() == Some(token);
        self.at += usize::from(found);
        found
    }

    fn ternary(&mut self) -> u64 {
        let condition = self.binary(0);
        if !self.eat("?") {
            return condition;
        }
        let then = self.ternary();
        assert!(self.eat(":"), "`?` without `:`");
        let otherwise = self.ternary();
        if condition != 0 { then } else { otherwise }
    }

    /// Binary operators by C's precedence, lowest first.
    fn binary(&mut self, level: usize) -> u64 {
        const LEVELS: [&[&str]; 5] = [
            &["||"],
            &["&&"],
            &["==", "!="],
            &["<", ">", "<=", ">="],
            &["%"],
        ];
        if level == LEVELS.len() {
            return self.primary();
        }
        let mut left = self.binary(level + 1);
        while let Some(op) = self
            .peek()
            .filter(|t| LEVELS[level].contains(t))
            .map(str::to_owned)
        {
            self.at += 1;
            let right = self.binary(level + 1);
            left = match op.as_str() {
                "||" => u64::from(left != 0 || right != 0),
                "&&" => u64::from(left != 0 && right != 0),
                "==" => u64::from(left == right),
                "!=" => u64::from(left != right),
                "<" => u64::from(left < right),
                ">" => u64::from(left > right),
                "<=" => u64::from(left <= right),
                ">=" => u64::from(left >= right),
                _ => left % right,
            };
        }
        left
    }

    fn primary(&mut self) -> u64 {
        if self.eat("(") {
            let value = self.ternary();
            assert!(self.eat(")"), "unbalanced parentheses");
            return value;
        }
        if self.eat("n") {
            return self.n;
        }
        let token = self.peek().unwrap_or_default().to_owned();
        self.at += 1;
        token
            .parse()
            .unwrap_or_else(|_| panic!("unexpected {token:?}"))
    }
}

#[test]
fn the_evaluator_reads_c() {
    assert_eq!(evaluate("(n > 1)", 2), 1);
    assert_eq!(
        evaluate("n == 1 ? 0 : n % 10 >= 2 && n % 10 <= 4 ? 1 : 2", 23),
        1
    );
    assert_eq!(evaluate("(n == 0 || n == 1) ? 0 : 2", 0), 0);
    assert_eq!(evaluate("0", 7), 0);
}
