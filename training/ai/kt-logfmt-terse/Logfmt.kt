package logfmt

class LogfmtException(msg: String, val pos: Int) : RuntimeException("$msg at $pos")

typealias Rec = LinkedHashMap<String, String?>

object Logfmt {
    fun parse(line: String): Rec {
        val out = Rec()
        var i = 0
        val n = line.length
        while (i < n) {
            while (i < n && line[i] <= ' ') i++
            if (i >= n) break
            val ks = i
            while (i < n && line[i] > ' ' && line[i] != '=' && line[i] != '"') i++
            if (i == ks) throw LogfmtException("expected key", i)
            val k = line.substring(ks, i)
            if (i >= n || line[i] != '=') {
                out[k] = null
                continue
            }
            i++
            if (i < n && line[i] == '"') {
                val sb = StringBuilder()
                i++
                while (true) {
                    if (i >= n) throw LogfmtException("unterminated string", i)
                    val c = line[i++]
                    when (c) {
                        '"' -> break
                        '\\' -> {
                            if (i >= n) throw LogfmtException("dangling escape", i)
                            when (val e = line[i++]) {
                                'n' -> sb.append('\n')
                                't' -> sb.append('\t')
                                'r' -> sb.append('\r')
                                '"', '\\' -> sb.append(e)
                                'u' -> {
                                    if (i + 4 > n) throw LogfmtException("short \\u escape", i)
                                    sb.append(line.substring(i, i + 4).toInt(16).toChar())
                                    i += 4
                                }
                                else -> sb.append('\\').append(e)
                            }
                        }
                        else -> sb.append(c)
                    }
                }
                out[k] = sb.toString()
            } else {
                val vs = i
                while (i < n && line[i] > ' ') i++
                out[k] = line.substring(vs, i)
            }
        }
        return out
    }

    fun format(r: Map<String, Any?>): String = r.entries.joinToString(" ") { (k, v) ->
        require(k.isNotEmpty() && k.none { it <= ' ' || it == '=' || it == '"' }) { "bad key: $k" }
        when (v) {
            null -> k
            else -> "$k=${value(v.toString())}"
        }
    }

    private fun value(s: String): String {
        if (s.isNotEmpty() && s.none { it <= ' ' || it == '=' || it == '"' || it == '\\' }) return s
        val sb = StringBuilder(s.length + 2).append('"')
        for (c in s) when {
            c == '"' -> sb.append("\\\"")
            c == '\\' -> sb.append("\\\\")
            c == '\n' -> sb.append("\\n")
            c == '\t' -> sb.append("\\t")
            c == '\r' -> sb.append("\\r")
            c < ' ' -> sb.append("\\u%04x".format(c.code))
            else -> sb.append(c)
        }
        return sb.append('"').toString()
    }
}

sealed interface Cond {
    fun test(r: Rec): Boolean

    data class Eq(val k: String, val v: String) : Cond {
        override fun test(r: Rec) = r[k] == v
    }

    data class Ne(val k: String, val v: String) : Cond {
        override fun test(r: Rec) = r[k] != v
    }

    data class Has(val k: String) : Cond {
        override fun test(r: Rec) = k in r
    }

    data class Match(val k: String, val re: Regex) : Cond {
        override fun test(r: Rec) = r[k]?.let { re.containsMatchIn(it) } ?: false
    }

    data class Cmp(val k: String, val op: String, val v: Double) : Cond {
        override fun test(r: Rec): Boolean {
            val x = r[k]?.let { num(it) } ?: return false
            return when (op) {
                ">" -> x > v
                ">=" -> x >= v
                "<" -> x < v
                "<=" -> x <= v
                else -> error(op)
            }
        }
    }

    companion object {
        private val rx = Regex("""^([^=!~<>]+)(=|!=|~|>=|<=|>|<)(.*)$""")

        fun parse(s: String): Cond {
            val m = rx.matchEntire(s) ?: return Has(s)
            val (k, op, v) = m.destructured
            return when (op) {
                "=" -> Eq(k, v)
                "!=" -> Ne(k, v)
                "~" -> Match(k, Regex(v))
                else -> Cmp(k, op, num(v) ?: throw IllegalArgumentException("not a number: $v"))
            }
        }

        private val units = listOf("ns" to 1e-6, "us" to 1e-3, "µs" to 1e-3, "ms" to 1.0, "s" to 1e3, "m" to 6e4, "h" to 3.6e6)

        fun num(s: String): Double? {
            s.toDoubleOrNull()?.let { return it }
            for ((u, f) in units) if (s.endsWith(u)) s.dropLast(u.length).toDoubleOrNull()?.let { return it * f }
            return null
        }
    }
}
