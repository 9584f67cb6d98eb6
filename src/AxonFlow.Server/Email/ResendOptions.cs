namespace AxonFlow.Server.Email;

/// <summary>The Resend HTTP API (<c>RESEND_API_KEY</c>, <c>AXONFLOW_RESEND_BASE_URL</c>). <see cref="ApiKey"/> is never logged or printed.</summary>
public sealed record ResendOptions(string ApiKey, Uri BaseUrl)
{
    public static readonly Uri DefaultBaseUrl = new("https://api.resend.com/");

    public override string ToString() => $"ResendOptions {{ BaseUrl = {BaseUrl} }}";
}
