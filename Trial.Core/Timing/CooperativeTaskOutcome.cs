namespace Trial.Timing;

/// <summary>How a <see cref="CooperativeTask"/> finished.</summary>
public enum CooperativeTaskOutcome
{
    /// <summary>Its iterator ran out of items (Twisted's <c>TaskDone</c>).</summary>
    Done,

    /// <summary>It was stopped with <see cref="CooperativeTask.Stop"/> (Twisted's <c>TaskStopped</c>).</summary>
    Stopped,

    /// <summary>Its iterator threw, or a deferred it yielded failed (Twisted's <c>TaskFailed</c>).</summary>
    Failed,
}
