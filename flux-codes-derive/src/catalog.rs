//! `catalog!("path/to/codes.toml")`: the generated API of another catalog, through the same
//! renderer as `flux-codes`' build script (`flux_codes_gen::render::rust::render_rust`), lexed.

use std::path::{Path, PathBuf};

use flux_codes_gen::{Diagnostics, Severity};
use proc_macro2::TokenStream;
use quote::{quote, quote_spanned};
use syn::parse::{Parse, ParseStream};
use syn::{LitStr, Token};

/// The macro's input: the catalog's path, relative to the calling crate's manifest.
struct Args {
    path: LitStr,
}

impl Parse for Args {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let path: LitStr = input.parse().map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the catalog's path: `catalog!(\"codes.toml\")`",
            )
        })?;
        if input.peek(Token![,]) {
            input.parse::<Token![,]>()?;
        }
        if !input.is_empty() {
            return Err(input.error("expected only the catalog's path: `catalog!(\"codes.toml\")`"));
        }
        Ok(Args { path })
    }
}

pub fn expand(input: TokenStream) -> TokenStream {
    let args: Args = match syn::parse2(input) {
        Ok(args) => args,
        Err(e) => return e.to_compile_error(),
    };
    let relative = args.path.value();
    let Some(manifest_dir) = std::env::var_os("CARGO_MANIFEST_DIR") else {
        return error(
            &args.path,
            "`catalog!` needs `CARGO_MANIFEST_DIR`: build with cargo",
        );
    };
    let path = PathBuf::from(manifest_dir).join(&relative);
    let shown = shown_path(&path);
    let track = track(&path);
    match flux_codes_gen::load_catalog_checked(&path) {
        Ok((catalog, mut diagnostics)) => {
            let code =
                flux_codes_gen::render::rust::render_rust(&catalog, "::flux_codes::__private");
            let items: TokenStream = match code.parse() {
                Ok(items) => items,
                Err(e) => {
                    return error(
                        &args.path,
                        &format!(
                            "flux-codes-gen generated Rust for `{}` that does not lex ({e}); this \
                             is a bug in flux-codes: please report it with the catalog",
                            shown.display()
                        ),
                    );
                }
            };
            diagnostics.path = shown;
            let warnings = warnings(&args.path, &diagnostics);
            quote!(#track #warnings #items)
        }
        Err(flux_codes_gen::Error::Invalid(mut diagnostics)) => {
            diagnostics.path = shown.clone();
            let message = format!(
                "the catalog `{}` is not valid:\n\n{}",
                shown.display(),
                diagnostics.render(false).trim_end()
            );
            let error = error(&args.path, &message);
            quote!(#track #error)
        }
        Err(flux_codes_gen::Error::Io { error: io, .. }) if Path::new(&relative).is_absolute() => {
            error(
                &args.path,
                &format!("cannot read the catalog `{relative}`: {io}"),
            )
        }
        Err(flux_codes_gen::Error::Io { error: io, .. }) => error(
            &args.path,
            &format!(
                "cannot read the catalog `{relative}` ({}): {io}\n(the path is relative to the \
                 crate's manifest directory)",
                path.display()
            ),
        ),
        // Loading writes nothing: only the build script's errors are left, which it never
        // meets; shown as they are rather than hidden.
        Err(other) => error(&args.path, &other.to_string()),
    }
}

/// The catalog's path as the user can open it: relative to the working directory (where cargo
/// runs rustc, the workspace root) when the catalog is under it, else absolute. Relative to the
/// calling crate it would mean nothing when that crate is a dependency.
fn shown_path(path: &Path) -> PathBuf {
    let cwd = std::env::current_dir().ok();
    cwd.as_deref()
        .and_then(|cwd| path.strip_prefix(cwd).ok())
        .map_or_else(|| path.to_path_buf(), Path::to_path_buf)
}

/// Makes rustc track the file, so cargo rebuilds the crate when the catalog changes (a proc
/// macro's own reads are invisible to it on stable Rust).
fn track(path: &Path) -> TokenStream {
    match path.to_str() {
        Some(path) => quote!(
            const _: &[u8] = ::core::include_bytes!(#path);
        ),
        None => TokenStream::new(),
    }
}

/// Each warning of a valid catalog (a stale translation, a missing plural category) as a
/// compiler warning at the macro call. A proc macro cannot emit a warning on stable Rust; the
/// use of a `#[deprecated]` item can, so each warning is a deprecated constant, used once, whose
/// note is the warning's report (the one `flux-codes check` and the build script show). The
/// lint is `deprecated`: `#[allow(deprecated)]` on the module holding the call silences it.
fn warnings(at: &LitStr, diagnostics: &Diagnostics) -> TokenStream {
    let path = diagnostics.path.display().to_string();
    diagnostics
        .items
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| {
            let note = format!(
                "the catalog `{path}` has a warning:\n\n{}",
                d.render(&path, &diagnostics.source, 1, false)
            );
            quote_spanned!(at.span()=>
                const _: () = {
                    #[allow(dead_code)]
                    fn catalog() {
                        #[deprecated(note = #note)]
                        #[allow(non_upper_case_globals)]
                        const warning: () = ();
                        warning
                    }
                };
            )
        })
        .collect()
}

fn error(at: &LitStr, message: &str) -> TokenStream {
    quote_spanned!(at.span()=> ::core::compile_error!(#message);)
}
