//! Synthetic catalogs for the benchmarks: `catalog_toml(n)` is a `codes.toml` of `n` codes
//! (at most 10,000) in the shape of a real API's catalog: codes named
//! `ERR_<DOMAIN>_<OBJECT>_<CONDITION>` (12 to 44 bytes), one category per domain, a status and
//! retryability that follow the condition, English and Spanish messages, a detail template with
//! a placeholder on every fourth code and a hint on every third. Deterministic: same `n`, same
//! text. Shared by the bench crate's build script and `cargo xtask bench-build`.

/// `(code word, English, Spanish)` of each business domain; one category each.
const DOMAINS: [(&str, &str, &str); 20] = [
    ("PAYMENT", "payment", "pago"),
    ("REFUND", "refund", "reembolso"),
    ("PAYOUT", "payout", "liquidación al comercio"),
    ("QR", "QR code", "código QR"),
    ("WALLET", "wallet", "billetera"),
    ("ACCOUNT", "account", "cuenta"),
    ("MERCHANT", "merchant", "comercio"),
    ("CUSTOMER", "customer", "cliente"),
    ("CARD", "card", "tarjeta"),
    ("TRANSFER", "bank transfer", "transferencia bancaria"),
    ("SETTLEMENT", "settlement", "conciliación"),
    ("INVOICE", "invoice", "factura"),
    ("SUBSCRIPTION", "subscription", "suscripción"),
    ("WEBHOOK", "webhook", "webhook"),
    ("APIKEY", "API key", "clave de API"),
    ("SESSION", "session", "sesión"),
    ("DEVICE", "device", "dispositivo"),
    ("KYC", "identity check", "verificación de identidad"),
    ("DISPUTE", "dispute", "disputa"),
    ("CHECKOUT", "checkout", "pago en línea"),
];

/// `(code word, English, Spanish)` of the field or object a code is about.
const OBJECTS: [(&str, &str, &str); 25] = [
    ("AMOUNT", "amount", "monto"),
    ("CURRENCY", "currency", "moneda"),
    ("REFERENCE", "reference", "referencia"),
    ("SIGNATURE", "signature", "firma"),
    ("TOKEN", "token", "token"),
    ("OWNER", "owner", "titular"),
    ("STATUS", "status", "estado"),
    ("DESCRIPTION", "description", "descripción"),
    ("METADATA", "metadata", "metadatos"),
    ("ADDRESS", "address", "dirección"),
    ("EMAIL", "email address", "correo electrónico"),
    ("PHONE", "phone number", "número de teléfono"),
    ("TAX_ID", "tax ID", "identificador tributario"),
    ("EXPIRY_DATE", "expiry date", "fecha de vencimiento"),
    ("CALLBACK_URL", "callback URL", "URL de retorno"),
    (
        "IDEMPOTENCY_KEY",
        "idempotency key",
        "clave de idempotencia",
    ),
    ("BALANCE", "balance", "saldo"),
    ("LIMIT", "limit", "límite"),
    ("SCHEDULE", "schedule", "programación"),
    ("DOCUMENT", "document", "documento"),
    ("COUNTRY", "country", "país"),
    ("LANGUAGE", "language", "idioma"),
    ("PIN", "PIN", "PIN"),
    ("OTP", "one-time password", "clave de un solo uso"),
    ("ATTEMPT", "attempt", "intento"),
];

/// `(code word, English, Spanish, status, retryable)` of what went wrong.
const CONDITIONS: [(&str, &str, &str, u16, bool); 20] = [
    ("MISSING", "is missing", "falta", 400, false),
    ("INVALID", "is not valid", "no es válido", 400, false),
    ("TOO_LONG", "is too long", "es demasiado largo", 400, false),
    (
        "TOO_SHORT",
        "is too short",
        "es demasiado corto",
        400,
        false,
    ),
    (
        "MALFORMED",
        "is malformed",
        "tiene un formato incorrecto",
        400,
        false,
    ),
    ("NOT_FOUND", "was not found", "no se encontró", 404, false),
    ("EXPIRED", "has expired", "expiró", 410, false),
    ("REVOKED", "was revoked", "fue revocado", 410, false),
    ("ALREADY_EXISTS", "already exists", "ya existe", 409, false),
    (
        "CONFLICT",
        "conflicts with the current state",
        "entra en conflicto con el estado actual",
        409,
        false,
    ),
    ("LOCKED", "is locked", "está bloqueado", 423, false),
    (
        "FORBIDDEN",
        "may not be used by this client",
        "no puede ser usado por este cliente",
        403,
        false,
    ),
    (
        "UNSUPPORTED",
        "is not supported",
        "no es compatible",
        422,
        false,
    ),
    ("MISMATCH", "does not match", "no coincide", 422, false),
    (
        "EXCEEDED",
        "is above the allowed maximum",
        "supera el máximo permitido",
        422,
        false,
    ),
    (
        "BELOW_MINIMUM",
        "is below the allowed minimum",
        "está bajo el mínimo permitido",
        422,
        false,
    ),
    (
        "RATE_LIMITED",
        "was used too often",
        "se usó demasiadas veces",
        429,
        true,
    ),
    (
        "UNAVAILABLE",
        "is temporarily unavailable",
        "no está disponible por ahora",
        503,
        true,
    ),
    (
        "TIMEOUT",
        "took too long to process",
        "tardó demasiado en procesarse",
        504,
        true,
    ),
    (
        "PROCESSING_FAILED",
        "could not be processed",
        "no se pudo procesar",
        500,
        true,
    ),
];

/// The most codes a synthetic catalog can have: every domain, object and condition.
pub const MAX_CODES: usize = DOMAINS.len() * OBJECTS.len() * CONDITIONS.len();

/// The `i`-th code's domain, object and condition. The stride visits all `MAX_CODES`
/// combinations in a scattered order, so a small catalog mixes every domain and length.
fn parts(i: usize) -> (usize, usize, usize) {
    let k = (i * 7919) % MAX_CODES; // 7919 is prime, so coprime to MAX_CODES: a permutation
    (
        k % DOMAINS.len(),
        (k / DOMAINS.len()) % OBJECTS.len(),
        k / (DOMAINS.len() * OBJECTS.len()),
    )
}

/// The code strings of the `n`-code synthetic catalog, in file order.
pub fn code_strings(n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let (d, o, c) = parts(i);
            format!("ERR_{}_{}_{}", DOMAINS[d].0, OBJECTS[o].0, CONDITIONS[c].0)
        })
        .collect()
}

/// A `codes.toml` with `n` codes (`n <= MAX_CODES`).
pub fn catalog_toml(n: usize) -> String {
    use std::fmt::Write;
    assert!(
        n <= MAX_CODES,
        "a synthetic catalog has at most {MAX_CODES} codes"
    );
    let mut out = String::with_capacity(n * 700);
    let _ = write!(
        out,
        "# A synthetic catalog of {n} codes for the benchmarks (benches/synth.rs).\n\n\
         [catalog]\nname = \"Synthetic {n}\"\ndefault_locale = \"en\"\nlocales = [\"en\", \"es\"]\n\
         docs_url = \"https://docs.flux.example/errors#{{code}}\"\nreserved = []\n\n"
    );
    for (word, en, es) in DOMAINS {
        let _ = writeln!(
            out,
            "[categories.{}]\ntitle = {{ en = \"{} errors\", es = \"Errores de {es}\" }}\n",
            word.to_ascii_lowercase(),
            capitalize(en),
        );
    }
    let codes = code_strings(n);
    for (i, code) in codes.iter().enumerate() {
        let (d, o, c) = parts(i);
        let (domain, object, condition) = (DOMAINS[d], OBJECTS[o], CONDITIONS[c]);
        let _ = write!(
            out,
            "[codes.{code}]\nstatus = {}\nretryable = {}\ncategory = \"{}\"\n\
             message = {{ en = \"The {} of the {} {}.\", es = \"El campo {} de {} {}.\" }}\n",
            condition.3,
            condition.4,
            domain.0.to_ascii_lowercase(),
            object.1,
            domain.1,
            condition.1,
            object.2,
            domain.2,
            condition.2,
        );
        if i % 4 == 1 {
            let _ = writeln!(
                out,
                "detail = {{ en = \"The {} of {} `{{{}_id}}` {}: `{{value}}`.\", \
                 es = \"El campo {} de {} `{{{}_id}}` {}: `{{value}}`.\" }}",
                object.1,
                domain.1,
                domain.0.to_ascii_lowercase(),
                condition.1,
                object.2,
                domain.2,
                domain.0.to_ascii_lowercase(),
                condition.2,
            );
        }
        if i % 3 == 2 {
            let _ = writeln!(
                out,
                "hint = {{ en = \"Check the {} sent for this {} and try again; see the API reference for its format.\", \
                 es = \"Revisa el campo {} enviado para {} e inténtalo de nuevo; consulta la referencia de la API.\" }}",
                object.1, domain.1, object.2, domain.2,
            );
        }
        out.push('\n');
    }
    out
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}
