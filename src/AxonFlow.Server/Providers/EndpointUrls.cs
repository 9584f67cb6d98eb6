namespace AxonFlow.Server.Providers;

/// <summary>Validates provider base URLs and turns them into the request URL each wire format posts to.</summary>
internal static class EndpointUrls
{
    public static Uri? Read(string value, string name, List<string> errors)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"{name} must be an absolute http or https URL, but was '{Printable(value)}'.");
            return null;
        }

        if (uri.UserInfo.Length > 0)
        {
            // The value is not echoed: its user-info part is a credential.
            errors.Add($"{name} must not carry credentials in the URL; use the provider's API key variable instead.");
            return null;
        }

        if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            errors.Add($"{name} must be a base URL without a query or fragment, but was '{Printable(value)}'.");
            return null;
        }

        return uri;
    }

    public static Uri OpenAiChat(Uri baseUri) => WithPath(baseUri, "/v1/chat/completions", "/chat/completions");

    public static Uri AnthropicMessages(Uri baseUri) => WithPath(baseUri, "/v1/messages", "/messages");

    public static Uri AzureDeployment(Uri baseUri, string deployment, string apiVersion) => new UriBuilder(baseUri)
    {
        Path = baseUri.AbsolutePath.TrimEnd('/') + "/openai/deployments/" + Uri.EscapeDataString(deployment) + "/chat/completions",
        Query = "api-version=" + Uri.EscapeDataString(apiVersion),
    }.Uri;

    /// <summary>
    /// Accepts a bare host (<c>https://api.openai.com</c>), a <c>/v1</c> base URL as vLLM and Ollama document it, or the
    /// full request URL as the Go agent took it, and yields the request URL in every case.
    /// </summary>
    private static Uri WithPath(Uri baseUri, string fullPath, string afterVersion)
    {
        var path = baseUri.AbsolutePath.TrimEnd('/');
        if (path.EndsWith(fullPath, StringComparison.Ordinal))
        {
            return baseUri;
        }

        path = path.EndsWith("/v1", StringComparison.Ordinal) ? path + afterVersion : path + fullPath;
        return new UriBuilder(baseUri) { Path = path }.Uri;
    }

    private static string Printable(string value) => value.Length > 64 ? value[..64] + "…" : value;
}
