namespace Trial.Runner.Running;

/// <summary>What one run of a test left to compare and report: its trace, as readable lines, and where it ended.</summary>
internal sealed class RunRecord
{
    private readonly List<string> _trace = [];
    private readonly Lock _gate = new();

    /// <summary>Gets or sets the virtual time at which the run ended.</summary>
    internal TimeSpan EndTime { get; set; }

    /// <summary>Gets a snapshot of the trace lines, oldest first.</summary>
    internal IReadOnlyList<string> Trace
    {
        get
        {
            lock (_gate)
            {
                return [.. _trace];
            }
        }
    }

    internal void Add(string line)
    {
        lock (_gate)
        {
            _trace.Add(line);
        }
    }
}
