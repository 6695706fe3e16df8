namespace Trial.Cli.State;

/// <summary>
/// What the command remembers between runs, in a <c>.trial/</c> folder beside the project:
/// <c>last-failed</c> (the ids of the tests that failed or errored in the last run, one a line) and
/// <c>failing-seeds</c> (every seed a failing test ran with, appended, one a line, no repeats).
/// </summary>
internal sealed class TrialState(string directory)
{
    private string Folder => Path.Combine(directory, ".trial");

    private string LastFailedPath => Path.Combine(Folder, "last-failed");

    /// <summary>The file failing seeds are appended to.</summary>
    public string FailingSeedsPath => Path.Combine(Folder, "failing-seeds");

    /// <summary>The ids that failed or errored last time; empty when nothing is recorded.</summary>
    public IReadOnlySet<string> ReadLastFailed() =>
        File.Exists(LastFailedPath)
            ? File.ReadAllLines(LastFailedPath).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal)
            : new HashSet<string>(StringComparer.Ordinal);

    /// <summary>Records <paramref name="failedIds"/> as the last run's failures.</summary>
    public void WriteLastFailed(IEnumerable<string> failedIds)
    {
        Directory.CreateDirectory(Folder);
        File.WriteAllLines(LastFailedPath, failedIds.Distinct(StringComparer.Ordinal));
    }

    /// <summary>Appends the seeds not already in the file.</summary>
    public void AppendFailingSeeds(IEnumerable<long> seeds)
    {
        var known = File.Exists(FailingSeedsPath)
            ? File.ReadAllLines(FailingSeedsPath).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal)
            : [];
        var fresh = seeds.Select(s => s.ToString(System.Globalization.CultureInfo.InvariantCulture)).Distinct().Where(known.Add).ToList();
        if (fresh.Count == 0)
        {
            return;
        }

        Directory.CreateDirectory(Folder);
        File.AppendAllLines(FailingSeedsPath, fresh);
    }
}
