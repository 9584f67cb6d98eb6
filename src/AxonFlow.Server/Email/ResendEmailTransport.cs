using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using AxonFlow.Postgres.Email;
using MimeKit;

namespace AxonFlow.Server.Email;

/// <summary>
/// Sends through the Resend HTTP API: <c>POST {base}/emails</c> with Bearer auth and the outbox id as the
/// <c>Idempotency-Key</c>, so a retry after a lost answer is not a second email. 2xx is delivered; 408, 409 (a concurrent
/// request with that key), 429 and 5xx are retried; any other 4xx is permanent.
/// </summary>
internal sealed partial class ResendEmailTransport : IEmailTransport, IDisposable
{
    private readonly HttpClient _http;
    private readonly ResendOptions _options;
    private readonly MailboxAddress _from;

    public ResendEmailTransport(ResendOptions options, MailboxAddress from)
    {
        _options = options;
        _from = from;
        _http = new HttpClient(new SocketsHttpHandler
        {
            UseCookies = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        {
            Timeout = TimeSpan.FromSeconds(30),
        };
    }

    public string Name => "resend";

    public async Task<DeliveryOutcome> SendAsync(ClaimedEmail message, CancellationToken cancellationToken)
    {
        var from = message.Sender is not null && MailboxAddress.TryParse(message.Sender, out var sender) ? sender : _from;
        var body = new ResendEmailRequest(WireAddress(from), [message.Recipient], message.Subject, message.TextBody ?? string.Empty, message.HtmlBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_options.BaseUrl, "emails"))
        {
            Content = JsonContent.Create(body, ResendJsonContext.Default.ResendEmailRequest),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        request.Headers.Add("Idempotency-Key", message.Id.ToString("D"));
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                var accepted = await ReadAsync(response, ResendJsonContext.Default.ResendEmailResponse, cancellationToken);
                return new DeliveryOutcome.Delivered(accepted?.Id is { Length: <= 128 } id ? id : null);
            }

            var error = await ReadAsync(response, ResendJsonContext.Default.ResendErrorResponse, cancellationToken);
            var text = error?.Name is { } name && ErrorName().IsMatch(name) ? $"resend: HTTP {status} {name}" : $"resend: HTTP {status}";
            return status is 408 or 409 or 429 or >= 500
                ? new DeliveryOutcome.Transient(text, response.Headers.RetryAfter?.Delta)
                : new DeliveryOutcome.Permanent(text);
        }
        catch (HttpRequestException ex)
        {
            return new DeliveryOutcome.Transient($"resend: cannot connect ({ex.HttpRequestError})");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new DeliveryOutcome.Transient("resend: timed out");
        }
    }

    public void Dispose() => _http.Dispose();

    private static string WireAddress(MailboxAddress address) =>
        string.IsNullOrEmpty(address.Name) ? address.Address : $"{address.Name.Replace("\"", string.Empty, StringComparison.Ordinal)} <{address.Address}>";

    private static async Task<T?> ReadAsync<T>(HttpResponseMessage response, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            return response.Content.Headers.ContentType?.MediaType == "application/json"
                ? await response.Content.ReadFromJsonAsync(type, cancellationToken)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex("^[a-z_]{1,64}$")]
    private static partial System.Text.RegularExpressions.Regex ErrorName();
}
