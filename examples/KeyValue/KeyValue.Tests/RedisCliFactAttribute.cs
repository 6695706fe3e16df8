namespace Examples.KeyValue.Tests;

/// <summary>A fact that needs <c>redis-cli</c> (Debian's <c>redis-tools</c>); skipped where it is not installed.</summary>
public sealed class RedisCliFactAttribute : FactAttribute
{
    /// <summary>Gets the path of redis-cli, or <see langword="null"/> when it is not on the PATH.</summary>
    public static string? RedisCli { get; } = (Environment.GetEnvironmentVariable("PATH") ?? "")
        .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
        .Select(directory => Path.Combine(directory, "redis-cli"))
        .FirstOrDefault(File.Exists);

    /// <summary>Initializes the attribute, skipping the test when redis-cli is missing.</summary>
    public RedisCliFactAttribute()
    {
        if (RedisCli is null)
        {
            Skip = "redis-cli is not installed (apt-get install redis-tools)";
        }
    }
}
