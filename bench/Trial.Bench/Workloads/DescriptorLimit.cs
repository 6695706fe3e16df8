using System.Runtime.InteropServices;

namespace Trial.Bench.Workloads;

/// <summary>Raises the process's open-descriptor limit (RLIMIT_NOFILE) and counts open descriptors, on Linux.</summary>
internal static partial class DescriptorLimit
{
    private const int RlimitNoFile = 7;

    /// <summary>Raises the soft (and if needed the hard) limit to at least <paramref name="wanted"/>; returns the soft limit in force.</summary>
    public static ulong Raise(ulong wanted)
    {
        if (!OperatingSystem.IsLinux())
        {
            return 0;
        }

        var limit = new Rlimit();
        GetRlimit(RlimitNoFile, ref limit);
        if (limit.Current >= wanted)
        {
            return limit.Current;
        }

        var raised = new Rlimit { Current = wanted, Maximum = Math.Max(limit.Maximum, wanted) };
        if (SetRlimit(RlimitNoFile, ref raised) != 0)
        {
            // Not allowed to raise the hard limit: go as high as it allows.
            raised = new Rlimit { Current = limit.Maximum, Maximum = limit.Maximum };
            SetRlimit(RlimitNoFile, ref raised);
        }

        GetRlimit(RlimitNoFile, ref limit);
        return limit.Current;
    }

    public static string[] Describe() => OperatingSystem.IsLinux()
        ? Directory.GetFiles("/proc/self/fd").Select(f => { try { return new FileInfo(f).LinkTarget ?? "?"; } catch (IOException) { return "?"; } }).ToArray()
        : [];

    /// <summary>Counts the process's open socket descriptors (assemblies the runtime maps as it goes are not leaks).</summary>
    public static int OpenCount() => Describe().Count(target => target.StartsWith("socket:", StringComparison.Ordinal));

    [LibraryImport("libc", EntryPoint = "getrlimit")]
    private static partial int GetRlimit(int resource, ref Rlimit limit);

    [LibraryImport("libc", EntryPoint = "setrlimit")]
    private static partial int SetRlimit(int resource, ref Rlimit limit);

    [StructLayout(LayoutKind.Sequential)]
    private struct Rlimit
    {
        public ulong Current;
        public ulong Maximum;
    }
}
