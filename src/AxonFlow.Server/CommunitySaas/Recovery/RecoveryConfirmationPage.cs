using System.Text.Encodings.Web;

namespace AxonFlow.Server.CommunitySaas.Recovery;

/// <summary>
/// The page a magic link opens: it changes nothing (an email scanner that follows the link cannot burn the token) and
/// asks the person to confirm with a POST. The token is HTML-encoded into the form; the page sends no referrer, is never
/// cached, and its CSP allows nothing but the form post to this origin.
/// </summary>
internal static class RecoveryConfirmationPage
{
    public const string ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public static IResult Render(HttpContext context, string token)
    {
        SetHeaders(context.Response);
        var encoded = HtmlEncoder.Default.Encode(token);
        var html = $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="referrer" content="no-referrer">
            <title>Recover your AxonFlow credentials</title>
            <style>body{"{"}font-family:sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem{"}"}</style>
            </head>
            <body>
            <h1>Recover your AxonFlow credentials</h1>
            <p>Confirming issues new secrets for the tenants registered with your address. The old secrets stop working at once.
            Each new secret is shown only once.</p>
            <form method="post" action="/api/v1/recover/verify">
            <input type="hidden" name="token" value="{encoded}">
            <button type="submit">Issue new credentials</button>
            </form>
            </body>
            </html>
            """;
        return TypedResults.Content(html, "text/html; charset=utf-8");
    }

    public static void SetHeaders(HttpResponse response)
    {
        response.Headers["Referrer-Policy"] = "no-referrer";
        response.Headers.CacheControl = "no-store";
        response.Headers.Pragma = "no-cache";
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.XFrameOptions = "DENY";
    }
}
