use flux_codes::FluxError;

#[derive(Debug, FluxError)]
enum PayError {
    #[flux]
    Bare,
    #[flux = "QrExpired"]
    NameValue,
    #[flux(cod = QrExpired)]
    Typo,
    #[flux(code = "ERR_QR_EXPIRED")]
    WireString,
    #[flux(code = ErrorCode::QrExpired)]
    LongPath,
    #[flux(code)]
    NoValue,
    #[flux(code = 42)]
    Number,
    #[flux(code = Server, detail = 5)]
    DetailNotString,
    #[flux(code = MaxAmountExceeded, param = 5)]
    ParamNotList,
    #[flux(transparent = true)]
    TransparentValue(Box<PayError>),
}

fn main() {}
