namespace Trial.Framing;

/// <summary>What was wrong with a netstring: Twisted's three <c>NetstringParseError</c> messages.</summary>
internal enum NetstringError
{
    /// <summary>The data does not start with a length specification (digits, no leading zero, then a colon).</summary>
    MissingLength,

    /// <summary>The length specification exceeds the receiver's maximum.</summary>
    TooLong,

    /// <summary>The payload is not followed by a comma.</summary>
    MissingComma,
}
