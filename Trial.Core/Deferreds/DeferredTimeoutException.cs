using System.Globalization;

namespace Trial.Deferreds;

/// <summary>
/// The failure of a deferred that <see cref="Deferred{T}.AddTimeout"/> cancelled because it did not fire in time
/// (Twisted's <c>TimeoutError</c>).
/// </summary>
public sealed class DeferredTimeoutException : TimeoutException
{
    /// <summary>Initializes a new instance for a deferred that did not fire within <paramref name="timeout"/>.</summary>
    /// <param name="timeout">The timeout that expired.</param>
    /// <param name="innerException">The cancellation the timeout caused, if any.</param>
    public DeferredTimeoutException(TimeSpan timeout, Exception? innerException = null)
        : base(string.Create(CultureInfo.InvariantCulture, $"The Deferred did not fire within its timeout of {timeout}."), innerException)
    {
        Timeout = timeout;
    }

    /// <summary>Gets the timeout that expired.</summary>
    public TimeSpan Timeout { get; }
}
