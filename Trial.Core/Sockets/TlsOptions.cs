using System.Net.Security;
using System.Reflection;

namespace Trial.Sockets;

/// <summary>Copies of the caller's TLS options, so the reactor never changes what it was handed.</summary>
internal static class TlsOptions
{
    // Every settable public property, so options added by later .NET versions are copied too.
    private static readonly PropertyInfo[] ClientProperties = typeof(SslClientAuthenticationOptions)
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.CanRead && p.CanWrite && p.GetIndexParameters().Length == 0)
        .ToArray();

    /// <summary>Copies <paramref name="options"/>, with <paramref name="host"/> as the target host when it names none.</summary>
    internal static SslClientAuthenticationOptions ForHost(SslClientAuthenticationOptions options, string host)
    {
        var copy = new SslClientAuthenticationOptions();
        foreach (var property in ClientProperties)
        {
            property.SetValue(copy, property.GetValue(options));
        }

        if (string.IsNullOrEmpty(copy.TargetHost))
        {
            copy.TargetHost = host;
        }

        return copy;
    }
}
