using System.Text;

namespace AxonFlow.Server.Billing;

/// <summary>Reads the raw webhook body (the signature covers the exact bytes) up to a cap; Stripe events are well under 64 KiB.</summary>
internal static class StripeWebhookBody
{
    public const int MaxBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The body as text; <see cref="BodyText.TooLarge"/> past the cap, <see cref="BodyText.NotUtf8"/> for invalid UTF-8.</summary>
    public static async Task<BodyText> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (await Http.BoundedRequestBody.ReadAsync(request, MaxBytes, cancellationToken) is not { } body)
        {
            return BodyText.TooLarge;
        }

        try
        {
            return new BodyText(StrictUtf8.GetString(body.Span), false);
        }
        catch (DecoderFallbackException)
        {
            return BodyText.NotUtf8;
        }
    }
}

internal sealed record BodyText(string? Text, bool Oversize)
{
    public static BodyText TooLarge { get; } = new(null, true);

    public static BodyText NotUtf8 { get; } = new(null, false);
}
