using DiffPatch;

return args switch
{
    ["diff", var a, var b] => Diff(a, b, 3),
    ["diff", var a, var b, var c] when int.TryParse(c, out var n) && n >= 0 => Diff(a, b, n),
    ["apply", var target, var patch] => Apply(target, patch, dryRun: false),
    ["apply", "--check", var target, var patch] => Apply(target, patch, dryRun: true),
    ["stat", var patch] => Stat(patch),
    _ => Usage(),
};

static int Diff(string a, string b, int ctx)
{
    var hs = Unified.Hunks(File.ReadAllLines(a), File.ReadAllLines(b), ctx);
    if (hs.Count == 0) return 0;
    Console.Write(Unified.Format(a, b, hs));
    return 1;
}

static int Apply(string target, string patch, bool dryRun)
{
    try
    {
        var res = Unified.Apply(File.ReadAllLines(target), Unified.Parse(File.ReadAllText(patch)));
        if (!dryRun) File.WriteAllLines(target, res);
        return 0;
    }
    catch (InvalidDataException e)
    {
        Console.Error.WriteLine($"{target}: {e.Message}");
        return 1;
    }
}

static int Stat(string patch)
{
    var hs = Unified.Parse(File.ReadAllText(patch));
    int add = hs.Sum(h => h.Lines.Count(l => l[0] == '+')), del = hs.Sum(h => h.Lines.Count(l => l[0] == '-'));
    Console.WriteLine($"{hs.Count} hunks, {add} insertions(+), {del} deletions(-)");
    return 0;
}

static int Usage()
{
    Console.Error.WriteLine("usage: dp diff A B [ctx] | dp apply [--check] FILE PATCH | dp stat PATCH");
    return 2;
}
