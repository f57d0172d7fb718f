//! The fixed text of the error-code pages (Markdown and HTML) in every language the pages are
//! translated to (English, Spanish, Brazilian Portuguese): the title, the introduction, column
//! names. The catalog brings its own texts (messages, details, hints, category titles); this is
//! everything around them.
//!
//! A catalog locale with no translation here gets the English text around its own catalog
//! texts. To translate the pages into a new language, add a [`PageText`] and a line to
//! [`TRANSLATIONS`].
//!
//! In these texts, `` `x` `` is inline code and `{name}`, `{example}`, `{param}` are filled by
//! the renderer (the catalog's name, its first code, a placeholder of one of its details).

use crate::Catalog;
use flux_codes_core::locale_match::LocaleMatches;

/// The fixed text of the pages in one language.
#[derive(Debug)]
pub struct PageText {
    /// The language's name in itself, for the HTML page's language switch.
    pub language_name: &'static str,
    /// The page title, with `{name}`.
    pub title: &'static str,
    /// The first paragraph, with `{name}` and `{example}`.
    pub intro: &'static str,
    pub status_2xx: &'static str,
    pub status_4xx: &'static str,
    /// With `{name}`.
    pub status_5xx: &'static str,
    /// Why clients match on `code`.
    pub match_on_code: &'static str,
    /// What retryable means; followed by [`Self::retryable_codes`] or [`Self::none_retryable`].
    pub retryable: &'static str,
    /// Introduces the list of retryable codes.
    pub retryable_codes: &'static str,
    pub none_retryable: &'static str,
    /// What a detail's placeholders are, with `{param}`; only on pages of catalogs that have one.
    pub placeholders: &'static str,
    /// The catalog's version, with `{version}`; only on pages of catalogs that have one.
    pub version: &'static str,
    pub columns: Columns,
    pub yes: &'static str,
    pub no: &'static str,
    /// Marks a deprecated code, before the catalog's deprecation note.
    pub deprecated: &'static str,
    /// The HTML page's search box label.
    pub search: &'static str,
    /// The HTML page's language switch label.
    pub language: &'static str,
    /// Shown by the HTML page when the search matches nothing.
    pub no_match: &'static str,
    /// The HTML page's summary over a detail's ICU MessageFormat source (under its examples).
    pub detail_source: &'static str,
}

/// The column names of a category's table.
#[derive(Debug)]
pub struct Columns {
    pub code: &'static str,
    pub status: &'static str,
    pub grpc: &'static str,
    pub retryable: &'static str,
    pub message: &'static str,
    pub detail: &'static str,
    pub hint: &'static str,
}

impl Columns {
    pub const COUNT: usize = 7;

    /// In table order.
    pub fn all(&self) -> [&'static str; Self::COUNT] {
        [
            self.code,
            self.status,
            self.grpc,
            self.retryable,
            self.message,
            self.detail,
            self.hint,
        ]
    }
}

/// The languages the pages are translated to, by BCP 47 tag.
pub const TRANSLATIONS: &[(&str, &PageText)] = &[("en", &EN), ("es", &ES), ("pt-BR", &PT)];

/// The fixed text for a catalog locale: the translation the locale matcher picks for it
/// (`es-CL` uses `es`, any `pt` uses `pt-BR`), or English when there is none.
pub fn page_text(locale: &str) -> &'static PageText {
    translation(locale).unwrap_or(&EN)
}

/// The translation for a catalog locale, if the pages have one: matched as `Locale::negotiate`
/// matches a language range, by CLDR's likely subtags and parent locales (`pt`, `pt-PT` and
/// `pt-AO` read `pt-BR`; `zh-Hant` reads none of them).
pub fn translation(locale: &str) -> Option<&'static PageText> {
    static MATCHES: std::sync::OnceLock<LocaleMatches> = std::sync::OnceLock::new();
    let tags: Vec<&str> = TRANSLATIONS.iter().map(|(tag, _)| *tag).collect();
    let matches = MATCHES.get_or_init(|| LocaleMatches::new(&tags));
    let found = matches.answers(locale, &tags).first().copied();
    found.map(|i| TRANSLATIONS[i].1)
}

pub const EN: PageText = PageText {
    language_name: "English",
    title: "{name} error codes",
    intro: "When a request to the {name} API fails, the response carries an HTTP status code \
            and a `code` that names the error, such as `{example}`. The status code says what \
            kind of outcome it is:",
    status_2xx: "the request succeeded; there is no error code.",
    status_4xx: "the request cannot succeed as it was sent. Change the request, or have the \
                 customer act, before sending it again.",
    status_5xx: "{name} could not complete a valid request. It may succeed later.",
    match_on_code: "Match on the `code`, never on the message: codes are stable, while \
                    messages are written for people and come in several languages.",
    retryable: "A code is retryable when the same request may be sent again unchanged, after \
                a short wait.",
    retryable_codes: "Retryable codes:",
    none_retryable: "No code is retryable: change the request before sending it again.",
    placeholders: "A detail may hold placeholders such as `{param}`: each response fills them \
                   in with its own values.",
    version: "This page lists the codes of version {version} of the catalog.",
    columns: Columns {
        code: "Code",
        status: "HTTP status",
        grpc: "gRPC status",
        retryable: "Retryable",
        message: "Message",
        detail: "Detail",
        hint: "What to do",
    },
    yes: "yes",
    no: "no",
    deprecated: "Deprecated:",
    search: "Search by code, message or status",
    language: "Language",
    no_match: "No code matches your search.",
    detail_source: "ICU MessageFormat source",
};

pub const ES: PageText = PageText {
    language_name: "Español",
    title: "Códigos de error de {name}",
    intro: "Cuando una solicitud a la API de {name} falla, la respuesta trae un código de \
            estado HTTP y un `code` que identifica el error, como `{example}`. El código de \
            estado indica el tipo de resultado:",
    status_2xx: "la solicitud se completó; no hay código de error.",
    status_4xx: "la solicitud no puede completarse tal como se envió. Modifica la solicitud, o \
                 pide al cliente que actúe, antes de volver a enviarla.",
    status_5xx: "{name} no pudo completar una solicitud válida. Puede completarse más tarde.",
    match_on_code: "Compara el `code`, nunca el mensaje: los códigos son estables, mientras que \
                    los mensajes están escritos para personas y existen en varios idiomas.",
    retryable: "Un código es reintentable cuando se puede volver a enviar la misma solicitud \
                sin cambios, después de una breve espera.",
    retryable_codes: "Códigos reintentables:",
    none_retryable: "Ningún código es reintentable: modifica la solicitud antes de volver a \
                     enviarla.",
    placeholders: "Un detalle puede tener marcadores como `{param}`: cada respuesta los \
                   completa con sus propios valores.",
    version: "Esta página enumera los códigos de la versión {version} del catálogo.",
    columns: Columns {
        code: "Código",
        status: "Estado HTTP",
        grpc: "Estado gRPC",
        retryable: "Reintentable",
        message: "Mensaje",
        detail: "Detalle",
        hint: "Qué hacer",
    },
    yes: "sí",
    no: "no",
    deprecated: "Obsoleto:",
    search: "Buscar por código, mensaje o estado",
    language: "Idioma",
    no_match: "Ningún código coincide con la búsqueda.",
    detail_source: "Fuente en ICU MessageFormat",
};

/// Portuguese, as written in Brazil (`pt-BR`; any `pt` locale uses it).
pub const PT: PageText = PageText {
    language_name: "Português (Brasil)",
    title: "Códigos de erro da {name}",
    intro: "Quando uma requisição à API da {name} falha, a resposta traz um código de status \
            HTTP e um `code` que identifica o erro, como `{example}`. O código de status indica \
            o tipo de resultado:",
    status_2xx: "a requisição foi concluída; não há código de erro.",
    status_4xx: "a requisição não pode ser concluída do jeito que foi enviada. Altere a \
                 requisição, ou peça ao cliente que aja, antes de enviá-la novamente.",
    status_5xx: "a {name} não conseguiu concluir uma requisição válida. Ela pode dar certo mais \
                 tarde.",
    match_on_code: "Compare o `code`, nunca a mensagem: os códigos são estáveis, enquanto as \
                    mensagens são escritas para pessoas e existem em vários idiomas.",
    retryable: "Um código permite nova tentativa quando a mesma requisição pode ser enviada de \
                novo sem alterações, após uma breve espera.",
    retryable_codes: "Códigos que permitem nova tentativa:",
    none_retryable: "Nenhum código permite nova tentativa: altere a requisição antes de \
                     enviá-la novamente.",
    placeholders: "Um detalhe pode ter marcadores como `{param}`: cada resposta os preenche com \
                   seus próprios valores.",
    version: "Esta página lista os códigos da versão {version} do catálogo.",
    columns: Columns {
        code: "Código",
        status: "Status HTTP",
        grpc: "Status gRPC",
        retryable: "Nova tentativa",
        message: "Mensagem",
        detail: "Detalhe",
        hint: "O que fazer",
    },
    yes: "sim",
    no: "não",
    deprecated: "Obsoleto:",
    search: "Buscar por código, mensagem ou status",
    language: "Idioma",
    no_match: "Nenhum código corresponde à busca.",
    detail_source: "Fonte em ICU MessageFormat",
};

/// What the fixed text fills in for one catalog: its name (`{name}`), its first code
/// (`{example}`), the first placeholder of its details (`{param}`) and its version
/// (`{version}`).
#[derive(Clone, Debug)]
pub struct PageVars {
    name: String,
    example: String,
    param: Option<String>,
    version: Option<String>,
}

impl PageVars {
    pub fn new(catalog: &Catalog) -> Self {
        PageVars {
            name: catalog.name.clone(),
            example: catalog
                .codes
                .first()
                .map_or_else(String::new, |c| c.code.clone()),
            param: catalog
                .codes
                .iter()
                .find_map(|c| c.params.first())
                .map(|p| format!("{{{}}}", p.name)),
            version: catalog.version.as_ref().map(ToString::to_string),
        }
    }

    /// Whether a detail of the catalog has a placeholder (else the page skips
    /// [`PageText::placeholders`]).
    pub fn has_param(&self) -> bool {
        self.param.is_some()
    }

    /// Whether the catalog has a version (else the page skips [`PageText::version`]).
    pub fn has_version(&self) -> bool {
        self.version.is_some()
    }

    /// `text` split into prose and code, filled in.
    pub fn segments(&self, text: &str) -> Vec<Segment> {
        let mut vars = vec![("name", self.name.as_str()), ("example", &self.example)];
        if let Some(param) = &self.param {
            vars.push(("param", param));
        }
        if let Some(version) = &self.version {
            vars.push(("version", version));
        }
        segments(text, &vars)
    }
}

/// A piece of fixed text: prose, or inline code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    Text(String),
    Code(String),
}

/// Splits fixed text at its backticks and fills in its `{key}`s from `vars` (in one pass, so a
/// value is never read as fixed text). Renderers escape both kinds of segment.
pub fn segments(text: &str, vars: &[(&str, &str)]) -> Vec<Segment> {
    text.split('`')
        .enumerate()
        .filter(|(_, part)| !part.is_empty())
        .map(|(i, part)| {
            let filled = fill(part, vars);
            if i % 2 == 1 {
                Segment::Code(filled)
            } else {
                Segment::Text(filled)
            }
        })
        .collect()
}

fn fill(text: &str, vars: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after
            .find('}')
            .and_then(|close| vars.iter().find(|(key, _)| *key == &after[..close]));
        match value {
            Some((key, value)) => {
                out.push_str(value);
                rest = &after[key.len() + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn segments_split_code_and_fill_each_key_once() {
        let vars = [("name", "{example} `x`"), ("example", "ERR_A")]; // flux-codes: allow (a placeholder)
        assert_eq!(
            segments("{name} uses `{example}` {other}", &vars),
            [
                Segment::Text("{example} `x` uses ".into()),
                Segment::Code("ERR_A".into()), // flux-codes: allow
                Segment::Text(" {other}".into()),
            ]
        );
    }

    #[test]
    fn every_translation_has_the_keys_of_english() {
        for (_, text) in TRANSLATIONS {
            for (fixed, english) in [
                (text.title, EN.title),
                (text.intro, EN.intro),
                (text.status_5xx, EN.status_5xx),
                (text.placeholders, EN.placeholders),
            ] {
                for key in ["{name}", "{example}", "{param}"] {
                    assert_eq!(
                        fixed.contains(key),
                        english.contains(key),
                        "{key} in {fixed}"
                    );
                }
                assert_eq!(
                    fixed.matches('`').count() % 2,
                    0,
                    "unbalanced backticks: {fixed}"
                );
            }
        }
    }

    #[test]
    fn a_locale_uses_its_language_and_falls_back_to_english() {
        assert_eq!(page_text("es").language_name, "Español");
        assert_eq!(page_text("es-CL").language_name, "Español");
        assert_eq!(page_text("en-GB").language_name, "English");
        for pt in ["pt", "pt-PT", "pt-AO", "pt-BR", "pt_BR"] {
            assert_eq!(page_text(pt).language_name, "Português (Brasil)", "{pt}");
        }
        assert_eq!(page_text("es-419").language_name, "Español");
        assert_eq!(page_text("pt-Cyrl").language_name, "English");
        assert!(translation("ja").is_none());
        assert_eq!(page_text("ja").language_name, "English");
    }
}
