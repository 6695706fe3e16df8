using System.Net.Sockets;
using Trial.Errors;

namespace Trial.Fakes.Memory;

/// <summary>
/// A <see cref="MemoryReactor"/> whose listen calls throw one given exception and whose connect calls throw another,
/// for testing how code handles a reactor that refuses. Nothing is recorded for a refused call.
/// </summary>
public sealed class RaisingMemoryReactor : MemoryReactor
{
    /// <summary>Initializes a new reactor.</summary>
    /// <param name="listenException">What every listen call throws; a <see cref="SocketException"/> for "address already in use" when <see langword="null"/>.</param>
    /// <param name="connectException">What every connect call throws; a <see cref="ConnectionRefusedException"/> when <see langword="null"/>.</param>
    public RaisingMemoryReactor(Exception? listenException = null, Exception? connectException = null)
    {
        ListenException = listenException ?? new SocketException((int)SocketError.AddressAlreadyInUse);
        ConnectException = connectException ?? new ConnectionRefusedException("RaisingMemoryReactor refuses every connection attempt.");
    }

    /// <summary>Gets what every listen call throws.</summary>
    public Exception ListenException { get; }

    /// <summary>Gets what every connect call throws.</summary>
    public Exception ConnectException { get; }

    /// <inheritdoc/>
    private protected override void BeforeListen() => throw ListenException;

    /// <inheritdoc/>
    private protected override void BeforeConnect() => throw ConnectException;
}
