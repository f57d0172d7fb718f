//! `flux-codes l10n`: the translators' round trip. `export` writes one locale's texts as a PO or
//! XLIFF file, `import` writes translated PO files back into the catalog (checked first, all or
//! nothing), `status` says how complete and current each locale is.

use std::collections::{HashMap, HashSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context as _, bail};
use clap::{Subcommand, ValueEnum};
use flux_codes_gen::l10n::import::{ImportOptions, MAX_PO_BYTES, PoInput, import};
use flux_codes_gen::model::{Catalog, Counts, SourceHash, TextId, TextState};
use flux_codes_gen::plural::missing_categories;
use flux_codes_gen::render::po::{PoHeader, render_po};
use flux_codes_gen::render::xliff::render_xliff;
use flux_codes_gen::{
    FileLock, MAX_CATALOG_BYTES, ReplaceError, parse_catalog, replace_if_unchanged,
};
use serde::Serialize;

use crate::commands::Reported;
use crate::{Context, catalog, git};

/// Translate the catalog: export a locale for translators, import their work, see what is left.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
flux-codes l10n export --locale pt-BR --out pt-BR.po\n  \
flux-codes l10n import pt-BR.po\n  \
flux-codes l10n status --verbose\n  \
flux-codes l10n status --require-complete      # a release gate")]
pub struct Args {
    #[command(subcommand)]
    command: L10nCommand,
}

#[derive(Debug, Subcommand)]
enum L10nCommand {
    Export(ExportArgs),
    Import(ImportArgs),
    Status(StatusArgs),
}

/// Write one locale's texts for translators: a PO file (gettext, Weblate, Poedit, Crowdin) or
/// XLIFF 1.2.
#[derive(Debug, clap::Args)]
struct ExportArgs {
    /// The locale to translate (any locale but the default, drafts included).
    #[arg(long, short, value_name = "TAG")]
    locale: String,

    #[arg(long, short, value_enum, default_value_t = ExchangeFormat::Po, value_name = "FORMAT")]
    format: ExchangeFormat,

    /// The file to write (default: stdout).
    #[arg(long, short, value_name = "PATH")]
    out: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ExchangeFormat {
    /// GNU gettext PO.
    Po,
    /// XLIFF 1.2.
    Xliff,
}

/// Write translated PO files back into the catalog. Every file is checked, and the edited
/// catalog validated, before anything is written: one problem anywhere and nothing changes.
#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// The PO files (each names its locale in its `Language` header).
    #[arg(required = true, value_name = "PATH")]
    files: Vec<PathBuf>,

    /// Import fuzzy entries too (by default a fuzzy entry waits for review).
    #[arg(long)]
    include_fuzzy: bool,

    /// Check the import and say what it would change, without writing.
    #[arg(long)]
    dry_run: bool,
}

/// How complete and current each locale is.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0; with --require-complete, 1 when a locale of `locales` (not a \
draft) has a missing or stale text."
)]
struct StatusArgs {
    #[arg(long, value_enum, default_value_t = StatusFormat::Human, value_name = "FORMAT")]
    format: StatusFormat,

    /// List each missing and stale text.
    #[arg(long, short)]
    verbose: bool,

    /// Exit 1 when a complete (non-draft) locale has a missing or stale text: a release gate.
    #[arg(long)]
    require_complete: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum StatusFormat {
    Human,
    Json,
}

pub fn run(cx: &Context, args: Args) -> anyhow::Result<ExitCode> {
    match args.command {
        L10nCommand::Export(args) => export(cx, args),
        L10nCommand::Import(args) => import_files(cx, args),
        L10nCommand::Status(args) => status(cx, args),
    }
}

fn export(cx: &Context, args: ExportArgs) -> anyhow::Result<ExitCode> {
    let path = catalog::find(cx)?;
    let catalog = catalog::load_valid(cx)?;
    let locale = catalog::locale_index(&catalog, &args.locale)?;
    if locale == catalog.default_locale() {
        bail!(
            "`{}` is the catalog's default locale, the source of every translation; export another locale",
            catalog.locales()[locale]
        );
    }
    let previous = previous_sources(&path, &catalog, locale);
    let lookup = |hash: SourceHash| previous.get(&hash).cloned();
    let text = match args.format {
        ExchangeFormat::Po => {
            let date =
                git::last_change(&path).unwrap_or_else(|| "1970-01-01 00:00+0000".to_owned());
            let header = PoHeader {
                revision_date: &date,
            };
            render_po(&catalog, locale, header, &lookup)
        }
        ExchangeFormat::Xliff => render_xliff(&catalog, locale, &lookup),
    };
    match &args.out {
        Some(out) => {
            flux_codes_gen::write_if_changed(out, text.as_bytes())
                .with_context(|| format!("cannot write {}", out.display()))?;
        }
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .context("cannot write to stdout")?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// How many commits back `l10n export` looks for the source texts stale translations were made
/// from.
const HISTORY_DEPTH: usize = 200;

/// The earlier source texts the locale's stale translations were made from, by hash, found in
/// the catalog's git history (none outside a repository: the PO file then has no `#|` line).
fn previous_sources(path: &Path, catalog: &Catalog, locale: usize) -> HashMap<SourceHash, String> {
    let mut wanted: HashSet<SourceHash> = catalog
        .texts()
        .filter_map(|id| match id.states(catalog)[locale] {
            TextState::Stale { translated_from } => Some(translated_from),
            _ => None,
        })
        .collect();
    let mut found = HashMap::new();
    if wanted.is_empty() {
        return found;
    }
    let Ok(revisions) = git::history(path, HISTORY_DEPTH) else {
        return found;
    };
    for rev in revisions {
        let Ok(at) = git::show(path, &rev, MAX_CATALOG_BYTES) else {
            continue;
        };
        let Ok(old) = parse_catalog(&at.label, &at.bytes) else {
            continue;
        };
        for id in old.texts() {
            let text = &id.texts(&old)[old.default_locale()];
            let hash = SourceHash::of(text);
            if wanted.remove(&hash) {
                found.insert(hash, text.to_string());
            }
        }
        if wanted.is_empty() {
            break;
        }
    }
    found
}

fn import_files(cx: &Context, args: ImportArgs) -> anyhow::Result<ExitCode> {
    let path = catalog::find(cx)?;
    let mut contents = Vec::new();
    for file in &args.files {
        let bytes = read_bounded(file, MAX_PO_BYTES)?;
        contents.push(bytes);
    }
    // Two imports never interleave their read-edit-write cycles: the second waits for the
    // first, then reads the catalog the first wrote (so neither loses the other's change).
    let _lock = if args.dry_run {
        None
    } else {
        Some(lock_catalog(&path)?)
    };
    // At most one byte over the limit: the import reports a larger catalog.
    let source = String::from_utf8(read_bounded(&path, MAX_CATALOG_BYTES)?).map_err(|_| {
        anyhow::anyhow!(
            "{} is not valid UTF-8; run `flux-codes check`",
            path.display()
        )
    })?;
    let inputs: Vec<PoInput<'_>> = args
        .files
        .iter()
        .zip(&contents)
        .map(|(path, bytes)| PoInput { path, bytes })
        .collect();
    let options = ImportOptions {
        include_fuzzy: args.include_fuzzy,
    };
    let imported = match import(&path, &source, &inputs, options) {
        Ok(imported) => imported,
        Err(error) => {
            eprint!("{}", error.render(catalog::stderr_color(cx.color)));
            return Err(Reported.into());
        }
    };
    let texts = imported.changes.iter().filter(|c| c.text_changed).count();
    let confirmed = imported.changes.len() - texts;
    let mut summary = format!(
        "{}: {texts} translation{} {}",
        path.display(),
        if texts == 1 { "" } else { "s" },
        if args.dry_run {
            "would change"
        } else {
            "changed"
        },
    );
    if confirmed > 0 {
        summary.push_str(&format!(
            ", {confirmed} unchanged translation{} recorded as made from the current source",
            if confirmed == 1 { "" } else { "s" }
        ));
    }
    if imported.skipped_fuzzy > 0 {
        summary.push_str(&format!(
            "; {} fuzzy entr{} left out (review them, or pass --include-fuzzy)",
            imported.skipped_fuzzy,
            if imported.skipped_fuzzy == 1 {
                "y"
            } else {
                "ies"
            }
        ));
    }
    if imported.kept_newer > 0 {
        summary.push_str(&format!(
            "; {} entr{} left as exported kept the newer translation codes.toml has now",
            imported.kept_newer,
            if imported.kept_newer == 1 { "y" } else { "ies" }
        ));
    }
    if imported.untranslated > 0 {
        summary.push_str(&format!("; {} untranslated", imported.untranslated));
    }
    for change in &imported.changes {
        eprintln!(
            "  {} {} {}",
            if change.text_changed {
                "translated"
            } else {
                "recorded  "
            },
            change.locale,
            change.key
        );
    }
    if !args.dry_run && imported.source != source {
        // An editor (which takes no lock) may have saved the catalog since it was read: then
        // writing would silently undo that save.
        match replace_if_unchanged(&path, source.as_bytes(), imported.source.as_bytes()) {
            Ok(_) => {}
            Err(ReplaceError::Changed) => bail!(
                "{} changed on disk while this import ran (an editor or another program saved it); \
                 nothing was written, so that change is kept: run the import again",
                path.display()
            ),
            Err(ReplaceError::Io(e)) => {
                return Err(
                    anyhow::Error::new(e).context(format!("cannot write {}", path.display()))
                );
            }
        }
    }
    println!("{summary}");
    Ok(ExitCode::SUCCESS)
}

/// How long an import waits for another one to finish writing the catalog.
const IMPORT_LOCK_WAIT: Duration = Duration::from_secs(60);

/// The catalog's import lock ([`FileLock`]), waiting up to [`IMPORT_LOCK_WAIT`] for another
/// import to release it.
fn lock_catalog(path: &Path) -> anyhow::Result<FileLock> {
    FileLock::acquire(path, IMPORT_LOCK_WAIT).map_err(|e| {
        let lock = FileLock::path_of(path).unwrap_or_default();
        if e.kind() == std::io::ErrorKind::WouldBlock {
            anyhow::anyhow!(
                "another `flux-codes l10n import` is writing {} (its lock file {} has existed for {} s); \
                 nothing was imported: run this import again when it is done, or remove the lock file \
                 if no import is running (one that was killed leaves it behind)",
                path.display(),
                lock.display(),
                IMPORT_LOCK_WAIT.as_secs()
            )
        } else {
            anyhow::Error::new(e).context(format!("cannot create the lock file {}", lock.display()))
        }
    })
}

/// A file's bytes, at most one byte over `limit` ([`MAX_PO_BYTES`] for a PO file,
/// [`MAX_CATALOG_BYTES`] for the catalog): the import reports a larger file (located in it)
/// without this reading an endless one.
fn read_bounded(path: &Path, limit: usize) -> anyhow::Result<Vec<u8>> {
    use std::io::Read;
    let file =
        std::fs::File::open(path).with_context(|| format!("cannot read {}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .with_context(|| format!("cannot read {}", path.display()))?;
    Ok(bytes)
}

/// One locale's line of `l10n status`.
#[derive(Debug, Serialize)]
struct LocaleStatus {
    locale: String,
    /// `source`, `complete` or `draft`.
    kind: &'static str,
    total: usize,
    translated: usize,
    missing: usize,
    stale: usize,
    translated_percent: f64,
    missing_percent: f64,
    stale_percent: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    missing_texts: Option<Vec<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stale_texts: Option<Vec<String>>,
    /// The translated texts whose plurals lack a CLDR category the locale needs (a number in it
    /// falls back to `other`): listed always, as `flux-codes check` warns about each.
    missing_plural_forms: Vec<MissingPluralForm>,
}

/// A plural category a locale needs that one of its translations has no option for.
#[derive(Debug, Serialize)]
struct MissingPluralForm {
    text: String,
    param: String,
    category: &'static str,
    /// A number that falls in the category and so, today, falls back to `other`.
    example: String,
}

/// The translated (not fallback) details of the locale at `locale` whose plurals lack a
/// category it needs.
fn missing_plural_forms(catalog: &Catalog, locale: usize) -> Vec<MissingPluralForm> {
    let tag = &catalog.locales()[locale];
    let mut found = Vec::new();
    for id in catalog.texts() {
        let TextId::Detail(i) = id else {
            continue;
        };
        if id.states(catalog)[locale] == TextState::Fallback {
            continue;
        }
        let Some(detail) = catalog.codes()[i].detail() else {
            continue;
        };
        for missing in missing_categories(&detail[locale], tag) {
            found.push(MissingPluralForm {
                text: id.key(catalog),
                param: missing.param.to_owned(),
                category: missing.category,
                example: missing.example,
            });
        }
    }
    found
}

fn status(cx: &Context, args: StatusArgs) -> anyhow::Result<ExitCode> {
    let catalog = catalog::load_valid(cx)?;
    let percent = |n: usize, total: usize| {
        if total == 0 {
            0.0
        } else {
            (n as f64 * 1000.0 / total as f64).round() / 10.0
        }
    };
    let mut lines = Vec::new();
    for (locale, tag) in catalog.locales().iter().enumerate() {
        let counts = Counts::of(&catalog, locale);
        let list = |wanted: fn(TextState) -> bool| {
            args.verbose.then(|| {
                catalog
                    .texts()
                    .filter(|id| wanted(id.states(&catalog)[locale]))
                    .map(|id| id.key(&catalog))
                    .collect()
            })
        };
        lines.push(LocaleStatus {
            locale: tag.clone(),
            kind: if locale == catalog.default_locale() {
                "source"
            } else if catalog.is_draft(locale) {
                "draft"
            } else {
                "complete"
            },
            total: counts.total,
            translated: counts.translated,
            missing: counts.missing,
            stale: counts.stale,
            translated_percent: percent(counts.translated, counts.total),
            missing_percent: percent(counts.missing, counts.total),
            stale_percent: percent(counts.stale, counts.total),
            missing_texts: list(|s| s == TextState::Fallback),
            stale_texts: list(|s| matches!(s, TextState::Stale { .. })),
            missing_plural_forms: missing_plural_forms(&catalog, locale),
        });
    }
    let failing: Vec<&str> = lines
        .iter()
        .filter(|l| l.kind == "complete" && (l.missing > 0 || l.stale > 0))
        .map(|l| l.locale.as_str())
        .collect();
    match args.format {
        StatusFormat::Json => {
            let report = serde_json::json!({
                "source_locale": catalog.default_locale_tag(),
                "locales": lines,
            });
            println!("{}", serde_json::to_string_pretty(&report)?);
        }
        StatusFormat::Human => print!("{}", human_status(&lines)),
    }
    if args.require_complete && !failing.is_empty() {
        eprintln!(
            "error: {} not complete and current; translate and review the texts `flux-codes l10n status --verbose` lists",
            failing
                .iter()
                .map(|l| format!("`{l}`"))
                .collect::<Vec<_>>()
                .join(", ")
                + if failing.len() == 1 { " is" } else { " are" }
        );
        return Ok(ExitCode::FAILURE);
    }
    Ok(ExitCode::SUCCESS)
}

fn human_status(lines: &[LocaleStatus]) -> String {
    let mut out = String::new();
    let width = lines
        .iter()
        .map(|l| l.locale.len())
        .max()
        .unwrap_or(0)
        .max("locale".len());
    out.push_str(&format!(
        "{:width$}  {:8}  {:>14}  {:>14}  {:>14}\n",
        "locale", "kind", "translated", "missing", "stale"
    ));
    for l in lines {
        let cell = |n: usize, p: f64| format!("{n} ({p:.1}%)");
        out.push_str(&format!(
            "{:width$}  {:8}  {:>14}  {:>14}  {:>14}\n",
            l.locale,
            l.kind,
            cell(l.translated, l.translated_percent),
            cell(l.missing, l.missing_percent),
            cell(l.stale, l.stale_percent),
        ));
        for (what, list) in [("missing", &l.missing_texts), ("stale", &l.stale_texts)] {
            for key in list.iter().flatten() {
                out.push_str(&format!("    {what}: {key}\n"));
            }
        }
        for m in &l.missing_plural_forms {
            out.push_str(&format!(
                "    missing plural form: {} has no `{}` option for {{{}}} ({} = {} falls back to `other`)\n",
                m.text, m.category, m.param, m.param, m.example
            ));
        }
    }
    if let Some(first) = lines.first() {
        out.push_str(&format!("({} texts per locale)\n", first.total));
    }
    out
}
