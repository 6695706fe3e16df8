using System.IO.Pipelines;

namespace Trial.Streams;

/// <summary>The two halves of a <see cref="StreamProtocol"/>'s connection as one <see cref="IDuplexPipe"/>.</summary>
internal sealed class ConnectionPipe(PipeReader input, PipeWriter output) : IDuplexPipe
{
    /// <inheritdoc/>
    public PipeReader Input { get; } = input;

    /// <inheritdoc/>
    public PipeWriter Output { get; } = output;
}
