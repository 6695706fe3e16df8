using System.Diagnostics;
using System.Text.Json;

namespace Trial.Cli.Targets;

/// <summary>
/// Builds a project with <c>dotnet build</c> and asks MSBuild, in the same call, for the assembly it
/// produced (<c>-getProperty:TargetPath -getTargetResult:Build</c>).
/// </summary>
internal static class ProjectBuilder
{
    /// <summary>Builds <paramref name="projectPath"/> in <paramref name="configuration"/> and returns the built assembly's path.</summary>
    /// <exception cref="TrialInputException">The build failed; the message carries its errors.</exception>
    public static string Build(string projectPath, string configuration)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "build", projectPath, "-c", configuration, "-nologo", "-getProperty:TargetPath", "-getTargetResult:Build" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new TrialInputException("could not start `dotnet build`", ExitCodes.Failed);
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        var errors = stderr.GetAwaiter().GetResult();
        if (process.ExitCode != 0 || TargetPath(stdout) is not { } path)
        {
            var lines = (errors + "\n" + stdout).Split('\n')
                .Where(l => l.Contains("error", StringComparison.OrdinalIgnoreCase))
                .Select(l => l.TrimEnd())
                .Distinct(StringComparer.Ordinal)
                .ToList();
            var detail = lines.Count > 0 ? string.Join("\n", lines) : (errors + stdout).Trim();
            throw new TrialInputException($"{projectPath} does not build (dotnet build -c {configuration}):\n{detail}", ExitCodes.Failed);
        }

        return path;
    }

    private static string? TargetPath(string json)
    {
        var start = json.IndexOf('{', StringComparison.Ordinal);
        if (start < 0)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json[start..]);
            var root = document.RootElement;
            var result = root.GetProperty("TargetResults").GetProperty("Build").GetProperty("Result").GetString();
            return result == "Success" ? root.GetProperty("Properties").GetProperty("TargetPath").GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
        catch (KeyNotFoundException)
        {
            return null;
        }
    }
}
