//! Breaking-change detection between two versions of a catalog, modelled on `buf breaking` for
//! protobuf enums: a code string, once shipped, lives in clients nobody can update, so the
//! catalog is a public API and every change to it is classified by what it does to them.
//!
//! - [`Class::Breaking`]: an existing client may now misbehave or fail to build (a code removed
//!   without being reserved, a status, gRPC code, retryability, category or Rust name changed, a
//!   detail param added (to an existing detail or with a new one), removed, renamed or changed in
//!   kind (each changes the fields of the code's typed error, `errors::X`), a locale or category
//!   removed, the default locale or the error domain changed, a reserved code reused or
//!   released). A status change names the gRPC code it moves, if it moves one.
//! - [`Class::Additive`]: existing clients keep working (a code, locale or category added, a
//!   code deprecated or retired into `catalog.reserved`, an error domain declared).
//! - [`Class::Text`]: only wording changed (message, detail, hint, titles, notes, docs URL).
//!
//! [`diff`] is pure and deterministic: breaking changes first, then additive, then text; within
//! a class, catalog-level changes, then categories, then codes in the old file's order, then
//! codes added in the new file's order, then reservations. [`report`] renders the list for
//! people and for tools; [`version`] says which release the changes need.

pub mod report;
pub mod version;

use std::collections::{BTreeSet, HashMap, HashSet};

use serde::Serialize;

use crate::message::ParamType;
use crate::model::{Catalog, CodeSpec, GrpcCode};

/// How a change affects clients built against the old catalog.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Class {
    Breaking,
    Additive,
    Text,
}

impl Class {
    /// The class's name in reports: `breaking`, `additive` or `text`.
    pub fn as_str(self) -> &'static str {
        match self {
            Class::Breaking => "breaking",
            Class::Additive => "additive",
            Class::Text => "text",
        }
    }
}

/// One locale's text before and after (`None`: the text did not exist).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TextChange {
    pub locale: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One difference between two catalogs. The serde form is tagged by `rule`, a stable
/// snake_case id (`status_changed`), for tools.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "rule", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Change {
    /// Breaking: `catalog.default_locale` changed; clients that omit a locale get other text.
    DefaultLocaleChanged { old: String, new: String },
    /// Breaking: a locale left `catalog.locales`; clients asking for it get the default.
    LocaleRemoved { locale: String },
    /// Additive.
    LocaleAdded { locale: String },
    /// Breaking: a category left `[categories]`; clients matching on its key never see it.
    CategoryRemoved { category: String },
    /// Additive.
    CategoryAdded { category: String },
    /// Text.
    CategoryTitleChanged {
        category: String,
        texts: Vec<TextChange>,
    },
    /// Breaking: a code left the catalog without moving to `catalog.reserved`, so nothing stops
    /// its string from coming back with another meaning. `renamed_to` names the added code
    /// that looks like its new name (same Rust variant or same message), if any.
    CodeRemoved {
        code: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        renamed_to: Option<String>,
    },
    /// Additive: a code left the catalog and its string moved to `catalog.reserved`.
    CodeRetired { code: String },
    /// Breaking: a code string retired in the old catalog is in use again.
    ReservedCodeReused { code: String },
    /// Breaking: a string left `catalog.reserved` without being reused; nothing now stops a
    /// later version from giving it a new meaning.
    ReservationRemoved { code: String },
    /// Additive.
    CodeAdded { code: String },
    /// Additive: a string that was never a code is reserved.
    CodeReserved { code: String },
    /// Breaking: clients branch on the status. `grpc`: the gRPC code moves too
    /// (`FAILED_PRECONDITION -> NOT_FOUND`), when it does.
    StatusChanged {
        code: String,
        old: u16,
        new: u16,
        #[serde(skip_serializing_if = "Option::is_none")]
        grpc: Option<GrpcMove>,
    },
    /// Breaking: gRPC clients branch on the status code.
    GrpcChanged {
        code: String,
        old: String,
        new: String,
    },
    /// Breaking: gRPC clients know a code by its reason in this domain.
    DomainChanged { old: String, new: Option<String> },
    /// Additive: gRPC errors carry a domain from now on.
    DomainAdded { domain: String },
    /// Breaking: clients decide whether to retry from it.
    RetryableChanged { code: String, old: bool, new: bool },
    /// Breaking: clients group and route errors by category.
    CategoryChanged {
        code: String,
        old: String,
        new: String,
    },
    /// Breaking: Rust code naming `ErrorCode::<old>` no longer compiles.
    VariantChanged {
        code: String,
        old: String,
        new: String,
    },
    /// Breaking: the detail's placeholders (the code's params) changed, so callers that fill
    /// the detail pass the wrong arguments, and the typed error's fields change.
    PlaceholdersChanged {
        code: String,
        added: Vec<String>,
        removed: Vec<String>,
    },
    /// Breaking: a param took another name at the same place with the same kind: the typed
    /// error's field and the dynamic callers' name are the old one.
    ParamRenamed {
        code: String,
        old: String,
        new: String,
    },
    /// Breaking: a param holds another kind (`number` -> `string`, or a select's options): the
    /// typed error's field changes type, and callers pass the old kind.
    ParamKindChanged {
        code: String,
        param: String,
        old: String,
        new: String,
    },
    /// Additive.
    CodeDeprecated { code: String, note: String },
    /// Additive.
    DeprecationWithdrawn { code: String },
    /// Text.
    DeprecationNoteChanged {
        code: String,
        old: String,
        new: String,
    },
    /// Text.
    MessageChanged {
        code: String,
        texts: Vec<TextChange>,
    },
    /// Text.
    DetailChanged {
        code: String,
        texts: Vec<TextChange>,
    },
    /// Text.
    HintChanged {
        code: String,
        texts: Vec<TextChange>,
    },
    /// Text.
    NameChanged { old: String, new: String },
    /// Text.
    DocsUrlChanged {
        old: Option<String>,
        new: Option<String>,
    },
}

impl Change {
    /// Whether the change breaks clients, adds to the catalog, or only changes a text.
    pub fn class(&self) -> Class {
        use Change::*;
        match self {
            DefaultLocaleChanged { .. }
            | LocaleRemoved { .. }
            | CategoryRemoved { .. }
            | CodeRemoved { .. }
            | ReservedCodeReused { .. }
            | ReservationRemoved { .. }
            | StatusChanged { .. }
            | GrpcChanged { .. }
            | DomainChanged { .. }
            | RetryableChanged { .. }
            | CategoryChanged { .. }
            | VariantChanged { .. }
            | PlaceholdersChanged { .. }
            | ParamRenamed { .. }
            | ParamKindChanged { .. } => Class::Breaking,
            LocaleAdded { .. }
            | CategoryAdded { .. }
            | CodeRetired { .. }
            | CodeAdded { .. }
            | CodeReserved { .. }
            | DomainAdded { .. }
            | CodeDeprecated { .. }
            | DeprecationWithdrawn { .. } => Class::Additive,
            CategoryTitleChanged { .. }
            | DeprecationNoteChanged { .. }
            | MessageChanged { .. }
            | DetailChanged { .. }
            | HintChanged { .. }
            | NameChanged { .. }
            | DocsUrlChanged { .. } => Class::Text,
        }
    }

    /// The stable id of the rule, as in the JSON form (`status_changed`).
    pub fn rule(&self) -> &'static str {
        use Change::*;
        match self {
            DefaultLocaleChanged { .. } => "default_locale_changed",
            LocaleRemoved { .. } => "locale_removed",
            LocaleAdded { .. } => "locale_added",
            CategoryRemoved { .. } => "category_removed",
            CategoryAdded { .. } => "category_added",
            CategoryTitleChanged { .. } => "category_title_changed",
            CodeRemoved { .. } => "code_removed",
            CodeRetired { .. } => "code_retired",
            ReservedCodeReused { .. } => "reserved_code_reused",
            ReservationRemoved { .. } => "reservation_removed",
            CodeAdded { .. } => "code_added",
            CodeReserved { .. } => "code_reserved",
            StatusChanged { .. } => "status_changed",
            GrpcChanged { .. } => "grpc_changed",
            DomainChanged { .. } => "domain_changed",
            DomainAdded { .. } => "domain_added",
            RetryableChanged { .. } => "retryable_changed",
            CategoryChanged { .. } => "category_changed",
            VariantChanged { .. } => "variant_changed",
            PlaceholdersChanged { .. } => "placeholders_changed",
            ParamRenamed { .. } => "param_renamed",
            ParamKindChanged { .. } => "param_kind_changed",
            CodeDeprecated { .. } => "code_deprecated",
            DeprecationWithdrawn { .. } => "deprecation_withdrawn",
            DeprecationNoteChanged { .. } => "deprecation_note_changed",
            MessageChanged { .. } => "message_changed",
            DetailChanged { .. } => "detail_changed",
            HintChanged { .. } => "hint_changed",
            NameChanged { .. } => "name_changed",
            DocsUrlChanged { .. } => "docs_url_changed",
        }
    }
}

/// The gRPC code a status change moves: `old -> new`, by their `google.rpc.Code` names.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GrpcMove {
    pub old: String,
    pub new: String,
}

/// Every change from `old` to `new`, breaking first (see the module docs for the order).
///
/// Linear in the size of both catalogs (hash lookups, no pairwise scans), so diffing two
/// catalogs of 100,000 codes is as cheap as loading them.
pub fn diff(old: &Catalog, new: &Catalog) -> Vec<Change> {
    let mut changes = Vec::new();
    catalog_changes(old, new, &mut changes);
    category_changes(old, new, &mut changes);
    code_changes(old, new, &mut changes);
    // Stable: keeps the subject order within each class.
    changes.sort_by_key(Change::class);
    changes
}

/// Whether any change is breaking.
pub fn has_breaking(changes: &[Change]) -> bool {
    changes.iter().any(|c| c.class() == Class::Breaking)
}

fn catalog_changes(old: &Catalog, new: &Catalog, out: &mut Vec<Change>) {
    if old.name != new.name {
        out.push(Change::NameChanged {
            old: old.name.clone(),
            new: new.name.clone(),
        });
    }
    if old.docs_url != new.docs_url {
        out.push(Change::DocsUrlChanged {
            old: old.docs_url.clone(),
            new: new.docs_url.clone(),
        });
    }
    match (&old.domain, &new.domain) {
        (Some(old), new) if Some(old) != new.as_ref() => out.push(Change::DomainChanged {
            old: old.clone(),
            new: new.clone(),
        }),
        (None, Some(domain)) => out.push(Change::DomainAdded {
            domain: domain.clone(),
        }),
        _ => {}
    }
    if old.default_locale_tag() != new.default_locale_tag() {
        out.push(Change::DefaultLocaleChanged {
            old: old.default_locale_tag().to_owned(),
            new: new.default_locale_tag().to_owned(),
        });
    }
    for locale in &old.locales {
        if !new.locales.contains(locale) {
            out.push(Change::LocaleRemoved {
                locale: locale.clone(),
            });
        }
    }
    for locale in &new.locales {
        if !old.locales.contains(locale) {
            out.push(Change::LocaleAdded {
                locale: locale.clone(),
            });
        }
    }
}

fn category_changes(old: &Catalog, new: &Catalog, out: &mut Vec<Change>) {
    let new_by_key: HashMap<&str, usize> = new
        .categories
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.as_str(), i))
        .collect();
    let old_keys: HashSet<&str> = old.categories.iter().map(|c| c.key.as_str()).collect();
    let locales = Locales::new(old, new);
    for category in &old.categories {
        match new_by_key.get(category.key.as_str()) {
            None => out.push(Change::CategoryRemoved {
                category: category.key.clone(),
            }),
            Some(&i) => {
                let texts = locales.texts(Some(&category.title), Some(&new.categories[i].title));
                if !texts.is_empty() {
                    out.push(Change::CategoryTitleChanged {
                        category: category.key.clone(),
                        texts,
                    });
                }
            }
        }
    }
    for category in &new.categories {
        if !old_keys.contains(category.key.as_str()) {
            out.push(Change::CategoryAdded {
                category: category.key.clone(),
            });
        }
    }
}

fn code_changes(old: &Catalog, new: &Catalog, out: &mut Vec<Change>) {
    let old_codes: HashSet<&str> = old.codes.iter().map(|c| c.code.as_str()).collect();
    let new_codes: HashMap<&str, &CodeSpec> =
        new.codes.iter().map(|c| (c.code.as_str(), c)).collect();
    let old_reserved: HashSet<&str> = old.reserved.iter().map(String::as_str).collect();
    let new_reserved: HashSet<&str> = new.reserved.iter().map(String::as_str).collect();
    let renames = Renames::new(old, new, &old_codes);
    let locales = Locales::new(old, new);

    for code in &old.codes {
        match new_codes.get(code.code.as_str()) {
            Some(now) => changed_code(old, new, &locales, code, now, out),
            None if new_reserved.contains(code.code.as_str()) => out.push(Change::CodeRetired {
                code: code.code.clone(),
            }),
            None => out.push(Change::CodeRemoved {
                code: code.code.clone(),
                renamed_to: renames.of(old, code),
            }),
        }
    }
    for code in &new.codes {
        let name = code.code.as_str();
        if old_codes.contains(name) {
            continue;
        }
        let code = code.code.clone();
        out.push(if old_reserved.contains(name) {
            Change::ReservedCodeReused { code }
        } else {
            Change::CodeAdded { code }
        });
    }
    for code in &old.reserved {
        if !new_reserved.contains(code.as_str()) && !new_codes.contains_key(code.as_str()) {
            out.push(Change::ReservationRemoved { code: code.clone() });
        }
    }
    for code in &new.reserved {
        if !old_reserved.contains(code.as_str()) && !old_codes.contains(code.as_str()) {
            out.push(Change::CodeReserved { code: code.clone() });
        }
    }
}

/// How one code's params changed: renamed (a removed and an added param at the same place, of
/// the same kind), added or removed, then changed in kind, in the params' order.
fn param_changes(old: &CodeSpec, new: &CodeSpec, out: &mut Vec<Change>) {
    let old_names: BTreeSet<&str> = old.param_names().collect();
    let new_names: BTreeSet<&str> = new.param_names().collect();
    let mut renamed: Vec<(&str, &str)> = Vec::new();
    for (i, param) in old.params.iter().enumerate() {
        if new_names.contains(param.name.as_str()) {
            continue;
        }
        if let Some(now) = new
            .params
            .get(i)
            .filter(|p| !old_names.contains(p.name.as_str()) && p.ty == param.ty)
        {
            renamed.push((&param.name, &now.name));
        }
    }
    for (was, now) in &renamed {
        out.push(Change::ParamRenamed {
            code: old.code.clone(),
            old: (*was).to_owned(),
            new: (*now).to_owned(),
        });
    }
    let added: Vec<String> = new
        .param_names()
        .filter(|p| !old_names.contains(p) && !renamed.iter().any(|(_, now)| now == p))
        .map(str::to_owned)
        .collect();
    let removed: Vec<String> = old
        .param_names()
        .filter(|p| !new_names.contains(p) && !renamed.iter().any(|(was, _)| was == p))
        .map(str::to_owned)
        .collect();
    if !added.is_empty() || !removed.is_empty() {
        out.push(Change::PlaceholdersChanged {
            code: old.code.clone(),
            added,
            removed,
        });
    }
    for param in &old.params {
        let Some(now) = new.params.iter().find(|p| p.name == param.name) else {
            continue;
        };
        if now.ty != param.ty {
            out.push(Change::ParamKindChanged {
                code: old.code.clone(),
                param: param.name.clone(),
                old: kind_text(&param.ty),
                new: kind_text(&now.ty),
            });
        }
    }
}

/// A param's kind as a report shows it: `number`, or `select (card, account)`.
fn kind_text(ty: &ParamType) -> String {
    match ty {
        ParamType::Select { keys } => format!("select ({})", keys.join(", ")),
        other => other.name().to_owned(),
    }
}

/// The changes to one code present in both catalogs, in a fixed order.
fn changed_code(
    old_catalog: &Catalog,
    new_catalog: &Catalog,
    locales: &Locales,
    old: &CodeSpec,
    new: &CodeSpec,
    out: &mut Vec<Change>,
) {
    let code = || old.code.clone();
    if old.status != new.status {
        out.push(Change::StatusChanged {
            code: code(),
            old: old.status,
            new: new.status,
            grpc: (old.grpc != new.grpc).then(|| GrpcMove {
                old: old.grpc.name().to_owned(),
                new: new.grpc.name().to_owned(),
            }),
        });
    }
    // A gRPC code that moved only because the status did (both derived from it) is part of
    // that status change, reported once.
    let derived = |c: &CodeSpec| c.grpc == GrpcCode::for_http_status(c.status);
    if old.grpc != new.grpc && (old.status == new.status || !derived(old) || !derived(new)) {
        out.push(Change::GrpcChanged {
            code: code(),
            old: old.grpc.name().to_owned(),
            new: new.grpc.name().to_owned(),
        });
    }
    if old.retryable != new.retryable {
        out.push(Change::RetryableChanged {
            code: code(),
            old: old.retryable,
            new: new.retryable,
        });
    }
    let old_category = &old_catalog.category_of(old).key;
    let new_category = &new_catalog.category_of(new).key;
    if old_category != new_category {
        out.push(Change::CategoryChanged {
            code: code(),
            old: old_category.clone(),
            new: new_category.clone(),
        });
    }
    if old.variant != new.variant {
        out.push(Change::VariantChanged {
            code: code(),
            old: old.variant.clone(),
            new: new.variant.clone(),
        });
    }
    param_changes(old, new, out);
    match (&old.deprecated, &new.deprecated) {
        (None, Some(note)) => out.push(Change::CodeDeprecated {
            code: code(),
            note: note.clone(),
        }),
        (Some(_), None) => out.push(Change::DeprecationWithdrawn { code: code() }),
        (Some(a), Some(b)) if a != b => out.push(Change::DeprecationNoteChanged {
            code: code(),
            old: a.clone(),
            new: b.clone(),
        }),
        _ => {}
    }
    let texts = locales.texts(Some(&old.message), Some(&new.message));
    if !texts.is_empty() {
        out.push(Change::MessageChanged {
            code: code(),
            texts,
        });
    }
    let sources = |code: &CodeSpec| {
        code.detail
            .as_ref()
            .map(|d| d.iter().map(|m| m.source.clone()).collect::<Vec<_>>())
    };
    let texts = locales.texts(sources(old).as_ref(), sources(new).as_ref());
    if !texts.is_empty() {
        out.push(Change::DetailChanged {
            code: code(),
            texts,
        });
    }
    let texts = locales.texts(old.hint.as_ref(), new.hint.as_ref());
    if !texts.is_empty() {
        out.push(Change::HintChanged {
            code: code(),
            texts,
        });
    }
}

/// The locales both catalogs declare (in the new catalog's order), with each one's index on
/// either side: texts are compared only there, since an added or removed locale is already a
/// change of its own.
struct Locales {
    shared: Vec<(String, usize, usize)>,
}

impl Locales {
    fn new(old: &Catalog, new: &Catalog) -> Self {
        let shared = new
            .locales
            .iter()
            .enumerate()
            .filter_map(|(n, tag)| {
                let o = old.locales.iter().position(|t| t == tag)?;
                Some((tag.clone(), o, n))
            })
            .collect();
        Locales { shared }
    }

    /// The per-locale differences between two optional per-locale texts.
    fn texts(&self, old: Option<&Vec<String>>, new: Option<&Vec<String>>) -> Vec<TextChange> {
        self.shared
            .iter()
            .filter_map(|(tag, o, n)| {
                let before = old.and_then(|texts| texts.get(*o));
                let after = new.and_then(|texts| texts.get(*n));
                (before != after).then(|| TextChange {
                    locale: tag.clone(),
                    old: before.cloned(),
                    new: after.cloned(),
                })
            })
            .collect()
    }
}

/// Added codes indexed by what a renamed code keeps: its Rust variant and its message in the
/// old default locale.
struct Renames<'a> {
    by_variant: HashMap<&'a str, &'a str>,
    by_message: HashMap<&'a str, &'a str>,
}

impl<'a> Renames<'a> {
    fn new(old: &Catalog, new: &'a Catalog, old_codes: &HashSet<&str>) -> Self {
        let mut renames = Renames {
            by_variant: HashMap::new(),
            by_message: HashMap::new(),
        };
        let message_locale = new
            .locales
            .iter()
            .position(|t| t == old.default_locale_tag());
        for code in new
            .codes
            .iter()
            .filter(|c| !old_codes.contains(c.code.as_str()))
        {
            renames
                .by_variant
                .entry(code.variant.as_str())
                .or_insert(code.code.as_str());
            if let Some(message) = message_locale.and_then(|i| code.message.get(i)) {
                renames
                    .by_message
                    .entry(message.as_str())
                    .or_insert(code.code.as_str());
            }
        }
        renames
    }

    /// The added code that looks like `code` renamed, preferring a variant match.
    fn of(&self, old: &Catalog, code: &CodeSpec) -> Option<String> {
        self.by_variant
            .get(code.variant.as_str())
            .or_else(|| {
                let message = code.message.get(old.default_locale)?;
                self.by_message.get(message.as_str())
            })
            .map(|c| (*c).to_owned())
    }
}
