using System.Collections.Concurrent;
using System.Reflection;
using Trial.Runner.Sdk;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace Trial.Tests.Runner.Support;

/// <summary>Runs fixture test classes through xunit's in-process engine, as `dotnet test` would, and collects each result.</summary>
internal static class FixtureRunner
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(2);

    /// <summary>Discovers and runs the tests of <paramref name="fixture"/>, with environment knobs set for this run only.</summary>
    public static IReadOnlyList<FixtureResult> Run(Type fixture, IReadOnlyDictionary<string, string?>? knobs = null)
    {
        using var scope = TestSettings.Override(knobs ?? new Dictionary<string, string?>());
        var assembly = fixture.Assembly;
        var sink = new Sink();
        using var framework = new XunitTestFramework(sink);
        var cases = Discover(framework, assembly, sink).Where(c => c.TestMethod.TestClass.Class.Name == fixture.FullName).ToList();
        using var executor = framework.GetExecutor(assembly.GetName());
        executor.RunTests(cases, sink, new Options());
        sink.Finished.Wait(Limit).Should().BeTrue($"the fixtures of {fixture.Name} should finish within {Limit}");
        return [.. sink.Results];
    }

    /// <summary>Lists the test cases <paramref name="fixture"/> makes, with their display names.</summary>
    public static IReadOnlyList<ITestCase> Discover(Type fixture, IReadOnlyDictionary<string, string?>? knobs = null)
    {
        using var scope = TestSettings.Override(knobs ?? new Dictionary<string, string?>());
        var sink = new Sink();
        using var framework = new XunitTestFramework(sink);
        return Discover(framework, fixture.Assembly, sink).Where(c => c.TestMethod.TestClass.Class.Name == fixture.FullName).ToList();
    }

    private static List<ITestCase> Discover(XunitTestFramework framework, Assembly assembly, Sink sink)
    {
        var discovered = new DiscoverySink();
        using var discoverer = framework.GetDiscoverer(Reflector.Wrap(assembly));
        discoverer.Find(includeSourceInformation: false, discovered, new Options());
        discovered.Finished.Wait(Limit).Should().BeTrue("discovery should finish");
        return [.. discovered.Cases];
    }

    private sealed class Options : ITestFrameworkDiscoveryOptions, ITestFrameworkExecutionOptions
    {
        private readonly Dictionary<string, object?> _values = new()
        {
            ["xunit.discovery.PreEnumerateTheories"] = true,
            ["xunit.execution.SynchronousMessageReporting"] = true,
        };

        public TValue GetValue<TValue>(string name) => _values.TryGetValue(name, out var value) && value is TValue typed ? typed : default!;

        public void SetValue<TValue>(string name, TValue value) => _values[name] = value;
    }

    private sealed class DiscoverySink : LongLivedMarshalByRefObject, IMessageSink
    {
        public ConcurrentQueue<ITestCase> Cases { get; } = new();

        public ManualResetEventSlim Finished { get; } = new();

        public bool OnMessage(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestCaseDiscoveryMessage found:
                    Cases.Enqueue(found.TestCase);
                    break;
                case IDiscoveryCompleteMessage:
                    Finished.Set();
                    break;
            }

            return true;
        }
    }

    private sealed class Sink : LongLivedMarshalByRefObject, IMessageSink
    {
        public ConcurrentQueue<FixtureResult> Results { get; } = new();

        public ManualResetEventSlim Finished { get; } = new();

        public bool OnMessage(IMessageSinkMessage message)
        {
            switch (message)
            {
                case ITestPassed passed:
                    Results.Enqueue(new FixtureResult(passed.Test.DisplayName, "Passed", "", passed.Output, passed.ExecutionTime));
                    break;
                case ITestFailed failed:
                    Results.Enqueue(new FixtureResult(failed.Test.DisplayName, "Failed", string.Join(Environment.NewLine, failed.Messages), failed.Output, failed.ExecutionTime));
                    break;
                case ITestSkipped skipped:
                    Results.Enqueue(new FixtureResult(skipped.Test.DisplayName, "Skipped", skipped.Reason, "", 0));
                    break;
                case ITestAssemblyFinished:
                    Finished.Set();
                    break;
            }

            return true;
        }
    }
}

/// <summary>One fixture test's result, as xunit reported it.</summary>
internal sealed record FixtureResult(string DisplayName, string Outcome, string Message, string Output, decimal Seconds);
