using System.Reflection;
using Trial.Cli.Model;
using Xunit.Abstractions;

namespace Trial.Cli.Loading;

/// <summary>
/// A test assembly loaded in its own <see cref="TestAssemblyContext"/> and driven through xunit v2's
/// execution engine in process: the framework named by its <c>[assembly: TestFramework]</c>, or
/// <c>XunitTestFramework</c>, created by xunit's own <c>TestFrameworkProxy</c> exactly as
/// xunit's runners (and so <c>dotnet test</c>) create it.
/// </summary>
internal sealed class XunitAssembly : IDisposable
{
    private readonly TestAssemblyContext context;
    private readonly ITestFramework framework;
    private readonly ITestFrameworkDiscoverer discoverer;
    private readonly ITestFrameworkExecutor executor;
    private readonly OutcomeClassifier classifier;

    private XunitAssembly(string path, TestAssemblyContext context, ITestFramework framework, IAssemblyInfo info, AssemblyName name)
    {
        Path = path;
        this.context = context;
        this.framework = framework;
        discoverer = framework.GetDiscoverer(info);
        executor = framework.GetExecutor(name);
        classifier = new OutcomeClassifier(context);
    }

    /// <summary>The assembly's path.</summary>
    public string Path { get; }

    /// <summary>Loads the assembly at <paramref name="path"/> and creates its test framework.</summary>
    /// <exception cref="TrialInputException">It is not a .NET assembly, or does not use xunit v2.</exception>
    public static XunitAssembly Load(string path)
    {
        path = System.IO.Path.GetFullPath(path);
        var context = new TestAssemblyContext(path);
        using var scope = context.EnterContextualReflection();
        Assembly assembly;
        try
        {
            assembly = context.LoadFromAssemblyPath(path);
        }
        catch (BadImageFormatException)
        {
            throw new TrialInputException($"{path} is not a .NET assembly");
        }

        Assembly execution;
        try
        {
            execution = context.LoadFromAssemblyName(new AssemblyName("xunit.execution.dotnet"));
        }
        catch (FileNotFoundException)
        {
            throw new TrialInputException(
                $"{path} is not an xunit v2 test assembly: xunit.execution.dotnet is neither in its .deps.json nor beside it");
        }

        // The assembly itself must live in this context: xunit's own assemblies, passed as if they were
        // tests, were already loaded elsewhere and cannot host a test framework.
        if (assembly.GetName().Name is "xunit.abstractions" or "xunit.core" or "xunit.assert" or "xunit.execution.dotnet")
        {
            throw new TrialInputException($"{path} is not an xunit v2 test assembly: it is part of xunit itself");
        }

        IAssemblyInfo assemblyInfo;
        ITestFramework framework;
        try
        {
            var reflector = execution.GetType("Xunit.Sdk.Reflector", throwOnError: true)!;
            assemblyInfo = (IAssemblyInfo)reflector.GetMethod("Wrap", [typeof(Assembly)])!.Invoke(null, [assembly])!;
            var proxy = execution.GetType("Xunit.Sdk.TestFrameworkProxy", throwOnError: true)!;
            framework = (ITestFramework)Activator.CreateInstance(proxy, assemblyInfo, new NoSourceInformation(), new DiagnosticSink())!;
        }
        catch (Exception e) when (e is InvalidCastException or TypeLoadException or FileLoadException or MissingMethodException or TargetInvocationException)
        {
            throw new TrialInputException($"{path}: xunit's test framework could not be created ({e.GetBaseException().Message})");
        }

        return new XunitAssembly(path, context, framework, assemblyInfo, assembly.GetName());
    }

    /// <summary>Finds every test case, theories enumerated one case per row.</summary>
    public IReadOnlyList<DiscoveredTest> Discover()
    {
        using var scope = context.EnterContextualReflection();
        using var sink = new DiscoverySink();
        discoverer.Find(includeSourceInformation: false, sink, XunitOptions.ForDiscovery());
        sink.Finished.Wait();
        return sink.TestCases.Select(Describe).ToList();
    }

    /// <summary>Runs <paramref name="tests"/> in one xunit run, reporting each result as it arrives.</summary>
    public void Run(IReadOnlyList<DiscoveredTest> tests, Action<TestResult> report)
    {
        using var scope = context.EnterContextualReflection();
        using var sink = new ExecutionSink(tests, classifier, report);
        executor.RunTests(tests.Select(t => t.Case), sink, XunitOptions.ForExecution());
        sink.Finished.Wait();
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        executor.Dispose();
        discoverer.Dispose();
        framework.Dispose();
    }

    private static DiscoveredTest Describe(ITestCase testCase)
    {
        var name = TestName.From(testCase.TestMethod.TestClass.Class.Name, testCase.DisplayName);
        string? todo = null;
        if (testCase.Traits is { } traits && traits.TryGetValue("Todo", out var reasons))
        {
            todo = reasons.FirstOrDefault() ?? "";
        }

        var testClass = testCase.TestMethod.TestClass;
        var sharesFixture = HasInterface(testClass.Class, "Xunit.IClassFixture`1")
            || (testClass.TestCollection.CollectionDefinition is { } definition && HasInterface(definition, "Xunit.ICollectionFixture`1"));
        return new DiscoveredTest(testCase, name, todo, sharesFixture);
    }

    private static bool HasInterface(ITypeInfo type, string genericName) =>
        type is IReflectionTypeInfo { Type: { } runtime }
        && runtime.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition().FullName == genericName);
}
