using System.Net;
using System.Net.Sockets;

namespace Trial.Sockets;

/// <summary>A non-blocking connect in progress: the socket becomes writable (or fails) when it is done.</summary>
internal sealed class ConnectAttempt(TcpConnector connector, Socket socket, IPEndPoint destination) : IPollable
{
    /// <inheritdoc/>
    public Socket Socket { get; } = socket;

    /// <inheritdoc/>
    public long Key { get; set; }

    /// <inheritdoc/>
    public bool WantsRead => false;

    /// <inheritdoc/>
    public bool WantsWrite => true;

    internal IPEndPoint Destination { get; } = destination;

    /// <inheritdoc/>
    public void OnEvents(PollEvents events) => connector.AttemptReady(this);
}
