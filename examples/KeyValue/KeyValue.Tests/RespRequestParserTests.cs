using System.Text;
using Examples.KeyValue.Resp;

namespace Examples.KeyValue.Tests;

public sealed class RespRequestParserTests
{
    private static List<string> Parse(string text, out int consumed)
    {
        var bytes = Encoding.ASCII.GetBytes(text);
        var arguments = new List<Range>();
        RespRequestParser.TryParse(bytes, arguments, out consumed).Should().BeTrue();
        return arguments.Select(r => Encoding.ASCII.GetString(bytes[r])).ToList();
    }

    [Fact]
    public void An_array_of_bulk_strings_is_one_command()
    {
        Parse("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$5\r\nhello\r\n*1\r\n", out int consumed).Should().Equal("SET", "k", "hello");
        consumed.Should().Be(31);
    }

    [Fact]
    public void An_inline_command_splits_on_spaces()
    {
        Parse("  get   key\r\nPING\r\n", out int consumed).Should().Equal("get", "key");
        consumed.Should().Be(13);
    }

    [Fact]
    public void A_command_cut_anywhere_waits_for_the_rest()
    {
        var bytes = "*3\r\n$3\r\nSET\r\n$3\r\nk\r\n\r\n$2\r\n\0\n\r\n"u8.ToArray();
        var arguments = new List<Range>();
        for (int cut = 0; cut < bytes.Length; cut++)
        {
            RespRequestParser.TryParse(bytes.AsSpan(0, cut), arguments, out int consumed).Should().BeFalse($"{cut} bytes are not a whole command");
            consumed.Should().Be(0);
        }

        RespRequestParser.TryParse(bytes, arguments, out int all).Should().BeTrue();
        all.Should().Be(bytes.Length);
        arguments.Select(r => bytes[r]).Should().BeEquivalentTo(new[] { "SET"u8.ToArray(), "k\r\n"u8.ToArray(), "\0\n"u8.ToArray() }, "bulk strings are binary-safe");
    }

    [Theory]
    [InlineData("*x\r\n", "invalid multibulk length 'x'")]
    [InlineData("*1\r\n+GET\r\n", "expected '$', got '+'")]
    [InlineData("*1\r\n$-5\r\n", "invalid bulk length -5")]
    [InlineData("*1\r\n$3\r\nGETxx", "bulk string of length 3 is not followed by CRLF")]
    [InlineData("*99999\r\n", "invalid multibulk length 99999")]
    public void Bad_requests_are_protocol_errors_that_name_the_bad_value(string request, string message)
    {
        var act = () => RespRequestParser.TryParse(Encoding.ASCII.GetBytes(request), [], out _);

        act.Should().Throw<RespProtocolException>().WithMessage(message);
    }
}
