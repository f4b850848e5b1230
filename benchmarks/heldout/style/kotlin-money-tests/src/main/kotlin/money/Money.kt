package money

import java.math.BigDecimal
import java.math.RoundingMode

enum class Currency(val decimals: Int, val symbol: String) {
    USD(2, "$"),
    EUR(2, "€"),
    GBP(2, "£"),
    JPY(0, "¥"),
    KWD(3, "KD");

    companion object {
        fun of(code: String): Currency =
            values().firstOrNull { it.name.equals(code.trim(), ignoreCase = true) }
                ?: throw IllegalArgumentException("Unknown currency: $code")
    }
}

class CurrencyMismatchException(a: Currency, b: Currency) :
    IllegalArgumentException("Currency mismatch: $a vs $b")

data class Money(val minor: Long, val currency: Currency) : Comparable<Money> {

    val amount: BigDecimal get() = BigDecimal.valueOf(minor, currency.decimals)
    val isZero: Boolean get() = minor == 0L
    val isNegative: Boolean get() = minor < 0L

    operator fun plus(other: Money): Money {
        requireSameCurrency(other)
        return Money(Math.addExact(minor, other.minor), currency)
    }

    operator fun minus(other: Money): Money {
        requireSameCurrency(other)
        return Money(Math.subtractExact(minor, other.minor), currency)
    }

    operator fun unaryMinus(): Money = Money(Math.negateExact(minor), currency)

    operator fun times(n: Long): Money = Money(Math.multiplyExact(minor, n), currency)

    operator fun times(n: Int): Money = times(n.toLong())

    operator fun times(factor: BigDecimal): Money = multiply(factor, RoundingMode.HALF_EVEN)

    fun multiply(factor: BigDecimal, rounding: RoundingMode): Money {
        val scaled = BigDecimal.valueOf(minor).multiply(factor).setScale(0, rounding)
        return Money(scaled.longValueExact(), currency)
    }

    fun abs(): Money = if (isNegative) -this else this

    /**
     * Splits this amount by the given ratios without losing or creating minor units.
     * Leftover units go to the shares with the largest fractional remainder.
     */
    fun allocate(ratios: List<Int>): List<Money> {
        require(ratios.isNotEmpty()) { "ratios must not be empty" }
        require(ratios.all { it >= 0 }) { "ratios must not be negative" }
        val total = ratios.fold(0L) { acc, r -> Math.addExact(acc, r.toLong()) }
        require(total > 0) { "ratios must not all be zero" }

        val shares = LongArray(ratios.size)
        val remainders = LongArray(ratios.size)
        for ((i, r) in ratios.withIndex()) {
            val product = Math.multiplyExact(minor, r.toLong())
            shares[i] = Math.floorDiv(product, total)
            remainders[i] = Math.floorMod(product, total)
        }
        val leftover = minor - shares.sum()
        val order = ratios.indices.sortedWith(compareByDescending<Int> { remainders[it] }.thenBy { it })
        for (k in 0 until leftover.toInt()) shares[order[k]]++
        return shares.map { Money(it, currency) }
    }

    fun split(parts: Int): List<Money> {
        require(parts > 0) { "parts must be positive, was $parts" }
        return allocate(List(parts) { 1 })
    }

    override fun compareTo(other: Money): Int {
        requireSameCurrency(other)
        return minor.compareTo(other.minor)
    }

    fun format(): String {
        val plain = amount.abs().toPlainString()
        val whole = plain.substringBefore('.')
        val fraction = plain.substringAfter('.', "")
        val grouped = whole.reversed().chunked(3).joinToString(",").reversed()
        val sign = if (isNegative) "-" else ""
        return sign + currency.symbol + grouped + if (fraction.isEmpty()) "" else ".$fraction"
    }

    override fun toString(): String = "${currency.name} ${amount.toPlainString()}"

    private fun requireSameCurrency(other: Money) {
        if (other.currency != currency) throw CurrencyMismatchException(currency, other.currency)
    }

    companion object {
        fun zero(currency: Currency): Money = Money(0, currency)

        fun of(amount: String, currency: Currency): Money {
            val value = try {
                BigDecimal(amount.trim())
            } catch (e: NumberFormatException) {
                throw IllegalArgumentException("Invalid amount: '$amount'", e)
            }
            return of(value, currency)
        }

        fun of(amount: BigDecimal, currency: Currency): Money {
            val scaled = try {
                amount.setScale(currency.decimals, RoundingMode.UNNECESSARY)
            } catch (e: ArithmeticException) {
                throw IllegalArgumentException(
                    "$amount has more than ${currency.decimals} decimal places for $currency", e
                )
            }
            return Money(scaled.unscaledValue().longValueExact(), currency)
        }

        /** Accepts "USD 12.50" or "12.50 USD". */
        fun parse(text: String): Money {
            val parts = text.trim().split(Regex("\\s+"))
            require(parts.size == 2) { "Expected '<CODE> <amount>' or '<amount> <CODE>', got '$text'" }
            val (a, b) = parts
            return if (a.all { it.isLetter() }) of(b, Currency.of(a)) else of(a, Currency.of(b))
        }
    }
}

fun Iterable<Money>.sum(currency: Currency): Money = fold(Money.zero(currency)) { acc, m -> acc + m }
