namespace DiffPatch;

public enum Op : byte { Keep, Del, Ins }

public readonly record struct Edit(Op Op, int A, int B);

public static class Myers
{
    public static List<Edit> Diff<T>(IReadOnlyList<T> a, IReadOnlyList<T> b, IEqualityComparer<T>? eq = null)
    {
        eq ??= EqualityComparer<T>.Default;
        int n = a.Count, m = b.Count, max = n + m, off = max + 1;
        var v = new int[2 * max + 3];
        var trace = new List<int[]>();
        for (var d = 0; d <= max; d++)
        {
            trace.Add((int[])v.Clone());
            for (var k = -d; k <= d; k += 2)
            {
                var x = k == -d || (k != d && v[off + k - 1] < v[off + k + 1]) ? v[off + k + 1] : v[off + k - 1] + 1;
                var y = x - k;
                while (x < n && y < m && eq.Equals(a[x], b[y])) { x++; y++; }
                v[off + k] = x;
                if (x >= n && y >= m) return Backtrack(trace, n, m, off);
            }
        }
        throw new InvalidOperationException("unreachable");
    }

    static List<Edit> Backtrack(List<int[]> trace, int x, int y, int off)
    {
        var es = new List<Edit>();
        for (var d = trace.Count - 1; d >= 0; d--)
        {
            var v = trace[d];
            var k = x - y;
            var pk = k == -d || (k != d && v[off + k - 1] < v[off + k + 1]) ? k + 1 : k - 1;
            var px = v[off + pk];
            var py = px - pk;
            while (x > px && y > py) es.Add(new(Op.Keep, --x, --y));
            if (d == 0) break;
            es.Add(x == px ? new(Op.Ins, x, --y) : new(Op.Del, --x, y));
        }
        es.Reverse();
        return es;
    }
}
