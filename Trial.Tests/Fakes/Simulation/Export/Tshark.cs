using System.Diagnostics;

namespace Trial.Tests.Fakes.Simulation.Export;

/// <summary>Runs Wireshark's command-line reader on a capture file, bounded in time.</summary>
internal static class Tshark
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    public static string? Path { get; } = Find();

    /// <summary>Runs <c>tshark -r file</c> with <paramref name="arguments"/> and returns its output; fails on an error or a non-zero exit.</summary>
    public static string Read(string file, params string[] arguments)
    {
        var start = new ProcessStartInfo(Path ?? throw new InvalidOperationException("tshark is not installed."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-r");
        start.ArgumentList.Add(file);
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"tshark did not finish reading {file} within {Limit}.");
        }

        process.WaitForExit();
        string stderr = error.GetAwaiter().GetResult();
        process.ExitCode.Should().Be(0, $"tshark should read the file, but said: {stderr}");
        stderr.Should().NotContainAny(["appears to be damaged", "cut short", "isn't a capture file"]);
        return output.GetAwaiter().GetResult();
    }

    private static string? Find()
    {
        foreach (string directory in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(System.IO.Path.PathSeparator))
        {
            string candidate = System.IO.Path.Combine(directory, "tshark");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
