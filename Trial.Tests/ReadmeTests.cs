using System.Text.RegularExpressions;

namespace Trial.Tests;

/// <summary>
/// Keeps the README's tour true: every C# block in README.md is, to the letter, one of the files in
/// Trial.Tests/Tour, which compile and run as tests like any other.
/// </summary>
public sealed partial class ReadmeTests
{
    [Fact]
    public void EveryCSharpBlockInTheReadme_IsATourFileThatRunsAsATest()
    {
        string root = RepositoryRoot();
        string readme = File.ReadAllText(Path.Combine(root, "README.md")).ReplaceLineEndings("\n");
        var tour = Directory.GetFiles(Path.Combine(root, "Trial.Tests", "Tour"), "*.cs")
            .ToDictionary(path => Path.GetFileName(path), path => File.ReadAllText(path).ReplaceLineEndings("\n").Trim());

        var blocks = CSharpBlock().Matches(readme).Select(m => m.Groups[1].Value.Trim()).ToList();

        blocks.Should().NotBeEmpty();
        foreach (string block in blocks)
        {
            tour.Values.Should().Contain(block, "every C# block in the README must be a whole file of Trial.Tests/Tour, so that it compiles and runs");
        }

        tour.Values.Should().OnlyContain(file => blocks.Contains(file), "every tour file is shown in the README");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Trial.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Trial.sln above {AppContext.BaseDirectory}.");
    }

    [GeneratedRegex("```csharp\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex CSharpBlock();
}
