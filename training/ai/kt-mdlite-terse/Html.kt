package mdlite

fun esc(s: String) = buildString(s.length) {
    for (c in s) when (c) {
        '<' -> append("&lt;")
        '>' -> append("&gt;")
        '&' -> append("&amp;")
        '"' -> append("&quot;")
        else -> append(c)
    }
}

private val inlineRules: List<Pair<Regex, (MatchResult) -> String>> = listOf(
    Regex("`([^`]+)`") to { m -> "<code>${esc(m.groupValues[1])}</code>" },
    Regex("!\\[([^]]*)]\\(([^) ]+)\\)") to { m -> "<img src=\"${esc(m.groupValues[2])}\" alt=\"${esc(m.groupValues[1])}\">" },
    Regex("\\[([^]]+)]\\(([^) ]+)\\)") to { m -> "<a href=\"${esc(safeUrl(m.groupValues[2]))}\">${inline(m.groupValues[1])}</a>" },
    Regex("\\*\\*(.+?)\\*\\*|__(.+?)__") to { m -> "<strong>${inline(m.groupValues[1].ifEmpty { m.groupValues[2] })}</strong>" },
    Regex("(?<![*\\w])\\*(?!\\s)(.+?)(?<!\\s)\\*(?!\\*)|\\b_(.+?)_\\b") to { m -> "<em>${inline(m.groupValues[1].ifEmpty { m.groupValues[2] })}</em>" },
)

private fun safeUrl(u: String) = if (u.trim().lowercase().let { it.startsWith("javascript:") || it.startsWith("data:") }) "#" else u

fun inline(s: String): String {
    var best: Pair<MatchResult, (MatchResult) -> String>? = null
    for ((re, f) in inlineRules) {
        val m = re.find(s) ?: continue
        if (best == null || m.range.first < best.first.range.first) best = m to f
    }
    val (m, f) = best ?: return esc(s)
    return esc(s.substring(0, m.range.first)) + f(m) + inline(s.substring(m.range.last + 1))
}

fun render(bs: List<Block>, sb: StringBuilder = StringBuilder()): StringBuilder {
    for (b in bs) when (b) {
        is Block.H -> sb.append("<h${b.level}>").append(inline(b.text)).append("</h${b.level}>\n")
        is Block.P -> sb.append("<p>").append(inline(b.text)).append("</p>\n")
        is Block.Code -> {
            sb.append("<pre><code")
            b.lang?.let { sb.append(" class=\"language-").append(esc(it)).append('"') }
            sb.append('>').append(esc(b.body)).append("</code></pre>\n")
        }
        is Block.Quote -> render(b.children, sb.append("<blockquote>\n")).append("</blockquote>\n")
        is Block.ListB -> {
            val tag = if (b.ordered) "ol" else "ul"
            sb.append("<$tag>\n")
            for (item in b.items) {
                val tight = item.size == 1 && item[0] is Block.P
                if (tight) sb.append("<li>").append(inline((item[0] as Block.P).text)).append("</li>\n")
                else render(item, sb.append("<li>\n")).append("</li>\n")
            }
            sb.append("</$tag>\n")
        }
        Block.Rule -> sb.append("<hr>\n")
    }
    return sb
}

fun toHtml(md: String): String = render(parseBlocks(md)).toString()

fun main(args: Array<String>) {
    val src = if (args.isEmpty()) generateSequence(::readLine).joinToString("\n") else java.io.File(args[0]).readText()
    print(toHtml(src))
}
