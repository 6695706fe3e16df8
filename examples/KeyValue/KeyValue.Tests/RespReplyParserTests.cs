using System.Buffers;
using System.Text;
using Examples.KeyValue.Resp;

namespace Examples.KeyValue.Tests;

public sealed class RespReplyParserTests
{
    [Fact]
    public void Every_kind_of_reply_parses_and_a_cut_reply_waits_for_the_rest()
    {
        var bytes = Encoding.ASCII.GetBytes("+OK\r\n-ERR bad\r\n:-42\r\n$5\r\nhe\r\nl\r\n$-1\r\n*2\r\n$1\r\na\r\n:1\r\n*-1\r\n");
        var expected = new[] { "+OK", "-ERR bad", ":-42", "\"he\r\nl\"", "(nil)", "[\"a\", :1]", "(nil)" };

        for (int cut = 0; cut <= bytes.Length; cut++)
        {
            var replies = new List<string>();
            var first = new ReadOnlySequence<byte>(bytes, 0, cut);
            while (RespReplyParser.TryRead(ref first, out var reply))
            {
                replies.Add(reply.ToString());
            }

            var rest = new ReadOnlySequence<byte>(bytes, cut - (int)first.Length, bytes.Length - cut + (int)first.Length);
            while (RespReplyParser.TryRead(ref rest, out var reply))
            {
                replies.Add(reply.ToString());
            }

            replies.Should().Equal(expected, $"the replies cut after byte {cut} parse the same");
            rest.Length.Should().Be(0);
        }
    }
}
