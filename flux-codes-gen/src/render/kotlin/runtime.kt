
/**
 * An error code as a response carries it: one of this catalog's, or a code newer than the app's
 * copy of the catalog, kept as it came (a newer server must not crash an older app).
 */
sealed class FluxCode {
    /** The code string as the server sent it. */
    abstract val raw: String

    data class Known(val code: FluxErrorCode) : FluxCode() {
        override val raw: String get() = code.code
    }

    data class Unknown(override val raw: String) : FluxCode()

    companion object {
        fun of(raw: String): FluxCode = FluxErrorCode.fromCode(raw)?.let { Known(it) } ?: Unknown(raw)
    }
}

/**
 * An RFC 9457 `application/problem+json` error body: `code`, `retryable` and `params` as the
 * server sent them. [parse] needs nothing beyond the Kotlin standard library.
 */
class FluxProblem(
    /** `status`, else the HTTP status given to [parse]. */
    val status: Int?,
    val code: FluxCode?,
    val title: String?,
    val detail: String?,
    /** The body's `retryable`; else the known code's; else a 5xx or 429 status is. */
    val retryable: Boolean,
    /** `params`: strings, numbers (Long or Double), booleans, null, lists and maps. */
    val params: Map<String, Any?>,
) {
    companion object {
        /** The problem in `body`, or null when it is not a JSON object. */
        fun parse(body: String, httpStatus: Int? = null): FluxProblem? {
            val root = FluxJson(body).document() as? Map<*, *> ?: return null
            val status = (root["status"] as? Long)?.takeIf { it in 100..599 }?.toInt() ?: httpStatus
            val code = (root["code"] as? String)?.let { FluxCode.of(it) }
            val retryable = root["retryable"] as? Boolean
                ?: (code as? FluxCode.Known)?.code?.retryable
                ?: (status != null && (status >= 500 || status == 429))
            val params = (root["params"] as? Map<*, *>)
                ?.entries?.associate { (k, v) -> k as String to v } ?: emptyMap()
            return FluxProblem(status, code, root["title"] as? String, root["detail"] as? String, retryable, params)
        }
    }
}

/** A small, strict JSON reader (RFC 8259) for [FluxProblem.parse]: null on any mistake. */
private class FluxJson(private val text: String) {
    private var at = 0
    private var depth = 0

    fun document(): Any? = try {
        val value = value()
        space()
        if (at == text.length) value else null
    } catch (e: IllegalArgumentException) {
        null
    }

    private fun fail(): Nothing = throw IllegalArgumentException("not JSON at $at")

    private fun space() {
        while (at < text.length && text[at] in " \t\r\n") at++
    }

    private fun value(): Any? {
        space()
        if (at >= text.length) fail()
        return when (text[at]) {
            '{' -> nested { obj() }
            '[' -> nested { list() }
            '"' -> string()
            't' -> word("true", true)
            'f' -> word("false", false)
            'n' -> word("null", null)
            else -> number()
        }
    }

    private fun <T> nested(read: () -> T): T {
        if (++depth > 64) fail() // a hostile body cannot exhaust the stack
        return read().also { depth-- }
    }

    private fun word(word: String, value: Any?): Any? {
        if (!text.startsWith(word, at)) fail()
        at += word.length
        return value
    }

    private fun obj(): Map<String, Any?> {
        val map = LinkedHashMap<String, Any?>()
        at++
        space()
        if (at < text.length && text[at] == '}') { at++; return map }
        while (true) {
            space()
            if (at >= text.length || text[at] != '"') fail()
            val key = string()
            space()
            if (at >= text.length || text[at] != ':') fail()
            at++
            map[key] = value()
            space()
            if (at >= text.length) fail()
            when (text[at++]) {
                ',' -> continue
                '}' -> return map
                else -> fail()
            }
        }
    }

    private fun list(): List<Any?> {
        val list = ArrayList<Any?>()
        at++
        space()
        if (at < text.length && text[at] == ']') { at++; return list }
        while (true) {
            list.add(value())
            space()
            if (at >= text.length) fail()
            when (text[at++]) {
                ',' -> continue
                ']' -> return list
                else -> fail()
            }
        }
    }

    private fun string(): String {
        val out = StringBuilder()
        at++
        while (true) {
            if (at >= text.length) fail()
            val c = text[at++]
            when {
                c == '"' -> return out.toString()
                c == '\\' -> {
                    if (at >= text.length) fail()
                    when (text[at++]) {
                        '"' -> out.append('"')
                        '\\' -> out.append('\\')
                        '/' -> out.append('/')
                        'b' -> out.append('\b')
                        'f' -> out.append('\u000C')
                        'n' -> out.append('\n')
                        'r' -> out.append('\r')
                        't' -> out.append('\t')
                        'u' -> {
                            if (at + 4 > text.length) fail()
                            out.append(text.substring(at, at + 4).toIntOrNull(16)?.toChar() ?: fail())
                            at += 4
                        }
                        else -> fail()
                    }
                }
                c < ' ' -> fail()
                else -> out.append(c)
            }
        }
    }

    private fun number(): Any {
        val match = NUMBER.matchAt(text, at) ?: fail()
        at += match.value.length
        val isInteger = match.value.none { it == '.' || it == 'e' || it == 'E' }
        return (if (isInteger) match.value.toLongOrNull() else null) ?: match.value.toDouble()
    }

    companion object {
        private val NUMBER = Regex("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")
    }
}

/**
 * Where the texts come from: the app's string resources by name. On Android, implement it over
 * `Resources` with `getIdentifier(name, "string" or "plurals", packageName)`: [text] is
 * `getString(id)`, [format] `getString(id, *args)` and [quantityFormat]
 * `getQuantityString(id, quantity, *args)`; [locale] is the string resource
 * [FluxLocales.RESOURCE], the catalog locale the resources resolved to, whose CLDR number
 * symbols format the numbers.
 */
interface FluxStrings {
    val locale: String

    /** A fixed text (message, hint), shown as written: not a format string. */
    fun text(name: String): String

    /** A detail's format string filled with [args] (`%1$s`, ...; `%%` is `%`). */
    fun format(name: String, args: Array<out Any>): String

    /** A plural detail's form for [quantity], filled with [args]. */
    fun quantityFormat(name: String, quantity: Int, args: Array<out Any>): String
}

/** The code's message, in the language of [strings]. */
fun FluxErrorCode.message(strings: FluxStrings): String = strings.text(messageResource)

/** The code's hint (what to do), or null for a code without one. */
fun FluxErrorCode.hint(strings: FluxStrings): String? = hintResource?.let { strings.text(it) }

/**
 * The code's detail filled with [params] (a problem body's `params`), or null for a code without
 * one: the sentence the params choose (select keys, `=N`), the plural form the platform picks,
 * numbers formatted with the locale's CLDR symbols as the server's runtime formats them. A
 * missing param shows as `{name}`.
 */
fun FluxErrorCode.detail(strings: FluxStrings, params: Map<String, Any?>): String? {
    val detail = detailPlan ?: return null
    val keys = detail.selects.map { (name, keys) ->
        params[name]?.let { FluxFormat.text(it) }?.takeIf { it in keys } ?: "other"
    }
    val pluralValue = detail.plural?.let { params[it] }?.let { FluxFormat.exact(it) }
    val exact = pluralValue?.let { v -> detail.exact.firstOrNull { BigDecimal.valueOf(it).compareTo(v) == 0 } }
    val variant = detail.variants.first { it.keys == keys && (it.exact == null || it.exact == exact) }
    val symbols = FluxLocales.symbols(strings.locale)
    val args = detail.slots.map { slot ->
        val value = params[slot.param]
        when {
            value == null -> "{${slot.param}}"
            slot.kind == FluxSlotKind.TEXT -> FluxFormat.text(value)
            else -> FluxFormat.number(value, slot.kind, detail.offset, symbols)
        }
    }.toTypedArray<Any>()
    if (!variant.plural) return strings.format(variant.resource, args)
    val quantity = pluralValue?.subtract(BigDecimal.valueOf(detail.offset))
        ?.setScale(0, RoundingMode.DOWN)?.toBigInteger()
        ?.takeIf { it.bitLength() < 32 }?.toInt()
        ?: symbols.otherQuantity
    return strings.quantityFormat(variant.resource, quantity, args)
}

/** How a detail's positional argument shows its param. */
enum class FluxSlotKind { TEXT, NUMBER, INTEGER, POUND }

/** A positional argument (`%1$s` is the first) of a detail's strings. */
class FluxSlot(val param: String, val kind: FluxSlotKind)

/** One sentence of a detail: the resource, and the select keys and `=N` value it is for. */
class FluxDetailVariant(val resource: String, val plural: Boolean, val keys: List<String>, val exact: Long?)

/** A detail as the resources hold it (generated from the catalog's ICU message). */
class FluxDetailPlan(
    val slots: List<FluxSlot>,
    val selects: List<Pair<String, Set<String>>>,
    val plural: String?,
    val offset: Long,
    val exact: LongArray,
    val variants: List<FluxDetailVariant>,
)

/** How a catalog locale writes numbers (CLDR, from the generator's ICU4X data). */
class FluxNumberSymbols(
    val digits: String,
    val decimal: String,
    val group: String,
    val minus: String,
    val primary: Int,
    val secondary: Int,
    val minGrouping: Int,
    /** A quantity in the `other` category, for a plural without its param. */
    val otherQuantity: Int,
)

/** Values shown as the server's runtime shows them. */
object FluxFormat {
    private val EXACT = Regex("-?[0-9]+(\\.[0-9]+)?")

    /** A value as text: a whole number without `.0`, a decimal string as written. */
    fun text(value: Any): String = when (value) {
        is Double -> if (value.isFinite()) BigDecimal(value.toString()).stripTrailingZeros().toPlainString() else value.toString()
        is Float -> text(value.toDouble())
        is BigDecimal -> value.toPlainString()
        else -> value.toString()
    }

    /** The exact number a value holds (a float as it prints), or null for another value. */
    fun exact(value: Any): BigDecimal? = when (value) {
        is Long, is Int, is Short, is Byte -> BigDecimal.valueOf((value as Number).toLong())
        is Double -> if (value.isFinite()) BigDecimal(value.toString()) else null
        is Float -> exact(value.toDouble())
        is BigDecimal -> value
        is java.math.BigInteger -> BigDecimal(value)
        is String -> if (EXACT.matches(value)) BigDecimal(value) else null
        else -> null
    }

    /** `{p, number}`, `{p, number, integer}` or `#` of [value], in [symbols]. */
    fun number(value: Any, kind: FluxSlotKind, offset: Long, symbols: FluxNumberSymbols): String {
        if (value is Double && !value.isFinite() || value is Float && !value.isFinite()) {
            val d = (value as Number).toDouble()
            return if (d.isNaN()) "NaN" else if (d < 0) "-∞" else "∞"
        }
        var n = exact(value) ?: return text(value)
        // A float has at most three fraction digits; an exact decimal keeps its own.
        if (value is Double || value is Float) n = n.setScale(3, RoundingMode.HALF_UP).stripTrailingZeros()
        if (kind == FluxSlotKind.INTEGER) n = n.setScale(0, RoundingMode.HALF_UP)
        if (kind == FluxSlotKind.POUND) n = n.subtract(BigDecimal.valueOf(offset))
        if (n.scale() < 0) n = n.setScale(0)
        return format(n, symbols)
    }

    private fun format(n: BigDecimal, s: FluxNumberSymbols): String {
        val plain = n.abs().toPlainString()
        val int = plain.substringBefore('.')
        val fraction = plain.substringAfter('.', "")
        val out = StringBuilder()
        if (n.signum() < 0) out.append(s.minus)
        val grouped = int.length >= s.primary + s.minGrouping
        val breaks = HashSet<Int>() // digits counted from the right before which a group ends
        if (grouped) {
            var at = s.primary
            while (at < int.length) {
                breaks.add(at)
                at += s.secondary
            }
        }
        int.forEachIndexed { i, c ->
            val fromRight = int.length - i
            out.append(s.digits[c - '0'])
            if (fromRight - 1 in breaks) out.append(s.group)
        }
        if (fraction.isNotEmpty()) {
            out.append(s.decimal)
            fraction.forEach { out.append(s.digits[it - '0']) }
        }
        return out.toString()
    }
}
