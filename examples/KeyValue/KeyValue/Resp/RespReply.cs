namespace Examples.KeyValue.Resp;

/// <summary>One RESP2 reply from a server.</summary>
/// <param name="Kind">Which kind of reply it is.</param>
/// <param name="Text">The text of a simple string or an error; otherwise <see langword="null"/>.</param>
/// <param name="Integer">The value of an integer reply; otherwise 0.</param>
/// <param name="Bulk">The bytes of a bulk string; <see langword="null"/> for the null bulk string and other kinds.</param>
/// <param name="Elements">The elements of an array; <see langword="null"/> for the null array and other kinds.</param>
public sealed record RespReply(RespReplyKind Kind, string? Text = null, long Integer = 0, byte[]? Bulk = null, IReadOnlyList<RespReply>? Elements = null)
{
    /// <summary>Gets a value indicating whether this is the null bulk string or the null array (RESP2's "nothing").</summary>
    public bool IsNull => (Kind == RespReplyKind.BulkString && Bulk is null) || (Kind == RespReplyKind.Array && Elements is null);

    /// <inheritdoc/>
    public override string ToString() => Kind switch
    {
        RespReplyKind.SimpleString => "+" + Text,
        RespReplyKind.Error => "-" + Text,
        RespReplyKind.Integer => ":" + Integer.ToString(System.Globalization.CultureInfo.InvariantCulture),
        RespReplyKind.BulkString => Bulk is null ? "(nil)" : "\"" + System.Text.Encoding.UTF8.GetString(Bulk) + "\"",
        _ => Elements is null ? "(nil)" : "[" + string.Join(", ", Elements) + "]",
    };
}
