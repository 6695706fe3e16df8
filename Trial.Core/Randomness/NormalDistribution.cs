namespace Trial.Randomness;

/// <summary>Normally distributed draws from an <see cref="IRandomSource"/>.</summary>
internal static class NormalDistribution
{
    // 4 * exp(-0.5) / sqrt(2), as Python's random.NV_MAGICCONST; a literal so every platform uses the same bits.
    private const double MagicConstant = 1.7155277699214135;

    /// <summary>
    /// Returns a normally distributed value with the given mean and standard deviation, by the Kinderman–Monahan
    /// ratio-of-uniforms method that Python's <c>random.normalvariate</c> (and so Twisted's reconnect jitter) uses.
    /// </summary>
    /// <remarks>Each attempt draws two uniform values; about 73% of attempts are accepted.</remarks>
    public static double NextNormal(this IRandomSource random, double mean, double standardDeviation)
    {
        ArgumentNullException.ThrowIfNull(random);
        while (true)
        {
            double u1 = random.NextDouble();
            double u2 = 1.0 - random.NextDouble();
            double z = MagicConstant * (u1 - 0.5) / u2;
            if (z * z / 4.0 <= -Math.Log(u2))
            {
                return mean + (z * standardDeviation);
            }
        }
    }
}
