using AxonFlow.Core.Identity;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Portal.Sessions;

/// <summary>
/// The <c>axonflow_session</c> cookie: HttpOnly, SameSite=Strict, Path=/, and Secure unless this is a dev deployment
/// answering plain HTTP (so a local <c>http://localhost</c> portal works; production always marks it Secure).
/// </summary>
internal static class SessionCookie
{
    public const string Name = "axonflow_session";

    public static string? Read(HttpRequest request) => request.Cookies.TryGetValue(Name, out var value) && value.Length > 0 ? value : null;

    public static void Write(HttpContext context, AxonFlowSettings settings, string token, TimeSpan lifetime) =>
        context.Response.Cookies.Append(Name, token, Options(context, settings, lifetime));

    public static void Expire(HttpContext context, AxonFlowSettings settings) =>
        context.Response.Cookies.Delete(Name, Options(context, settings, null));

    private static CookieOptions Options(HttpContext context, AxonFlowSettings settings, TimeSpan? lifetime) => new()
    {
        HttpOnly = true,
        Secure = settings.Kind == DeploymentKind.Production || context.Request.IsHttps,
        SameSite = SameSiteMode.Strict,
        Path = "/",
        MaxAge = lifetime,
        IsEssential = true,
    };
}
