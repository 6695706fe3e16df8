using Trial.Cli.Model;

namespace Trial.Cli.Selection;

/// <summary>
/// The order tests run and are reported in, as Twisted's loader orders them: grouped by namespace,
/// then class. Alphabetical sorts each level by name (ordinal); toptobottom keeps declaration
/// order; a shuffle permutes each level with the seed (namespaces, classes within a namespace,
/// tests within a class), so a class's tests still run together.
/// </summary>
internal static class TestOrder
{
    /// <summary>Orders <paramref name="tests"/>: shuffled when <paramref name="shuffleSeed"/> is set, else by <paramref name="order"/>.</summary>
    public static List<DiscoveredTest> Apply(IEnumerable<DiscoveredTest> tests, string order, long? shuffleSeed)
    {
        var namespaces = Group(tests, t => t.Name.Namespace)
            .Select(ns => Group(ns, t => t.Name.Class).Select(c => c.ToList()).ToList())
            .ToList();
        if (shuffleSeed is { } seed)
        {
            var random = new SplitMix64(unchecked((ulong)seed));
            random.Shuffle(namespaces);
            foreach (var classes in namespaces)
            {
                random.Shuffle(classes);
                foreach (var members in classes)
                {
                    random.Shuffle(members);
                }
            }
        }
        else if (order == "alphabetical")
        {
            namespaces.Sort((a, b) => string.CompareOrdinal(a[0][0].Name.Namespace, b[0][0].Name.Namespace));
            foreach (var classes in namespaces)
            {
                classes.Sort((a, b) => string.CompareOrdinal(a[0].Name.Class, b[0].Name.Class));
                foreach (var members in classes)
                {
                    members.Sort((a, b) => string.CompareOrdinal(a.Name.Leaf, b.Name.Leaf));
                }
            }
        }

        return namespaces.SelectMany(classes => classes.SelectMany(members => members)).ToList();
    }

    /// <summary>Moves the tests whose ids are in <paramref name="first"/> to the front, keeping both parts' order.</summary>
    public static List<DiscoveredTest> FailedFirst(List<DiscoveredTest> tests, IReadOnlySet<string> first) =>
        tests.Where(t => first.Contains(t.Id)).Concat(tests.Where(t => !first.Contains(t.Id))).ToList();

    // Groups in order of first appearance.
    private static IEnumerable<IGrouping<string, DiscoveredTest>> Group(IEnumerable<DiscoveredTest> tests, Func<DiscoveredTest, string> key) =>
        tests.GroupBy(key, StringComparer.Ordinal);
}
