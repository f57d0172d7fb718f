
extension FluxErrorCode {
    /// The bundle holding `Localizable.xcstrings`: the app's main bundle, or a Swift package's
    /// `Bundle.module`.
    public static var bundle: Bundle = .main

    /// The String Catalog's table (`nil`: `Localizable`).
    public static var table: String?

    /// Whether this is a code of this catalog (not `unknown`).
    public var isKnown: Bool {
        if case .unknown = self { return false }
        return true
    }

    /// The message, in the app's language (`LocalizedError`); nil for an unknown code.
    public var errorDescription: String? {
        isKnown ? Self.localized("\(rawValue).message") : nil
    }

    /// The hint (what to do), for a code with one (`LocalizedError`).
    public var recoverySuggestion: String? {
        hasHint ? Self.localized("\(rawValue).hint") : nil
    }

    /// The detail filled with `params` (a problem body's `params`), or nil for a code without
    /// one: the sentence the params choose (select keys, `=N`), the plural form the String
    /// Catalog picks, numbers formatted for the locale of the strings. A missing param shows
    /// as `{name}`.
    public func detail(_ params: [String: Any]) -> String? {
        guard let plan = fluxDetailPlans[rawValue] else { return nil }
        let keys = plan.selects.map { select -> String in
            if let value = params[select.name].map(FluxFormat.text), select.keys.contains(value) {
                return value
            }
            return "other"
        }
        let pluralValue = plan.plural.flatMap { params[$0] }.flatMap(FluxFormat.exact)
        let exact = pluralValue.flatMap { value in plan.exact.first { Decimal($0) == value } }
        guard let variant = plan.variants.first(where: { $0.keys == keys && ($0.exact == nil || $0.exact == exact) }) else {
            return nil
        }
        let locale = Locale(identifier: Self.bundle.preferredLocalizations.first ?? fluxDefaultLocale)
        var args: [CVarArg] = plan.slots.map { slot -> CVarArg in
            guard let value = params[slot.param] else { return "{\(slot.param)}" }
            switch slot.kind {
            case .text: return FluxFormat.text(value)
            default: return FluxFormat.number(value, kind: slot.kind, offset: plan.offset, locale: locale)
            }
        }
        if variant.plural {
            var quantity = 0
            if let value = pluralValue {
                let whole = NSDecimalNumber(decimal: value - Decimal(plan.offset))
                quantity = whole.intValue
            }
            args.append(quantity)
        }
        let format = Self.localized(variant.key)
        return String(format: format, locale: locale, arguments: args)
    }

    private static func localized(_ key: String) -> String {
        NSLocalizedString(key, tableName: table, bundle: bundle, value: key, comment: "")
    }
}

/// How a detail's positional argument shows its param.
enum FluxSlotKind {
    case text, number, integer, pound
}

struct FluxSlot {
    let param: String
    let kind: FluxSlotKind
}

/// One sentence of a detail: its key, and the select keys and `=N` value it is for.
struct FluxDetailVariant {
    let key: String
    let plural: Bool
    let keys: [String]
    let exact: Int64?
}

struct FluxDetailPlan {
    let slots: [FluxSlot]
    let selects: [(name: String, keys: Set<String>)]
    let plural: String?
    let offset: Int64
    let exact: [Int64]
    let variants: [FluxDetailVariant]
}

/// Values shown as the server's runtime shows them.
enum FluxFormat {
    static func text(_ value: Any) -> String {
        switch value {
        case let string as String:
            return string
        case let double as Double:
            if double.isFinite && double == double.rounded() && abs(double) < 1e15 {
                return String(Int64(double))
            }
            return "\(double)"
        default:
            return "\(value)"
        }
    }

    /// The exact number a value holds, or nil for another value.
    static func exact(_ value: Any) -> Decimal? {
        switch value {
        case let int as Int:
            return Decimal(int)
        case let int as Int64:
            return Decimal(int)
        case let double as Double:
            return double.isFinite ? Decimal(string: "\(double)", locale: Locale(identifier: "en_US_POSIX")) : nil
        case let decimal as Decimal:
            return decimal
        case let string as String:
            guard string.range(of: "^-?[0-9]+(\\.[0-9]+)?$", options: .regularExpression) != nil else { return nil }
            return Decimal(string: string, locale: Locale(identifier: "en_US_POSIX"))
        default:
            return nil
        }
    }

    /// `{p, number}`, `{p, number, integer}` or `#`: a float with at most three fraction
    /// digits, an exact decimal with its own, CLDR's grouping for the locale.
    static func number(_ value: Any, kind: FluxSlotKind, offset: Int64, locale: Locale) -> String {
        guard var number = exact(value) else { return text(value) }
        let formatter = NumberFormatter()
        formatter.locale = locale
        formatter.numberStyle = .decimal
        formatter.roundingMode = .halfUp
        if let string = value as? String, let dot = string.firstIndex(of: ".") {
            let digits = string.distance(from: dot, to: string.endIndex) - 1
            formatter.minimumFractionDigits = digits
            formatter.maximumFractionDigits = digits
        } else {
            formatter.maximumFractionDigits = 3
        }
        if kind == .integer {
            formatter.minimumFractionDigits = 0
            formatter.maximumFractionDigits = 0
        }
        if kind == .pound {
            number -= Decimal(offset)
        }
        return formatter.string(from: NSDecimalNumber(decimal: number)) ?? text(value)
    }
}
