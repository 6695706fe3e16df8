using System.Buffers;
using Trial.Addresses;
using Trial.Transports;

namespace Trial.Fakes.Memory;

/// <summary>
/// A transport that keeps what is written to it in memory and records its other state without acting on it,
/// for testing one protocol at a time: write, then assert on <see cref="Value"/>.
/// </summary>
/// <remarks>
/// <para>
/// Closing only records the request: <see cref="LoseConnection"/> sets <see cref="Disconnecting"/>,
/// <see cref="AbortConnection"/> also sets <see cref="Aborted"/>, and no protocol callback runs (use
/// <see cref="StringTransportWithDisconnection"/> for that). Writes follow the rule every transport
/// follows (see <see cref="ITransport.LoseConnection"/>): once the connection is closing, a write is dropped unless a
/// producer is still registered. (Twisted's <c>StringTransport</c> records them anyway; Trial's fakes agree with
/// its real transports instead.)
/// </para>
/// <para>
/// As a push producer it enforces Twisted's rules: pausing or resuming a stopped transport, or one that is
/// disconnecting, throws <see cref="InvalidOperationException"/> unless the transport was made lenient.
/// </para>
/// </remarks>
public class StringTransport : ITransport
{
    /// <summary>The host address used when none is given: TCP 10.0.0.1 port 12345.</summary>
    public static readonly TcpAddress DefaultHostAddress = new("10.0.0.1", 12345);

    /// <summary>The peer address used when none is given: TCP 192.168.1.1 port 54321.</summary>
    public static readonly TcpAddress DefaultPeerAddress = new("192.168.1.1", 54321);

    private readonly ArrayBufferWriter<byte> _written = new();
    private readonly bool _lenient;

    /// <summary>Initializes a new transport.</summary>
    /// <param name="hostAddress">What <see cref="LocalAddress"/> returns; <see cref="DefaultHostAddress"/> when <see langword="null"/>.</param>
    /// <param name="peerAddress">What <see cref="RemoteAddress"/> returns; <see cref="DefaultPeerAddress"/> when <see langword="null"/>.</param>
    /// <param name="lenient">
    /// <see langword="true"/> to allow pausing and resuming after <see cref="LoseConnection"/>, for a test that does so on
    /// purpose; by default that throws, so code that resumes a closing transport does not go unnoticed.
    /// </param>
    public StringTransport(IAddress? hostAddress = null, IAddress? peerAddress = null, bool lenient = false)
    {
        LocalAddress = hostAddress ?? DefaultHostAddress;
        RemoteAddress = peerAddress ?? DefaultPeerAddress;
        _lenient = lenient;
    }

    /// <inheritdoc/>
    /// <remarks>It stays readable after the connection is closed.</remarks>
    public IAddress LocalAddress { get; }

    /// <inheritdoc/>
    /// <remarks>It stays readable after the connection is closed.</remarks>
    public IAddress RemoteAddress { get; }

    /// <summary>Gets a value indicating whether <see cref="LoseConnection"/> or <see cref="AbortConnection"/> has been called.</summary>
    public bool Disconnecting { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="AbortConnection"/> has been called.</summary>
    public bool Aborted { get; private set; }

    /// <summary>Gets a value indicating whether <see cref="LoseWriteConnection"/> has been called.</summary>
    public bool WriteClosed { get; private set; }

    /// <summary>Gets the registered producer, or <see langword="null"/> when none is.</summary>
    public IProducer? Producer { get; private set; }

    /// <summary>Gets whether the registered producer is streaming (push), or <see langword="null"/> when none is registered.</summary>
    public bool? Streaming { get; private set; }

    /// <summary>Gets the state of this transport as a push producer of the bytes it reads.</summary>
    public ProducerState ProducerState { get; private set; }

    /// <summary>Returns a copy of every byte written since the transport was made or last cleared.</summary>
    /// <returns>The bytes, in the order written.</returns>
    public byte[] Value() => _written.WrittenSpan.ToArray();

    /// <summary>Returns the bytes written since the transport was made or last cleared, without copying them.</summary>
    /// <returns>A view that is valid until the next write or <see cref="Clear"/>.</returns>
    public ReadOnlySpan<byte> ValueSpan() => _written.WrittenSpan;

    /// <summary>Forgets every byte written so far.</summary>
    public void Clear() => _written.Clear();

    /// <inheritdoc/>
    /// <remarks>As on every transport, a write after a close is dropped unless a producer is still registered (see <see cref="ITransport.LoseConnection"/>).</remarks>
    public void Write(ReadOnlySpan<byte> data)
    {
        if (AcceptsWrites)
        {
            _written.Write(data);
        }
    }

    /// <inheritdoc/>
    public void WriteSequence(IEnumerable<ReadOnlyMemory<byte>> data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var buffer in data)
        {
            Write(buffer.Span);
        }
    }

    /// <inheritdoc/>
    /// <remarks>Only sets <see cref="Disconnecting"/>.</remarks>
    public virtual void LoseConnection() => Disconnecting = true;

    /// <inheritdoc/>
    /// <remarks>Only sets <see cref="WriteClosed"/>.</remarks>
    public virtual void LoseWriteConnection() => WriteClosed = true;

    /// <inheritdoc/>
    /// <remarks>Only sets <see cref="Aborted"/> and <see cref="Disconnecting"/>.</remarks>
    public virtual void AbortConnection()
    {
        Aborted = true;
        Disconnecting = true;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">A producer is already registered.</exception>
    public void RegisterProducer(IProducer producer, bool streaming)
    {
        ArgumentNullException.ThrowIfNull(producer);
        if (Producer is not null)
        {
            throw new InvalidOperationException($"Cannot register producer {producer} because producer {Producer} is already registered.");
        }

        Producer = producer;
        Streaming = streaming;
    }

    /// <inheritdoc/>
    public void UnregisterProducer()
    {
        Producer = null;
        Streaming = null;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The transport is stopped, or disconnecting and not lenient.</exception>
    public void PauseProducing()
    {
        CheckCanChangeState("pause");
        ProducerState = ProducerState.Paused;
    }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The transport is stopped, or disconnecting and not lenient.</exception>
    public void ResumeProducing()
    {
        CheckCanChangeState("resume");
        ProducerState = ProducerState.Producing;
    }

    /// <inheritdoc/>
    public void StopProducing() => ProducerState = ProducerState.Stopped;

    private bool AcceptsWrites => (!Disconnecting && !WriteClosed) || (!Aborted && Producer is not null);

    private void CheckCanChangeState(string verb)
    {
        if (Disconnecting && !_lenient)
        {
            throw new InvalidOperationException($"Cannot {verb} producing after LoseConnection or AbortConnection (the transport to {RemoteAddress} is disconnecting).");
        }

        if (ProducerState == ProducerState.Stopped)
        {
            throw new InvalidOperationException($"Cannot {verb} a stopped transport (to {RemoteAddress}).");
        }
    }
}
