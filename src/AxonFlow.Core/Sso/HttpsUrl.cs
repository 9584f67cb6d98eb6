namespace AxonFlow.Core.Sso;

/// <summary>The URLs an identity provider is reached at: absolute https, a host, no credentials, a sane length.</summary>
internal static class HttpsUrl
{
    public const int MaxLength = 2048;

    public static string? Problem(string value, bool allowQuery)
    {
        if (value.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || uri.Host.Length == 0)
        {
            return "must be an absolute https URL";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "must not contain credentials";
        }

        return !allowQuery && (uri.Query.Length > 0 || uri.Fragment.Length > 0) ? "must not have a query or fragment" : null;
    }
}
