using Trial.Deferreds;

namespace Trial.Runner;

/// <summary>What a deferred or task holds right now, read without waiting; a deferred's failure is handled by reading it.</summary>
internal readonly record struct ResultOutcome(bool HasResult, bool Succeeded, object? Value, Exception? Error)
{
    /// <summary>Gets a phrase for messages: "has no result yet", "succeeded with 3", "failed with ...".</summary>
    internal string Description => !HasResult ? "has no result yet"
        : Succeeded ? $"succeeded with {Value ?? "null"}"
        : $"failed with {Error?.GetType().FullName}: {Error?.Message}";

    internal static ResultOutcome Of(Deferred? deferred)
    {
        if (deferred is null)
        {
            return new(false, false, null, null);
        }

        ResultOutcome outcome = new(false, false, null, null);
        deferred.AddBoth(r =>
        {
            outcome = r is Failure failure ? new(true, false, null, failure.Exception) : new(true, true, r, null);
            return r is Failure ? null : r;
        });
        return outcome;
    }

    internal static ResultOutcome Of(Task? task)
    {
        if (task is null || !task.IsCompleted)
        {
            return new(false, false, null, null);
        }

        try
        {
            task.GetAwaiter().GetResult();
            object? value = task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<int>.Result))?.GetValue(task) : null;
            return new(true, true, value, null);
        }
        catch (Exception e)
        {
            return new(true, false, null, e);
        }
    }
}
