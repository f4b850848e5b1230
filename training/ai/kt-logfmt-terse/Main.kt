package logfmt

import java.io.BufferedReader
import java.io.InputStreamReader
import kotlin.system.exitProcess

private fun usage(): Nothing {
    System.err.println(
        """
        usage: lf [-f k1,k2,...] [-j] [-c key] [--strict] [cond...] < log
          cond: key | key=v | key!=v | key~regex | key>n | key<=n (n may have ms/s/m/h)
          -f  keep only these fields, in this order
          -j  print records as JSON lines
          -c  count records by the value of key
        """.trimIndent(),
    )
    exitProcess(2)
}

private fun json(r: Map<String, String?>): String = r.entries.joinToString(",", "{", "}") { (k, v) ->
    "${q(k)}:${v?.let(::q) ?: "true"}"
}

private fun q(s: String): String = buildString {
    append('"')
    for (c in s) when {
        c == '"' || c == '\\' -> append('\\').append(c)
        c == '\n' -> append("\\n")
        c < ' ' -> append("\\u%04x".format(c.code))
        else -> append(c)
    }
    append('"')
}

fun main(args: Array<String>) {
    var fields: List<String>? = null
    var asJson = false
    var countBy: String? = null
    var strict = false
    val conds = mutableListOf<Cond>()

    var i = 0
    while (i < args.size) {
        when (val a = args[i++]) {
            "-f" -> fields = args.getOrNull(i++)?.split(',')?.filter { it.isNotBlank() } ?: usage()
            "-j" -> asJson = true
            "-c" -> countBy = args.getOrNull(i++) ?: usage()
            "--strict" -> strict = true
            "-h", "--help" -> usage()
            else -> conds += runCatching { Cond.parse(a) }.getOrElse {
                System.err.println("lf: ${it.message}")
                exitProcess(2)
            }
        }
    }

    val counts = LinkedHashMap<String, Int>()
    var bad = 0
    val out = System.out.bufferedWriter()
    BufferedReader(InputStreamReader(System.`in`, Charsets.UTF_8)).useLines { lines ->
        lines.forEachIndexed { ln, line ->
            if (line.isBlank()) return@forEachIndexed
            val r = try {
                Logfmt.parse(line)
            } catch (e: LogfmtException) {
                bad++
                if (strict) {
                    System.err.println("lf: line ${ln + 1}: ${e.message}")
                    exitProcess(1)
                }
                return@forEachIndexed
            }
            if (!conds.all { it.test(r) }) return@forEachIndexed
            countBy?.let {
                val key = r[it] ?: "(none)"
                counts[key] = (counts[key] ?: 0) + 1
                return@forEachIndexed
            }
            val sel = fields?.let { fs -> Rec().apply { fs.forEach { f -> if (f in r) put(f, r[f]) } } } ?: r
            out.write(if (asJson) json(sel) else Logfmt.format(sel))
            out.newLine()
        }
    }
    if (countBy != null) {
        counts.entries.sortedByDescending { it.value }.forEach { (k, v) -> out.write("%7d %s%n".format(v, k)) }
    }
    out.flush()
    if (bad > 0) System.err.println("lf: skipped $bad malformed line(s)")
}
