package textstats

import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue

class TextStatsTest {

    // --- words() ---

    @Test
    fun `words splits on punctuation and lowercases`() {
        assertEquals(listOf("hello", "world", "again"), TextStats.words("Hello, WORLD! again..."))
    }

    @Test
    fun `words keeps apostrophes inside contractions`() {
        assertEquals(listOf("don't", "it’s", "fine"), TextStats.words("Don't worry, it’s fine"))
    }

    @Test
    fun `words handles digits and unicode letters`() {
        assertEquals(listOf("café", "costs", "3", "euros"), TextStats.words("Café costs 3 euros"))
    }

    @Test
    fun `words of blank text is empty`() {
        assertTrue(TextStats.words("   \n\t ").isEmpty())
    }

    // --- sentences() ---

    @Test
    fun `sentences counts terminal punctuation`() {
        val cases = mapOf(
            "" to 0,
            "One." to 1,
            "One. Two! Three?" to 3,
            "Wait... what?!" to 2,
            "No terminal punctuation" to 1,
            "First. Second without end" to 2,
        )
        for ((text, expected) in cases) {
            assertEquals(expected, TextStats.sentences(text), "sentences(\"$text\")")
        }
    }

    @Test
    fun `decimal point is not a sentence end`() {
        assertEquals(1, TextStats.sentences("Pi is roughly 3.14 today."))
    }

    // --- syllables() ---

    @Test
    fun `syllables uses vowel groups with silent e`() {
        val cases = mapOf(
            "cat" to 1,
            "table" to 2,
            "make" to 1,
            "banana" to 3,
            "rhythm" to 1,
            "queue" to 1,
            "reading" to 2,
            "the" to 1,
        )
        cases.forEach { (word, expected) ->
            assertEquals(expected, TextStats.syllables(word), "syllables(\"$word\")")
        }
    }

    @Test
    fun `syllables of non-letters is zero`() {
        assertEquals(0, TextStats.syllables("42"))
        assertEquals(0, TextStats.syllables(""))
    }

    // --- analyze() ---

    @Test
    fun `analyze counts characters excluding whitespace`() {
        val stats = TextStats.analyze("ab c\n d")
        assertEquals(4, stats.characters)
        assertEquals(3, stats.words)
    }

    @Test
    fun `analyze ranks top words by frequency then alphabetically`() {
        val text = "pear apple pear banana apple pear cherry"
        val stats = TextStats.analyze(text, top = 3)
        assertEquals(listOf("pear" to 3, "apple" to 2, "banana" to 1), stats.topWords)
    }

    @Test
    fun `analyze drops stop words from the ranking but not from the word count`() {
        val stats = TextStats.analyze("the cat and the hat", top = 10)
        assertEquals(5, stats.words)
        assertEquals(listOf("cat" to 1, "hat" to 1), stats.topWords)
    }

    @Test
    fun `analyze accepts custom stop words`() {
        val stats = TextStats.analyze("the cat and the hat", top = 1, stopWords = setOf("cat", "hat"))
        assertEquals(listOf("the" to 2), stats.topWords)
    }

    @Test
    fun `analyze with top zero returns no words`() {
        assertTrue(TextStats.analyze("some words here", top = 0).topWords.isEmpty())
    }

    @Test
    fun `analyze rejects negative top`() {
        assertFailsWith<IllegalArgumentException> { TextStats.analyze("x", top = -1) }
    }

    // --- Stats ---

    @Test
    fun `reading ease is null for empty text`() {
        assertNull(TextStats.analyze("").readingEase)
    }

    @Test
    fun `simple text reads easier than dense text`() {
        val simple = TextStats.analyze("The cat sat. The dog ran. We had fun.")
        val dense = TextStats.analyze(
            "Institutional considerations notwithstanding, comprehensive organizational " +
                "restructuring necessitates extraordinary administrative deliberation."
        )
        val easy = assertNotNull(simple.readingEase)
        val hard = assertNotNull(dense.readingEase)
        assertTrue(easy > hard, "expected $easy > $hard")
    }

    @Test
    fun `reading minutes rounds up`() {
        fun statsWithWords(n: Int) = Stats(0, n, 1, n, emptyList())
        assertEquals(0, statsWithWords(0).readingMinutes())
        assertEquals(1, statsWithWords(1).readingMinutes())
        assertEquals(1, statsWithWords(230).readingMinutes())
        assertEquals(2, statsWithWords(231).readingMinutes())
        assertEquals(5, statsWithWords(500).readingMinutes(wpm = 100))
    }

    @Test
    fun `reading minutes rejects non-positive wpm`() {
        val stats = Stats(0, 10, 1, 10, emptyList())
        assertFailsWith<IllegalArgumentException> { stats.readingMinutes(0) }
        assertFailsWith<IllegalArgumentException> { stats.readingMinutes(-5) }
    }

    @Test
    fun `summary includes words sentences and minutes`() {
        val summary = TextStats.summary(TextStats.analyze("Short text. Very short."))
        assertTrue(summary.startsWith("4 words, 2 sentences"), summary)
        assertTrue(summary.endsWith("~1 min"), summary)
        assertTrue("ease" in summary, summary)
    }

    @Test
    fun `summary omits ease for empty text`() {
        assertEquals("0 words, 0 sentences, ~0 min", TextStats.summary(TextStats.analyze("")))
    }
}
