namespace Trial.Timing;

/// <summary>
/// A <see cref="CooperativeTask"/> has already finished, so it cannot be paused or stopped (Twisted's
/// <c>TaskDone</c>, <c>TaskStopped</c> and <c>TaskFailed</c>, told apart by <see cref="Outcome"/>). A stopped task's
/// <see cref="CooperativeTask.WhenDone"/> fails with it too.
/// </summary>
public sealed class TaskFinishedException : SchedulerException
{
    /// <summary>Initializes a new instance for a task that finished with <paramref name="outcome"/>.</summary>
    /// <param name="outcome">How the task finished.</param>
    public TaskFinishedException(CooperativeTaskOutcome outcome)
        : base(outcome switch
        {
            CooperativeTaskOutcome.Done => "The cooperative task already finished: its iterator is exhausted.",
            CooperativeTaskOutcome.Stopped => "The cooperative task already finished: it was stopped.",
            _ => $"The cooperative task already finished: it {outcome.ToString().ToLowerInvariant()}.",
        })
    {
        Outcome = outcome;
    }

    /// <summary>Gets how the task finished.</summary>
    public CooperativeTaskOutcome Outcome { get; }
}
