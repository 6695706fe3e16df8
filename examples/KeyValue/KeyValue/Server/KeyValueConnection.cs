using System.Buffers;
using Examples.KeyValue.Resp;
using Trial.Protocols;

namespace Examples.KeyValue.Server;

/// <summary>
/// One client's connection to the key-value server: parses the commands as they arrive (in any slices), runs
/// them in order, and sends the replies of everything that arrived together in one write, so pipelined commands
/// cost one write per read.
/// </summary>
/// <remarks>
/// A request that is not RESP2 gets Redis's <c>-ERR Protocol error: ...</c> reply, then the connection closes.
/// <c>QUIT</c> replies <c>+OK</c> and closes after the reply is sent.
/// </remarks>
public sealed class KeyValueConnection(CommandProcessor processor) : Protocol
{
    private readonly CommandProcessor _processor = processor ?? throw new ArgumentNullException(nameof(processor));
    private readonly InputBuffer _input = new();
    private readonly ArrayBufferWriter<byte> _output = new(256);
    private readonly List<Range> _arguments = [];

    /// <inheritdoc/>
    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        if (Transport is null or { Disconnecting: true })
        {
            return;
        }

        _input.Append(data);
        bool close = false;
        try
        {
            while (!close && RespRequestParser.TryParse(_input.Span, _arguments, out int consumed))
            {
                if (_arguments.Count > 0)
                {
                    close = _processor.Execute(_input.Span, _arguments, _output);
                }

                _input.Consume(consumed);
            }
        }
        catch (RespProtocolException e)
        {
            RespWriter.WriteError(_output, "ERR Protocol error: " + e.Message);
            close = true;
        }

        if (_output.WrittenCount > 0)
        {
            Transport.Write(_output.WrittenSpan);
            _output.ResetWrittenCount();
        }

        if (close)
        {
            Transport.LoseConnection();
        }
    }
}
