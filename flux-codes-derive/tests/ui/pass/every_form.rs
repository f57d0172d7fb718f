//! Every accepted form of `#[flux]`, with warnings denied: structs (named, tuple, unit), an
//! empty enum, generics, raw identifiers, `param` over tuple fields, `transparent`, an explicit
//! `catalog`.
#![deny(warnings)]

use flux_codes::{ErrorCode, FluxError, ParamValue};

#[derive(Debug, FluxError)]
#[flux(catalog = flux_codes, code = MaxAmountExceeded)]
struct Named {
    max_amount: u64,
}

#[derive(Debug, FluxError)]
#[flux(code = MaxAmountExceeded, param(max_amount = _0))]
struct Tuple(u64);

#[derive(Debug, FluxError)]
#[flux(code = Unauthorized)]
struct Unit;

#[derive(Debug, FluxError)]
#[flux(transparent)]
struct Forward {
    inner: Named,
}

#[derive(Debug, FluxError)]
#[flux(code = MaxAmountExceeded, param(r#max_amount = 3))]
struct RawParam;

#[derive(Debug, FluxError)]
enum Never {}

#[derive(Debug, FluxError)]
enum Generic<'a, T: Clone, const N: usize>
where
    T: std::fmt::Debug,
{
    #[flux(code = BadRequest, detail = "bad {items:?}")]
    Bad { r#type: &'a str, items: [T; N] },
    #[flux(code = NetworkTimeout, detail = "no answer in {0} ms ({1:?})")]
    Timeout(u32, T),
    #[flux(transparent)]
    Inner(Named),
    #[flux(code = MinAmountSubceed, param(min_amount = _0 + 1))]
    Small(u64, T),
}

fn main() {
    assert_eq!(Named { max_amount: 1 }.params(), [("max_amount", ParamValue::UInt(1))]);
    assert_eq!(Tuple(2).params(), [("max_amount", ParamValue::UInt(2))]);
    assert_eq!(Unit.error_code(), ErrorCode::Unauthorized);
    assert_eq!(Forward { inner: Named { max_amount: 4 } }.http_status(), 422);
    assert_eq!(RawParam.params(), [("max_amount", ParamValue::Int(3))]);
    let _ = |never: &Never| never.error_code();
    let small: Generic<'_, u8, 2> = Generic::Small(9, 0);
    assert_eq!(small.params(), [("min_amount", ParamValue::UInt(10))]);
    let timeout: Generic<'_, u8, 2> = Generic::Timeout(30, 1);
    assert_eq!(timeout.custom_detail().unwrap(), "no answer in 30 ms (1)");
    let bad: Generic<'_, u8, 2> = Generic::Bad { r#type: "x", items: [1, 2] };
    assert_eq!(bad.custom_detail().unwrap(), "bad [1, 2]");
}
