package textstats

import kotlin.math.roundToInt

data class Stats(
    val characters: Int,
    val words: Int,
    val sentences: Int,
    val syllables: Int,
    val topWords: List<Pair<String, Int>>,
) {
    /** Flesch reading ease; higher is easier. Null when there is nothing to measure. */
    val readingEase: Double?
        get() = if (words == 0 || sentences == 0) null
        else 206.835 - 1.015 * (words.toDouble() / sentences) - 84.6 * (syllables.toDouble() / words)

    /** Estimated reading time in whole minutes, rounded up, at [wpm] words per minute. */
    fun readingMinutes(wpm: Int = 230): Int {
        require(wpm > 0) { "wpm must be positive" }
        return if (words == 0) 0 else (words + wpm - 1) / wpm
    }
}

object TextStats {
    private val wordRegex = Regex("[\\p{L}\\p{N}]+(?:['’][\\p{L}]+)*")
    private val sentenceEnd = Regex("[.!?]+(?=\\s|$)")
    private val vowelGroups = Regex("[aeiouy]+")

    val defaultStopWords = setOf("the", "a", "an", "and", "or", "of", "to", "in", "is", "it", "that", "for", "on")

    fun words(text: String): List<String> = wordRegex.findAll(text).map { it.value.lowercase() }.toList()

    fun sentences(text: String): Int {
        if (text.isBlank()) return 0
        val ends = sentenceEnd.findAll(text.trim()).count()
        val trailing = text.trim().last() !in ".!?"
        return ends + if (trailing) 1 else 0
    }

    fun syllables(word: String): Int {
        val w = word.lowercase().filter { it in 'a'..'z' }
        if (w.isEmpty()) return 0
        var count = vowelGroups.findAll(w).count()
        if (w.endsWith("e") && !w.endsWith("le") && count > 1) count--
        return count.coerceAtLeast(1)
    }

    fun analyze(text: String, top: Int = 5, stopWords: Set<String> = defaultStopWords): Stats {
        require(top >= 0) { "top must be non-negative" }
        val ws = words(text)
        val freq = ws.filterNot { it in stopWords }
            .groupingBy { it }
            .eachCount()
            .entries
            .sortedWith(compareByDescending<Map.Entry<String, Int>> { it.value }.thenBy { it.key })
            .take(top)
            .map { it.key to it.value }
        return Stats(
            characters = text.count { !it.isWhitespace() },
            words = ws.size,
            sentences = sentences(text),
            syllables = ws.sumOf { syllables(it) },
            topWords = freq,
        )
    }

    fun summary(stats: Stats): String = buildString {
        append("${stats.words} words, ${stats.sentences} sentences")
        stats.readingEase?.let { append(", ease ${it.roundToInt()}") }
        append(", ~${stats.readingMinutes()} min")
    }
}
