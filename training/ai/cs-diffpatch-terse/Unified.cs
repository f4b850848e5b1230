using System.Text;
using System.Text.RegularExpressions;

namespace DiffPatch;

public sealed record Hunk(int AStart, int ALen, int BStart, int BLen, List<string> Lines);

public static class Unified
{
    public static List<Hunk> Hunks(string[] a, string[] b, int ctx = 3)
    {
        var es = Myers.Diff(a, b);
        var hs = new List<Hunk>();
        var i = 0;
        while (i < es.Count)
        {
            while (i < es.Count && es[i].Op == Op.Keep) i++;
            if (i == es.Count) break;
            var s = Math.Max(0, i - ctx);
            var last = i;
            for (var j = i + 1; j < es.Count && j - last <= 2 * ctx; j++)
                if (es[j].Op != Op.Keep) last = j;
            var e = Math.Min(es.Count, last + 1 + ctx);
            var lines = new List<string>();
            int al = 0, bl = 0;
            for (var j = s; j < e; j++)
            {
                var x = es[j];
                switch (x.Op)
                {
                    case Op.Keep: lines.Add(" " + a[x.A]); al++; bl++; break;
                    case Op.Del: lines.Add("-" + a[x.A]); al++; break;
                    default: lines.Add("+" + b[x.B]); bl++; break;
                }
            }
            var f = es[s];
            hs.Add(new(f.A + (al == 0 ? 0 : 1), al, f.B + (bl == 0 ? 0 : 1), bl, lines));
            i = e;
        }
        return hs;
    }

    public static string Format(string aName, string bName, IEnumerable<Hunk> hs)
    {
        var sb = new StringBuilder().Append("--- ").AppendLine(aName).Append("+++ ").AppendLine(bName);
        foreach (var h in hs)
        {
            sb.Append($"@@ -{h.AStart},{h.ALen} +{h.BStart},{h.BLen} @@\n");
            foreach (var l in h.Lines) sb.Append(l).Append('\n');
        }
        return sb.ToString();
    }

    static readonly Regex HunkHead = new(@"^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@", RegexOptions.Compiled);

    public static List<Hunk> Parse(string patch)
    {
        var hs = new List<Hunk>();
        Hunk? cur = null;
        foreach (var raw in patch.Split('\n'))
        {
            var l = raw.TrimEnd('\r');
            var m = HunkHead.Match(l);
            if (m.Success)
            {
                int G(int g, int d) => m.Groups[g].Success ? int.Parse(m.Groups[g].Value) : d;
                cur = new(G(1, 0), G(2, 1), G(3, 0), G(4, 1), new());
                hs.Add(cur);
            }
            else if (cur != null && l.Length > 0 && l[0] is ' ' or '-' or '+') cur.Lines.Add(l);
            else if (cur != null && l == "") cur.Lines.Add(" ");
        }
        return hs;
    }

    public static string[] Apply(string[] a, IEnumerable<Hunk> hs, int fuzz = 2)
    {
        var outp = new List<string>(a.Length);
        var pos = 0;
        var shift = 0;
        foreach (var h in hs)
        {
            var old = h.Lines.Where(l => l[0] != '+').Select(l => l[1..]).ToList();
            var want = Math.Max(0, h.AStart - 1 + shift);
            var at = Locate(a, old, want, pos, fuzz)
                ?? throw new InvalidDataException($"hunk @@ -{h.AStart},{h.ALen} does not apply");
            shift = at - (h.AStart - 1);
            outp.AddRange(a[pos..at]);
            outp.AddRange(h.Lines.Where(l => l[0] != '-').Select(l => l[1..]));
            pos = at + old.Count;
        }
        outp.AddRange(a[pos..]);
        return outp.ToArray();
    }

    static int? Locate(string[] a, List<string> old, int want, int min, int fuzz)
    {
        for (var d = 0; d <= fuzz * 10; d++)
            foreach (var at in d == 0 ? new[] { want } : new[] { want - d, want + d })
                if (at >= min && at + old.Count <= a.Length && old.Select((s, i) => a[at + i] == s).All(x => x))
                    return at;
        return null;
    }
}
