namespace AxonFlow.Core.Credentials;

/// <summary>
/// Argon2id work factors (parallelism is always 1, libsodium's only value). The default is OWASP's minimum for Argon2id:
/// 19 MiB of memory, 2 passes. Every hash records the cost it was made with, so raising it later rehashes on next login.
/// </summary>
public sealed record Argon2Cost(int MemoryKib, int Passes)
{
    public const int MinMemoryKib = 8;
    public const int MaxMemoryKib = 1024 * 1024;
    public const int MaxPasses = 16;

    public static Argon2Cost Default { get; } = new(19 * 1024, 2);

    public bool IsValid => MemoryKib is >= MinMemoryKib and <= MaxMemoryKib && Passes is >= 1 and <= MaxPasses;

    /// <summary>True when this cost is cheaper than <paramref name="target"/> in either dimension.</summary>
    public bool IsWeakerThan(Argon2Cost target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return MemoryKib < target.MemoryKib || Passes < target.Passes;
    }
}
