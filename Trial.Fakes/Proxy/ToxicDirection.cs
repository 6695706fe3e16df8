namespace Trial.Fakes.Proxy;

/// <summary>Which way through the proxy a toxic acts, in toxiproxy's words.</summary>
public enum ToxicDirection
{
    /// <summary>From the upstream server to the client.</summary>
    Downstream,

    /// <summary>From the client to the upstream server.</summary>
    Upstream,
}
