package money

import java.math.BigDecimal
import java.math.RoundingMode
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class MoneyTest {
    private fun usd(s: String) = Money.of(s, Currency.USD)

    @Test
    fun `of converts decimal strings to minor units`() {
        assertEquals(1250L, usd("12.50").minor)
        assertEquals(1250L, usd("12.5").minor)
        assertEquals(1200L, usd("12").minor)
        assertEquals(-5L, usd("-0.05").minor)
        assertEquals(1500L, Money.of("1.5", Currency.KWD).minor)
        assertEquals(1000L, Money.of("1000", Currency.JPY).minor)
    }

    @Test
    fun `of accepts trailing zeros beyond the currency scale`() {
        assertEquals(1250L, usd("12.5000").minor)
        assertEquals(7L, Money.of("7.00", Currency.JPY).minor)
    }

    @Test
    fun `of rejects too much precision`() {
        val e = assertFailsWith<IllegalArgumentException> { usd("1.005") }
        assertTrue(e.message!!.contains("more than 2 decimal places"))
        assertFailsWith<IllegalArgumentException> { Money.of("1.5", Currency.JPY) }
    }

    @Test
    fun `of rejects garbage`() {
        val e = assertFailsWith<IllegalArgumentException> { usd("twelve") }
        assertEquals("Invalid amount: 'twelve'", e.message)
    }

    @Test
    fun `parse reads code and amount in either order`() {
        assertEquals(Money(1999, Currency.EUR), Money.parse("EUR 19.99"))
        assertEquals(Money(1999, Currency.EUR), Money.parse("  19.99   eur "))
        assertEquals(Money(500, Currency.JPY), Money.parse("JPY 500"))
    }

    @Test
    fun `parse rejects malformed input`() {
        assertFailsWith<IllegalArgumentException> { Money.parse("19.99") }
        assertFailsWith<IllegalArgumentException> { Money.parse("USD 1 2") }
        val e = assertFailsWith<IllegalArgumentException> { Money.parse("XYZ 1.00") }
        assertEquals("Unknown currency: XYZ", e.message)
    }

    @Test
    fun `addition and subtraction`() {
        assertEquals(usd("15.75"), usd("10.50") + usd("5.25"))
        assertEquals(usd("-1.00"), usd("4.00") - usd("5.00"))
        assertEquals(usd("3.00"), -usd("-3.00"))
        assertEquals(usd("3.00"), usd("-3.00").abs())
    }

    @Test
    fun `mixing currencies fails`() {
        val e = assertFailsWith<CurrencyMismatchException> { usd("1") + Money.of("1", Currency.EUR) }
        assertEquals("Currency mismatch: USD vs EUR", e.message)
        assertFailsWith<CurrencyMismatchException> { usd("1") < Money.of("1", Currency.GBP) }
    }

    @Test
    fun `overflow is detected rather than wrapping`() {
        val big = Money(Long.MAX_VALUE, Currency.USD)
        assertFailsWith<ArithmeticException> { big + Money(1, Currency.USD) }
        assertFailsWith<ArithmeticException> { big * 2 }
        assertFailsWith<ArithmeticException> { -Money(Long.MIN_VALUE, Currency.USD) }
    }

    @Test
    fun `integer multiplication`() {
        assertEquals(usd("29.97"), usd("9.99") * 3)
        assertEquals(usd("-9.99"), usd("9.99") * -1L)
    }

    @Test
    fun `decimal multiplication rounds half to even by default`() {
        // 0.25 * 0.5 = 0.125 -> 0.12 (round half even)
        assertEquals(usd("0.12"), usd("0.25") * BigDecimal("0.5"))
        // 0.35 * 0.5 = 0.175 -> 0.18
        assertEquals(usd("0.18"), usd("0.35") * BigDecimal("0.5"))
        assertEquals(usd("0.13"), usd("0.25").multiply(BigDecimal("0.5"), RoundingMode.HALF_UP))
        assertEquals(usd("0.12"), usd("0.25").multiply(BigDecimal("0.5"), RoundingMode.DOWN))
    }

    @Test
    fun `comparison and predicates`() {
        assertTrue(usd("1.00") < usd("1.01"))
        assertTrue(usd("-1") < Money.zero(Currency.USD))
        assertEquals(listOf(usd("1"), usd("2"), usd("3")), listOf(usd("3"), usd("1"), usd("2")).sorted())
        assertTrue(Money.zero(Currency.JPY).isZero)
        assertTrue(usd("-0.01").isNegative)
        assertFalse(usd("0").isNegative)
    }

    @Test
    fun `sum of an iterable`() {
        val items = listOf(usd("1.10"), usd("2.20"), usd("3.30"))
        assertEquals(usd("6.60"), items.sum(Currency.USD))
        assertEquals(Money.zero(Currency.USD), emptyList<Money>().sum(Currency.USD))
    }

    @Test
    fun `format groups thousands and keeps the currency scale`() {
        assertEquals("$1,234,567.89", usd("1234567.89").format())
        assertEquals("$0.05", usd("0.05").format())
        assertEquals("-$1,000.00", usd("-1000").format())
        assertEquals("¥123,456", Money.of("123456", Currency.JPY).format())
        assertEquals("KD12.500", Money.of("12.5", Currency.KWD).format())
        assertEquals("$999.00", usd("999").format())
    }

    @Test
    fun `toString is unambiguous`() {
        assertEquals("USD 12.50", usd("12.5").toString())
        assertEquals("JPY 7", Money.of("7", Currency.JPY).toString())
        assertEquals("USD -0.01", usd("-0.01").toString())
    }
}
