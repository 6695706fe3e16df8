namespace Trial.Runner.Running;

/// <summary>One thing a test left behind: what it is, and where and when the test made it.</summary>
/// <param name="What">A description, such as "a delayed call to X, due at 00:05:00".</param>
/// <param name="Origin">Where and when it was made, when that was recorded.</param>
/// <param name="Detail">More text to show under it, such as a logged failure.</param>
internal sealed record Leftover(string What, ResourceOrigin? Origin, string? Detail = null);
