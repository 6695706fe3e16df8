using System.Collections.Concurrent;
using Trial.Cli.Model;

namespace Trial.Cli.Loading;

/// <summary>
/// Tells a failed assertion (Twisted's FAIL) from any other exception (ERROR) by the type of the
/// outermost exception, looked up among the assemblies loaded in the test's context: an assertion
/// implements xunit's <c>Xunit.Sdk.IAssertionException</c>, derives from <c>Xunit.Sdk.XunitException</c>
/// (xunit's asserts, and FluentAssertions under xunit), or is named like another framework's
/// assertion (<c>*AssertionException</c>, <c>*AssertFailedException</c>).
/// </summary>
internal sealed class OutcomeClassifier(TestAssemblyContext context)
{
    private readonly ConcurrentDictionary<string, bool> assertions = new(StringComparer.Ordinal);

    /// <summary>The outcome of a failure whose outermost exception has the type named <paramref name="typeName"/>.</summary>
    public TestOutcome Classify(string? typeName) =>
        typeName is not null && assertions.GetOrAdd(typeName, IsAssertion) ? TestOutcome.Fail : TestOutcome.Error;

    private bool IsAssertion(string typeName)
    {
        if (NamedLikeAssertion(typeName))
        {
            return true;
        }

        foreach (var assembly in context.Assemblies)
        {
            if (assembly.GetType(typeName, throwOnError: false) is not { } type)
            {
                continue;
            }

            if (type.GetInterfaces().Any(i => i.FullName == "Xunit.Sdk.IAssertionException"))
            {
                return true;
            }

            for (var t = type; t is not null; t = t.BaseType)
            {
                if (t.FullName == "Xunit.Sdk.XunitException" || NamedLikeAssertion(t.FullName ?? ""))
                {
                    return true;
                }
            }

            return false;
        }

        return false;
    }

    private static bool NamedLikeAssertion(string typeName) =>
        typeName.EndsWith("AssertionException", StringComparison.Ordinal)
        || typeName.EndsWith("AssertFailedException", StringComparison.Ordinal);
}
