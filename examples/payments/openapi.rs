//! The service's OpenAPI document: its own paths and schemas, with every error response taken
//! from the catalog's exported components (`flux-codes export --format openapi`, rendered here
//! by the same library from the catalog the binary was built with).

use serde_json::{Value, json};

use crate::app::{MAX_QR_CHARS, MAX_REFERENCE_CHARS};

/// The catalog this binary was built with.
const CATALOG: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/codes.toml"));

/// The catalog's OpenAPI components document (`flux-codes export --format openapi`).
fn components_fragment() -> String {
    let catalog = flux_codes_gen::parse_catalog("codes.toml".as_ref(), CATALOG)
        .unwrap_or_else(|diags| panic!("the built-in catalog is valid: {}", diags.render(false)));
    flux_codes_gen::render::openapi::render_openapi(&catalog)
}

fn error(status: u16) -> Value {
    json!({ "$ref": format!("#/components/responses/Error{status}") })
}

/// The full document served at `/openapi.json`.
pub fn document() -> Value {
    let fragment: Value =
        serde_json::from_str(&components_fragment()).expect("the renderer writes JSON");
    let mut components = fragment["components"].clone();
    let amount = json!({
        "type": "string",
        "pattern": "^[0-9]{1,9}(\\.[0-9]{1,2})?$",
        "description": "A decimal amount with at most two decimals.",
        "example": "12.50"
    });
    components["schemas"]["PaymentRequest"] = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["qr", "amount", "reference"],
        "properties": {
            "qr": {
                "type": "string",
                "pattern": format!("^qr_[a-z0-9_]{{1,{}}}$", MAX_QR_CHARS - 3),
                "description": "The scanned QR payload."
            },
            "amount": amount,
            "reference": {
                "type": "string",
                "minLength": 1,
                "maxLength": MAX_REFERENCE_CHARS,
                "description": "The merchant's own id of the payment; unique."
            }
        },
        "example": { "qr": "qr_coffee_shop", "amount": "12.50", "reference": "order-1001" }
    });
    components["schemas"]["Payment"] = json!({
        "type": "object",
        "additionalProperties": false,
        "required": ["id", "qr", "amount", "reference", "status"],
        "properties": {
            "id": { "type": "string" },
            "qr": { "type": "string" },
            "amount": amount,
            "reference": { "type": "string" },
            "status": { "type": "string", "enum": ["approved"] }
        }
    });
    let accept_language = json!({ "$ref": "#/components/parameters/AcceptLanguage" });
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "Flux payments sandbox",
            "version": "1.0.0",
            "description": "An example Flux service: charge a QR code, read a payment back. Errors are RFC 9457 problem details in the language `Accept-Language` asks for."
        },
        "paths": {
            "/payments": {
                "post": {
                    "operationId": "createPayment",
                    "summary": "Charge a QR code",
                    "parameters": [accept_language],
                    "requestBody": {
                        "required": true,
                        "content": {
                            "application/json": {
                                "schema": { "$ref": "#/components/schemas/PaymentRequest" }
                            }
                        }
                    },
                    "responses": {
                        "201": {
                            "description": "The payment was approved.",
                            "headers": {
                                "Location": { "required": true, "schema": { "type": "string" } }
                            },
                            "content": {
                                "application/json": {
                                    "schema": { "$ref": "#/components/schemas/Payment" }
                                }
                            }
                        },
                        "400": error(400),
                        "402": error(402),
                        "404": error(404),
                        "409": error(409),
                        "410": error(410),
                        "422": error(422),
                        "500": error(500),
                        "504": error(504)
                    }
                }
            },
            "/payments/{id}": {
                "get": {
                    "operationId": "getPayment",
                    "summary": "Read a payment",
                    "parameters": [
                        { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } },
                        accept_language
                    ],
                    "responses": {
                        "200": {
                            "description": "The payment.",
                            "content": {
                                "application/json": {
                                    "schema": { "$ref": "#/components/schemas/Payment" }
                                }
                            }
                        },
                        "404": error(404)
                    }
                }
            }
        },
        "components": components
    })
}
