namespace Examples.KeyValue.Resp;

/// <summary>The five kinds of RESP2 reply.</summary>
public enum RespReplyKind
{
    /// <summary>A simple string: <c>+OK</c>.</summary>
    SimpleString,

    /// <summary>An error: <c>-ERR message</c>.</summary>
    Error,

    /// <summary>An integer: <c>:42</c>.</summary>
    Integer,

    /// <summary>A bulk string, or the null bulk string: <c>$5\r\nhello</c>, <c>$-1</c>.</summary>
    BulkString,

    /// <summary>An array, or the null array: <c>*2</c>, <c>*-1</c>.</summary>
    Array,
}
