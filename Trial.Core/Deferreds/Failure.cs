using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.ExceptionServices;

namespace Trial.Deferreds;

/// <summary>
/// An exception travelling down a <see cref="Deferred{T}"/>'s errback chain, like Twisted's <c>Failure</c>.
/// </summary>
/// <remarks>
/// <para>
/// A failure keeps the exception together with the stack it had when the failure was made, so that
/// <see cref="Throw"/> and <see cref="Trap{TException}"/> rethrow it with its original stack instead of the
/// stack of the errback that rethrows it.
/// </para>
/// <para>
/// Any <see cref="Failure"/> that a callback returns (or that a deferred is fired with) is treated as a failure,
/// never as a value: the chain switches to its errbacks.
/// </para>
/// </remarks>
public sealed class Failure
{
    private readonly ExceptionDispatchInfo _dispatch;

    /// <summary>Initializes a new failure wrapping <paramref name="exception"/>.</summary>
    /// <param name="exception">The exception; if it was thrown, its stack trace is kept.</param>
    /// <exception cref="ArgumentNullException"><paramref name="exception"/> is <see langword="null"/>.</exception>
    public Failure(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        _dispatch = ExceptionDispatchInfo.Capture(exception);
        StackTrace = exception.StackTrace;
    }

    /// <summary>Gets the exception this failure carries.</summary>
    public Exception Exception => _dispatch.SourceException;

    /// <summary>Gets the type of <see cref="Exception"/>.</summary>
    public Type Type => Exception.GetType();

    /// <summary>Gets the exception's message.</summary>
    public string Message => Exception.Message;

    /// <summary>
    /// Gets the stack trace the exception had when the failure was made, or <see langword="null"/> if the
    /// exception was never thrown.
    /// </summary>
    public string? StackTrace { get; }

    /// <summary>Returns <typeparamref name="TException"/> if the exception is one, otherwise <see langword="null"/>.</summary>
    /// <typeparam name="TException">The exception type to match, subclasses included.</typeparam>
    /// <returns>The matched type, or <see langword="null"/>.</returns>
    public Type? Check<TException>()
        where TException : Exception => Exception is TException ? typeof(TException) : null;

    /// <summary>Returns the first of <paramref name="types"/> that the exception is an instance of, otherwise <see langword="null"/>.</summary>
    /// <param name="types">Exception types to match, subclasses included.</param>
    /// <returns>The first matched type, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentException">One of the types is not an exception type.</exception>
    public Type? Check(params Type[] types)
    {
        ArgumentNullException.ThrowIfNull(types);
        foreach (var type in types)
        {
            if (type is null || !typeof(Exception).IsAssignableFrom(type))
            {
                throw new ArgumentException($"Failure.Check takes exception types, but was given {type?.FullName ?? "null"}.", nameof(types));
            }

            if (type.IsInstanceOfType(Exception))
            {
                return type;
            }
        }

        return null;
    }

    /// <summary>
    /// Returns the exception as a <typeparamref name="TException"/>, or rethrows the original exception, with its
    /// original stack, if it is not one. Use it in an errback to handle some failures and pass the rest on.
    /// </summary>
    /// <typeparam name="TException">The exception type to handle, subclasses included.</typeparam>
    /// <returns>The exception.</returns>
    public TException Trap<TException>()
        where TException : Exception
    {
        if (Exception is TException matched)
        {
            return matched;
        }

        _dispatch.Throw();
        throw new UnreachableException();
    }

    /// <summary>
    /// Returns the first of <paramref name="types"/> that the exception is an instance of, or rethrows the original
    /// exception, with its original stack, if none matches.
    /// </summary>
    /// <param name="types">Exception types to handle, subclasses included.</param>
    /// <returns>The first matched type.</returns>
    public Type Trap(params Type[] types)
    {
        var matched = Check(types);
        if (matched is null)
        {
            Throw();
        }

        return matched;
    }

    /// <summary>Rethrows the exception with the stack it had when the failure was made.</summary>
    [DoesNotReturn]
    public void Throw() => _dispatch.Throw();

    /// <summary>Returns the exception type, message and original stack trace.</summary>
    /// <returns>A description of the failure, for logs.</returns>
    public override string ToString() =>
        StackTrace is null
            ? $"[Failure {Type.FullName}: {Message}]"
            : $"[Failure {Type.FullName}: {Message}]{Environment.NewLine}{StackTrace}";
}
