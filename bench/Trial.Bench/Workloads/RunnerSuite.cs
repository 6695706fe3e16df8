using System.Text;

namespace Trial.Bench.Workloads;

/// <summary>
/// Writes the <c>runner</c> workload's suite, the C# twin of bench/peers/make_trial_suite.py:
/// 20 classes of 100 tests, the even ones a plain assertion, the odd ones a Clock, a DeferLater
/// of one second, an advance, and Trial.Runner's SuccessResultOf. It is an ordinary xunit test project,
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
        var stale = Path.Combine(folder, "Results.cs");
        if (File.Exists(stale))
        {
            File.Delete(stale);
        }

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
                text.Append($"        clock.Advance(TimeSpan.FromSeconds(1)); Assert.Equal({m}, TestHelpers.SuccessResultOf(d));\n    }}\n");
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
            <ProjectReference Include="{Path.Combine(root, "Trial.Runner", "Trial.Runner.csproj")}" />
          </ItemGroup>
          <ItemGroup>
            <Using Include="Xunit" />
            <Using Include="Trial.Fakes.Time" />
            <Using Include="Trial.Timing" />
            <Using Include="Trial.Runner" />
          </ItemGroup>
        </Project>

        """;

    private static void Put(string path, string text)
    {
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            File.WriteAllText(path, text);
        }
    }
}
