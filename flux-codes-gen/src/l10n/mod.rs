//! The translators' round trip: reading PO files back ([`po`]) and importing them into
//! `codes.toml` as a checked edit ([`import`]). Writing them is a renderer's job
//! ([`crate::render::po`], [`crate::render::xliff`]); what each text's state is, the model's
//! (`Translations`).

pub mod import;
pub mod po;
