namespace Trial.Framing;

/// <summary>
/// A protocol that sends and receives messages prefixed by their length as a big-endian unsigned 16-bit
/// integer (two bytes): Twisted's <c>Int16StringReceiver</c>. Override <see cref="IntNStringReceiver.StringReceived"/>.
/// </summary>
public abstract class Int16StringReceiver : IntNStringReceiver
{
    /// <summary>Initializes a new instance with a 16-bit length prefix.</summary>
    protected Int16StringReceiver()
        : base(prefixLength: 2)
    {
    }
}
