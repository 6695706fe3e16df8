using System.Text;

namespace Trial.Bench.Workloads;

/// <summary>
/// Writes the <c>runner</c> workload's suite, the C# twin of ../shared/peers/make_trial_suite.py:
/// 20 classes of 100 tests, the even ones a plain assertion, the odd ones a Clock, a DeferLater
/// of one second, an advance, and a SuccessResultOf check. It is an ordinary xunit test project,
/// so both the trial command and <c>dotnet test</c> run it.
/// </summary>
internal static class RunnerSuite
{
    public const int Classes = 20;
    public const int TestsPerClass = 100;

    /// <summary>Writes the suite's project into <paramref name="folder"/> (files rewritten only when they change) and returns its path.</summary>
    public static string Write(string folder, string repositoryRoot)
    {
        Directory.CreateDirectory(folder);
        Put(Path.Combine(folder, "Trial.Bench.RunnerSuite.csproj"), Project(repositoryRoot));
        Put(Path.Combine(folder, "Results.cs"), Helper);
        for (var c = 0; c < Classes; c++)
        {
            Put(Path.Combine(folder, $"T{c}.cs"), Class(c));
        }

        return Path.Combine(folder, "Trial.Bench.RunnerSuite.csproj");
    }

    private static string Class(int c)
    {
        var text = new StringBuilder();
        text.Append("namespace Trial.Bench.RunnerSuite;\n\n");
        text.Append($"public sealed class T{c}\n{{\n");
        for (var m = 0; m < TestsPerClass; m++)
        {
            text.Append("    [Fact]\n");
            if (m % 2 == 1)
            {
                text.Append($"    public void test_{m}()\n    {{\n");
                text.Append($"        var clock = new Clock(); var d = clock.DeferLater(TimeSpan.FromSeconds(1), () => {m});\n");
                text.Append($"        clock.Advance(TimeSpan.FromSeconds(1)); Assert.Equal({m}, Results.SuccessResultOf(d));\n    }}\n");
            }
            else
            {
                text.Append($"    public void test_{m}() => Assert.Equal({m + 1}, {m} + 1);\n");
            }
        }

        return text.Append("}\n").ToString();
    }

    private static string Project(string root) => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <IsPackable>false</IsPackable>
            <IsTestProject>true</IsTestProject>
            <NoWarn>$(NoWarn);CA1707;xUnit1026</NoWarn>
          </PropertyGroup>
          <ItemGroup>
            <PackageReference Include="Microsoft.NET.Test.Sdk" />
            <PackageReference Include="xunit" />
            <PackageReference Include="xunit.runner.visualstudio" PrivateAssets="all" />
          </ItemGroup>
          <ItemGroup>
            <ProjectReference Include="{Path.Combine(root, "Trial.Core", "Trial.Core.csproj")}" />
            <ProjectReference Include="{Path.Combine(root, "Trial.Fakes", "Trial.Fakes.csproj")}" />
          </ItemGroup>
          <ItemGroup>
            <Using Include="Xunit" />
            <Using Include="Trial.Fakes.Time" />
            <Using Include="Trial.Timing" />
          </ItemGroup>
        </Project>

        """;

    // Twisted's successResultOf, until Trial.Runner's lands on main: the result now, or a failed assertion.
    private const string Helper = """
        using Trial.Deferreds;

        namespace Trial.Bench.RunnerSuite;

        internal static class Results
        {
            private static readonly object None = new();

            public static T SuccessResultOf<T>(Deferred<T> deferred)
            {
                object? result = None;
                deferred.AddBoth(r =>
                {
                    result = r;
                    return r is Failure ? null : r;
                });
                if (result == None || result is Failure)
                {
                    throw new Xunit.Sdk.XunitException($"Expected {deferred} to have a result, but it has {(result == None ? "none" : result)}.");
                }

                return (T)result!;
            }
        }

        """;

    private static void Put(string path, string text)
    {
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            File.WriteAllText(path, text);
        }
    }
}
