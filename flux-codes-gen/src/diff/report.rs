//! Rendering a change list: grouped text for people, one JSON document for tools.
//!
//! Texts from the catalog (messages, notes, titles) are shown quoted and escaped, so a control
//! character in a catalog cannot rewrite the reader's terminal.

use std::fmt::Write as _;

use serde::Serialize;

use super::version::VersionCheck;
use super::{Change, Class, GrpcMove, TextChange};

/// How many changes of each class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub breaking: usize,
    pub additive: usize,
    pub text: usize,
}

impl Summary {
    /// The counts of `changes` per class.
    pub fn of(changes: &[Change]) -> Self {
        let mut summary = Summary::default();
        for change in changes {
            *match change.class() {
                Class::Breaking => &mut summary.breaking,
                Class::Additive => &mut summary.additive,
                Class::Text => &mut summary.text,
            } += 1;
        }
        summary
    }
}

/// One sentence saying what changed, e.g. ``ERR_X: status changed from 410 to 404``.
pub fn describe(change: &Change) -> String {
    use Change::*;
    match change {
        DefaultLocaleChanged { old, new } => {
            format!("the default locale changed from `{old}` to `{new}`")
        }
        LocaleRemoved { locale } => format!("locale `{locale}` removed"),
        LocaleAdded { locale } => format!("locale `{locale}` added"),
        CategoryRemoved { category } => format!("category `{category}` removed"),
        CategoryAdded { category } => format!("category `{category}` added"),
        CategoryTitleChanged { category, .. } => format!("category `{category}`: title changed"),
        CodeRemoved {
            code,
            renamed_to: None,
        } => format!("{code}: removed without moving it to `catalog.reserved`"),
        CodeRemoved {
            code,
            renamed_to: Some(to),
        } => format!("{code}: removed (renamed to {to}?) without moving it to `catalog.reserved`"),
        CodeRetired { code } => format!("{code}: retired into `catalog.reserved`"),
        ReservedCodeReused { code } => format!("{code}: a reserved code is in use again"),
        ReservationRemoved { code } => format!("{code}: removed from `catalog.reserved`"),
        CodeAdded { code } => format!("{code}: added"),
        CodeReserved { code } => format!("{code}: reserved"),
        StatusChanged {
            code,
            old,
            new,
            grpc,
        } => match grpc {
            Some(GrpcMove { old: was, new: now }) => {
                format!("{code}: status changed from {old} to {new} (gRPC {was} -> {now})")
            }
            None => format!("{code}: status changed from {old} to {new}"),
        },
        GrpcChanged { code, old, new } => {
            format!("{code}: gRPC status changed from {old} to {new}")
        }
        DomainChanged { old, new } => format!(
            "error domain changed from {} to {}",
            quote(old),
            optional(new.as_deref())
        ),
        DomainAdded { domain } => format!("error domain {} declared", quote(domain)),
        RetryableChanged { code, old, new } => {
            format!("{code}: retryable changed from {old} to {new}")
        }
        CategoryChanged { code, old, new } => {
            format!("{code}: category changed from `{old}` to `{new}`")
        }
        VariantChanged { code, old, new } => {
            format!("{code}: Rust variant changed from `ErrorCode::{old}` to `ErrorCode::{new}`")
        }
        PlaceholdersChanged {
            code,
            added,
            removed,
        } => {
            let mut parts = Vec::new();
            if !added.is_empty() {
                parts.push(format!("added {}", placeholders(added)));
            }
            if !removed.is_empty() {
                parts.push(format!("removed {}", placeholders(removed)));
            }
            format!("{code}: detail placeholders changed: {}", parts.join(", "))
        }
        ParamRenamed { code, old, new } => {
            format!("{code}: param `{old}` renamed to `{new}`")
        }
        ParamKindChanged {
            code,
            param,
            old,
            new,
        } => format!(
            "{code}: param `{param}` changed from {} to {}",
            old.escape_debug(),
            new.escape_debug()
        ),
        CodeDeprecated { code, note } => format!("{code}: deprecated ({})", quote(note)),
        DeprecationWithdrawn { code } => format!("{code}: no longer deprecated"),
        DeprecationNoteChanged { code, old, new } => format!(
            "{code}: deprecation note changed from {} to {}",
            quote(old),
            quote(new)
        ),
        MessageChanged { code, .. } => format!("{code}: message changed"),
        DetailChanged { code, .. } => format!("{code}: detail changed"),
        HintChanged { code, .. } => format!("{code}: hint changed"),
        NameChanged { old, new } => {
            format!("catalog name changed from {} to {}", quote(old), quote(new))
        }
        DocsUrlChanged { old, new } => format!(
            "`docs_url` changed from {} to {}",
            optional(old.as_deref()),
            optional(new.as_deref())
        ),
    }
}

/// What to do instead, for a breaking change.
pub fn help(change: &Change) -> Option<&'static str> {
    use Change::*;
    Some(match change {
        DefaultLocaleChanged { .. } => {
            "clients that send no locale now get other text; keep the default locale"
        }
        LocaleRemoved { .. } => {
            "clients asking for this locale fall back to the default; keep the locale"
        }
        CategoryRemoved { .. } => "clients match on category keys; keep the category",
        CodeRemoved { .. } => {
            "clients still match on this code; keep it (deprecate it), or retire it by adding it to `catalog.reserved`"
        }
        ReservedCodeReused { .. } => {
            "old clients give this string its retired meaning; choose a new code string"
        }
        ReservationRemoved { .. } => {
            "a reserved string keeps old clients safe from its reuse; keep it in `catalog.reserved`"
        }
        StatusChanged { .. }
        | GrpcChanged { .. }
        | RetryableChanged { .. }
        | CategoryChanged { .. } => {
            "clients act on this fact of the code; add a new code with the new facts and deprecate this one"
        }
        DomainChanged { .. } => {
            "gRPC clients know this catalog's codes by their reason in its domain; keep the domain"
        }
        VariantChanged { .. } => {
            "Rust code naming the old variant no longer compiles; keep the `variant`"
        }
        PlaceholdersChanged { .. } => {
            "callers filling the detail pass the old params, and the typed error's fields change; add a new code, or keep the placeholders"
        }
        ParamRenamed { .. } => {
            "the typed error's field and callers filling the detail use the old name; add a new code, or keep the name"
        }
        ParamKindChanged { .. } => {
            "the typed error's field changes type and callers pass the old kind; add a new code, or keep the kind"
        }
        _ => return None,
    })
}

/// The change list for people: grouped by class, breaking first, with the texts that changed
/// and a help line per breaking change, and a summary line.
pub fn render_human(changes: &[Change]) -> String {
    let mut out = String::new();
    if changes.is_empty() {
        out.push_str("no changes\n");
        return out;
    }
    for class in [Class::Breaking, Class::Additive, Class::Text] {
        let group: Vec<&Change> = changes.iter().filter(|c| c.class() == class).collect();
        if group.is_empty() {
            continue;
        }
        let title = match class {
            Class::Breaking => "Breaking changes",
            Class::Additive => "Additive changes",
            Class::Text => "Text changes",
        };
        let _ = writeln!(out, "{title} ({}):", group.len());
        for change in group {
            let _ = writeln!(out, "  - {} [{}]", describe(change), change.rule());
            for text in texts(change) {
                let _ = writeln!(
                    out,
                    "      {}: {} -> {}",
                    text.locale,
                    optional(text.old.as_deref()),
                    optional(text.new.as_deref())
                );
            }
            if let Some(help) = help(change) {
                let _ = writeln!(out, "    help: {help}");
            }
        }
        out.push('\n');
    }
    let summary = Summary::of(changes);
    let noun = if changes.len() == 1 {
        "change"
    } else {
        "changes"
    };
    let _ = writeln!(
        out,
        "{} {noun}: {} breaking, {} additive, {} text",
        changes.len(),
        summary.breaking,
        summary.additive,
        summary.text
    );
    out
}

/// The change list for tools: `{ "schema_version": 1, "breaking": bool, "summary": {...},
/// "changes": [{ "class", "rule", <the rule's fields>, "message", "help"? }] }`.
pub fn render_json(changes: &[Change]) -> String {
    render_json_with_version(changes, None)
}

/// [`render_json`] with the version rule's verdict as `"version": { "old", "new", "needed",
/// "lowest", "problem" }`.
pub fn render_json_with_version(changes: &[Change], version: Option<&VersionCheck>) -> String {
    #[derive(Serialize)]
    struct Report<'a> {
        schema_version: u32,
        breaking: bool,
        summary: Summary,
        #[serde(skip_serializing_if = "Option::is_none")]
        version: Option<&'a VersionCheck>,
        changes: Vec<Entry<'a>>,
    }
    #[derive(Serialize)]
    struct Entry<'a> {
        class: Class,
        #[serde(flatten)]
        change: &'a Change,
        message: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        help: Option<&'static str>,
    }
    let report = Report {
        schema_version: 1,
        breaking: super::has_breaking(changes),
        summary: Summary::of(changes),
        version,
        changes: changes
            .iter()
            .map(|change| Entry {
                class: change.class(),
                change,
                message: describe(change),
                help: help(change),
            })
            .collect(),
    };
    let mut json = serde_json::to_string_pretty(&report).expect("a change list serializes");
    json.push('\n');
    json
}

fn texts(change: &Change) -> &[TextChange] {
    match change {
        Change::CategoryTitleChanged { texts, .. }
        | Change::MessageChanged { texts, .. }
        | Change::DetailChanged { texts, .. }
        | Change::HintChanged { texts, .. } => texts,
        _ => &[],
    }
}

fn placeholders(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{{{n}}}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.escape_debug())
}

fn optional(text: Option<&str>) -> String {
    text.map_or_else(|| "(none)".to_owned(), quote)
}
