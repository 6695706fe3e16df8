using System.Diagnostics;

namespace Trial.Cli.Workers;

/// <summary>
/// How to start this command again as a worker: the apphost beside trial.dll when there is one,
/// else <c>dotnet exec trial.dll</c> with the runtime config it was built with.
/// </summary>
internal static class SelfCommand
{
    /// <summary>A start info that runs trial with <paramref name="arguments"/>.</summary>
    public static ProcessStartInfo StartInfo(IEnumerable<string> arguments)
    {
        var dll = typeof(SelfCommand).Assembly.Location;
        var folder = Path.GetDirectoryName(dll)!;
        var apphost = Path.Combine(folder, OperatingSystem.IsWindows() ? "trial.exe" : "trial");
        ProcessStartInfo start;
        if (File.Exists(apphost))
        {
            start = new ProcessStartInfo(apphost);
        }
        else
        {
            start = new ProcessStartInfo("dotnet");
            start.ArgumentList.Add("exec");
            var config = Path.ChangeExtension(dll, ".runtimeconfig.json");
            if (File.Exists(config))
            {
                start.ArgumentList.Add("--runtimeconfig");
                start.ArgumentList.Add(config);
            }

            start.ArgumentList.Add(dll);
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.UseShellExecute = false;
        return start;
    }
}
