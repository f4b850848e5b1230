package money

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class AllocationTest {
    private fun usd(minor: Long) = Money(minor, Currency.USD)
    private fun minors(list: List<Money>) = list.map { it.minor }

    @Test
    fun `even split has no remainder`() {
        assertEquals(listOf(250L, 250L, 250L, 250L), minors(usd(1000).split(4)))
    }

    @Test
    fun `remainder goes to the earliest shares on a tie`() {
        assertEquals(listOf(34L, 33L, 33L), minors(usd(100).split(3)))
        assertEquals(listOf(2L, 2L, 1L), minors(usd(5).split(3)))
    }

    @Test
    fun `fewer units than parts`() {
        assertEquals(listOf(1L, 1L, 0L, 0L, 0L), minors(usd(2).split(5)))
    }

    @Test
    fun `allocate by ratio`() {
        // 70/30 of $0.05: exact shares 3.5 and 1.5 -> remainders tie, first wins
        assertEquals(listOf(4L, 1L), minors(usd(5).allocate(listOf(70, 30))))
        // 1:2:3 of 100 -> 16.67, 33.33, 50
        assertEquals(listOf(17L, 33L, 50L), minors(usd(100).allocate(listOf(1, 2, 3))))
    }

    @Test
    fun `largest remainder wins over position`() {
        // 7 units split 3:1 -> 5.25 and 1.75, so the second share gets the spare unit
        assertEquals(listOf(5L, 2L), minors(usd(7).allocate(listOf(3, 1))))
    }

    @Test
    fun `zero ratios never receive leftover units`() {
        assertEquals(listOf(0L, 34L, 0L, 33L, 33L), minors(usd(100).allocate(listOf(0, 1, 0, 1, 1))))
    }

    @Test
    fun `negative amounts allocate symmetrically`() {
        val parts = minors(usd(-100).split(3))
        assertEquals(-100L, parts.sum())
        assertEquals(listOf(-33L, -33L, -34L), parts)
    }

    @Test
    fun `allocation always preserves the total`() {
        val ratioSets = listOf(listOf(1), listOf(1, 1), listOf(3, 7), listOf(1, 2, 3, 4, 5), listOf(13, 0, 29, 58))
        for (amount in listOf(0L, 1L, 7L, 99L, 1001L, 123457L, -1L, -997L)) {
            for (ratios in ratioSets) {
                val parts = usd(amount).allocate(ratios)
                assertEquals(ratios.size, parts.size)
                assertEquals(amount, parts.sumOf { it.minor }, "amount=$amount ratios=$ratios")
                val spread = parts.zip(ratios).filter { it.second > 0 }.map { it.first.minor }
                if (ratios.distinct().size == 1) {
                    assertTrue(spread.max() - spread.min() <= 1, "uneven split $spread")
                }
            }
        }
    }

    @Test
    fun `results keep the currency`() {
        val parts = Money(1000, Currency.JPY).split(3)
        assertEquals(listOf(334L, 333L, 333L), minors(parts))
        parts.forEach { assertEquals(Currency.JPY, it.currency) }
    }

    @Test
    fun `invalid ratios are rejected`() {
        assertFailsWith<IllegalArgumentException> { usd(100).allocate(emptyList()) }
        assertFailsWith<IllegalArgumentException> { usd(100).allocate(listOf(1, -1)) }
        val e = assertFailsWith<IllegalArgumentException> { usd(100).allocate(listOf(0, 0)) }
        assertEquals("ratios must not all be zero", e.message)
        assertFailsWith<IllegalArgumentException> { usd(100).split(0) }
    }
}
