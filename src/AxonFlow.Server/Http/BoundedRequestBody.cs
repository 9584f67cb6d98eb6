namespace AxonFlow.Server.Http;

/// <summary>
/// Reads a request body up to a cap, counting while reading: a chunked upload or a lying <c>Content-Length</c> gets the
/// same refusal as an honest oversize one, and never more than cap + 1 bytes are read.
/// </summary>
internal static class BoundedRequestBody
{
    /// <summary>The body's bytes, or null when it is larger than <paramref name="maxBytes"/>.</summary>
    public static async Task<ReadOnlyMemory<byte>?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        var buffer = new byte[maxBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        if (length > maxBytes)
        {
            // Not folded into a conditional: null would convert to an empty Memory<byte> (through byte[]), not to "none".
            return null;
        }

        return buffer.AsMemory(0, length);
    }
}
