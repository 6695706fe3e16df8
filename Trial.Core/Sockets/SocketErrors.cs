using System.Net.Sockets;
using Trial.Errors;

namespace Trial.Sockets;

/// <summary>Maps socket errors to Trial's disconnect and connect-failure reasons.</summary>
internal static class SocketErrors
{
    /// <summary>The reason an established connection ended with <paramref name="error"/>.</summary>
    internal static ConnectionClosedException Lost(SocketError error, string where)
    {
        var inner = new SocketException((int)error);
        string message = $"{where}: {error} ({inner.Message})";
        return error switch
        {
            SocketError.ConnectionReset or SocketError.Shutdown => new ConnectionResetException($"The connection was reset by the peer. {message}", inner),
            SocketError.TimedOut => new ConnectionTimedOutException($"The connection timed out. {message}", inner),
            _ => new ConnectionLostException($"The connection was lost. {message}", inner),
        };
    }

    /// <summary>The reason a connection attempt to <paramref name="destination"/> failed with <paramref name="error"/>.</summary>
    internal static ConnectException ConnectFailed(SocketError error, object destination)
    {
        var inner = new SocketException((int)error);
        string message = $"Connecting to {destination} failed: {error} ({inner.Message})";
        return error switch
        {
            SocketError.ConnectionRefused => new ConnectionRefusedException(message, inner),
            SocketError.HostUnreachable or SocketError.NetworkUnreachable or SocketError.NetworkDown or SocketError.HostDown => new NoRouteException(message, inner),
            SocketError.TimedOut => new ConnectAttemptTimedOutException(message, inner),
            _ => new ConnectException(message, inner),
        };
    }
}
