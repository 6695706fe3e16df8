namespace Trial.Deferreds;

/// <summary>What <see cref="DeferredLock"/> and <see cref="DeferredSemaphore"/> share: acquire, run, release.</summary>
internal static class ConcurrencyPrimitive
{
    /// <summary>Runs <paramref name="function"/> once <paramref name="acquired"/> fires, and releases when its result (or failure) arrives.</summary>
    internal static Deferred<T> Run<TPrimitive, T>(Deferred<TPrimitive> acquired, Func<Deferred<T>> function, Action release) =>
        acquired.Then(_ => Deferred.MaybeDeferred(function).Finally(release));

    /// <summary>Removes a cancelled waiter. The canceller only runs while the waiter has not fired, so it is still queued.</summary>
    internal static void Forget<T>(LinkedList<Deferred<T>> waiting, Deferred<T> waiter) => waiting.Remove(waiter);
}
