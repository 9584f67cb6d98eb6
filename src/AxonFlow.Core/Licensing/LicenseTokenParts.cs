namespace AxonFlow.Core.Licensing;

/// <summary>A token that passed the strict structural checks; nothing in it is trusted until the signature verifies.</summary>
/// <param name="SignedBytes">The exact bytes the signature covers: the ASCII text <c>AXON-&lt;payload segment&gt;</c>.</param>
/// <param name="Payload">The decoded payload (JSON, not yet parsed).</param>
/// <param name="Signature">The decoded signature, exactly 64 bytes.</param>
public sealed record LicenseTokenParts(byte[] SignedBytes, byte[] Payload, byte[] Signature);
