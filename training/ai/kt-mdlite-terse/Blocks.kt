package mdlite

sealed interface Block {
    data class H(val level: Int, val text: String) : Block
    data class P(val text: String) : Block
    data class Code(val lang: String?, val body: String) : Block
    data class Quote(val children: List<Block>) : Block
    data class ListB(val ordered: Boolean, val items: List<List<Block>>) : Block
    object Rule : Block
}

private val heading = Regex("^(#{1,6})\\s+(.*?)\\s*#*\\s*$")
private val bullet = Regex("^\\s{0,3}([-*+])\\s+(.*)$")
private val ordinal = Regex("^\\s{0,3}(\\d{1,9})[.)]\\s+(.*)$")
private val rule = Regex("^\\s{0,3}([-*_])(\\s*\\1){2,}\\s*$")

fun parseBlocks(src: String): List<Block> = parseLines(src.replace("\r\n", "\n").split('\n'))

private fun parseLines(ls: List<String>): List<Block> {
    val out = mutableListOf<Block>()
    var i = 0
    val para = StringBuilder()
    fun flush() {
        if (para.isNotEmpty()) out += Block.P(para.toString().trim()).also { para.clear() }
    }
    while (i < ls.size) {
        val l = ls[i]
        when {
            l.isBlank() -> { flush(); i++ }
            l.trimStart().startsWith("```") -> {
                flush()
                val lang = l.trimStart().removePrefix("```").trim().ifEmpty { null }
                val body = mutableListOf<String>()
                i++
                while (i < ls.size && !ls[i].trimStart().startsWith("```")) body += ls[i++]
                i++
                out += Block.Code(lang, body.joinToString("\n"))
            }
            rule.matches(l) -> { flush(); out += Block.Rule; i++ }
            heading.matches(l) -> {
                flush()
                val m = heading.find(l)!!
                out += Block.H(m.groupValues[1].length, m.groupValues[2])
                i++
            }
            l.trimStart().startsWith(">") -> {
                flush()
                val inner = mutableListOf<String>()
                while (i < ls.size && ls[i].trimStart().startsWith(">"))
                    inner += ls[i++].trimStart().removePrefix(">").removePrefix(" ")
                out += Block.Quote(parseLines(inner))
            }
            bullet.matches(l) || ordinal.matches(l) -> {
                flush()
                val ord = ordinal.matches(l)
                val re = if (ord) ordinal else bullet
                val items = mutableListOf<MutableList<String>>()
                while (i < ls.size) {
                    val m = re.find(ls[i])
                    when {
                        m != null -> { items += mutableListOf(m.groupValues[2]); i++ }
                        ls[i].startsWith("  ") && items.isNotEmpty() -> items.last() += ls[i++].drop(2)
                        ls[i].isBlank() && i + 1 < ls.size && (re.matches(ls[i + 1]) || ls[i + 1].startsWith("  ")) -> i++
                        else -> break
                    }
                }
                out += Block.ListB(ord, items.map(::parseLines))
            }
            else -> { para.append(l.trim()).append('\n'); i++ }
        }
    }
    flush()
    return out
}
