using System.Reflection;
using Trial.Cli.Loading;
using Trial.Cli.Model;
using Xunit.Abstractions;

namespace Trial.Cli.Running;

/// <summary>
/// Runs tests in a given order and hands results back in that order. Each test case is its own
/// xunit run, so tests run exactly in the order asked (xunit would reorder a class's cases by its
/// own orderer); a class that shares a fixture runs as one xunit run, so its fixture is made once,
/// and its results are handed back in the order asked. Used by the serial executor and by workers.
/// </summary>
internal static class OrderedRunner
{
    /// <summary>
    /// Runs <paramref name="items"/> in order. <paramref name="report"/> receives each result with its
    /// item's key and returns false to stop; <paramref name="done"/> is told when an item has no more results.
    /// </summary>
    public static void Run(
        IReadOnlyList<(int Key, XunitAssembly Assembly, DiscoveredTest Test)> items,
        Func<int, TestResult, bool> report,
        Action<int>? done = null)
    {
        using var ahead = CompileAhead.Start(TestMethods(items), Environment.ProcessorCount);
        for (var start = 0; start < items.Count;)
        {
            var end = start + 1;
            if (items[start].Test.SharesFixture)
            {
                while (end < items.Count && items[end].Assembly == items[start].Assembly && items[end].Test.SharesFixture
                    && items[end].Test.Name.FullClass == items[start].Test.Name.FullClass)
                {
                    end++;
                }
            }

            if (!RunBatch(items, start, end, report, done))
            {
                return;
            }

            start = end;
        }
    }

    private static List<MethodInfo> TestMethods(IReadOnlyList<(int Key, XunitAssembly Assembly, DiscoveredTest Test)> items) =>
        items.Select(i => i.Test.Case.TestMethod.Method).OfType<IReflectionMethodInfo>().Select(m => m.MethodInfo).ToList();

    private static bool RunBatch(
        IReadOnlyList<(int Key, XunitAssembly Assembly, DiscoveredTest Test)> items,
        int start,
        int end,
        Func<int, TestResult, bool> report,
        Action<int>? done)
    {
        var go = true;
        if (end - start == 1)
        {
            var (key, assembly, test) = items[start];
            assembly.Run([test], r => go &= report(key, r));
            done?.Invoke(key);
            return go;
        }

        var positions = new Dictionary<string, int>(StringComparer.Ordinal);
        var results = new List<TestResult>?[end - start];
        var tests = new List<DiscoveredTest>(end - start);
        for (var i = start; i < end; i++)
        {
            positions.TryAdd(items[i].Test.Case.UniqueID, i - start);
            tests.Add(items[i].Test);
        }

        var strays = new List<TestResult>();
        items[start].Assembly.Run(tests, r =>
        {
            if (r.CaseId is { } id && positions.TryGetValue(id, out var position))
            {
                (results[position] ??= []).Add(r);
            }
            else
            {
                strays.Add(r);
            }
        });

        // Class cleanup failures belong to no one test: they follow the class's last test.
        (results[^1] ??= []).AddRange(strays);
        for (var i = 0; i < results.Length && go; i++)
        {
            foreach (var result in results[i] ?? [])
            {
                go &= report(items[start + i].Key, result);
            }

            done?.Invoke(items[start + i].Key);
        }

        return go;
    }
}
