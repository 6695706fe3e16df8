using System.Buffers;
using System.Text;
using Examples.KeyValue.Resp;
using Trial.Protocols;

namespace Examples.KeyValue.Tests;

/// <summary>A bare RESP client protocol for server tests: sends commands, collects the replies as text.</summary>
internal sealed class RespProbe : Protocol
{
    private readonly ArrayBufferWriter<byte> _received = new();

    public List<string> Replies { get; } = [];

    public void Send(params string[] arguments)
    {
        var request = new ArrayBufferWriter<byte>();
        RespWriter.WriteArrayHeader(request, arguments.Length);
        foreach (string argument in arguments)
        {
            RespWriter.WriteBulkString(request, Encoding.UTF8.GetBytes(argument));
        }

        Transport!.Write(request.WrittenSpan);
    }

    public void SendRaw(string text) => Transport!.Write(Encoding.UTF8.GetBytes(text));

    public override void DataReceived(ReadOnlySpan<byte> data)
    {
        _received.Write(data);
        var buffer = new ReadOnlySequence<byte>(_received.WrittenMemory);
        while (RespReplyParser.TryRead(ref buffer, out var reply))
        {
            Replies.Add(reply.ToString());
        }

        var rest = buffer.ToArray();
        _received.Clear();
        _received.Write(rest);
    }
}
