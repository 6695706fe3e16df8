using Trial.Streams;

namespace Trial.Tests.Support;

/// <summary>An echo server written as async stream code, the same on every reactor.</summary>
internal static class StreamEcho
{
    /// <summary>Accepts one connection and echoes what it reads until the client closes its side, then closes.</summary>
    /// <param name="listener">The listener to accept from.</param>
    /// <returns>A task that completes once the connection is closed.</returns>
    public static async Task ServeOneAsync(StreamListener listener)
    {
        var connection = await listener.AcceptAsync();
        var buffer = new byte[1024];
        int n;
        while ((n = await connection.Stream.ReadAsync(buffer)) > 0)
        {
            await connection.Stream.WriteAsync(buffer.AsMemory(0, n));
        }

        await connection.Stream.DisposeAsync();
    }
}
