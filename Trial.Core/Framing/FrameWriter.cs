using System.Buffers;
using Trial.Transports;

namespace Trial.Framing;

/// <summary>Writes a frame made of up to three parts as one <see cref="IConsumer.Write"/>, as Twisted does.</summary>
internal static class FrameWriter
{
    private const int StackLimit = 256;

    /// <summary>Writes <paramref name="first"/>, <paramref name="second"/> and <paramref name="third"/> in one call.</summary>
    /// <remarks>
    /// One write keeps a frame in one segment on a real socket. The joined copy lives on the stack or in a pooled
    /// array, which is safe to return at once because <see cref="IConsumer.Write"/> copies before it returns.
    /// </remarks>
    public static void Write(ITransport? transport, string sender, ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, ReadOnlySpan<byte> third = default)
    {
        if (transport is null)
        {
            throw new InvalidOperationException($"{sender} cannot send before it is connected to a transport.");
        }

        int total = checked(first.Length + second.Length + third.Length);
        byte[]? rented = null;
        Span<byte> frame = total <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(total));
        try
        {
            first.CopyTo(frame);
            second.CopyTo(frame[first.Length..]);
            third.CopyTo(frame[(first.Length + second.Length)..]);
            transport.Write(frame[..total]);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
