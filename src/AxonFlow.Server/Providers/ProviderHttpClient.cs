using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using AxonFlow.Core.Platform;

namespace AxonFlow.Server.Providers;

/// <summary>
/// The one long-lived connection pool to one provider, and the JSON POST every wire format shares. Transport faults,
/// error statuses and unreadable bodies become <see cref="ProviderReply.Failed"/> values; cancellation propagates.
/// </summary>
internal sealed class ProviderHttpClient : IDisposable
{
    private const int MaxResponseBytes = 8 * 1024 * 1024;
    private const int MaxErrorBytes = 4 * 1024;
    private const int ExcerptChars = 160;

    private static readonly MediaTypeHeaderValue JsonMediaType = new("application/json") { CharSet = "utf-8" };
    private static readonly ProductInfoHeaderValue UserAgent = new("axonflow", PlatformVersion.Version);

    private readonly ProviderEndpoint _endpoint;
    private readonly HttpMessageInvoker _invoker;

    public ProviderHttpClient(ProviderEndpoint endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        _endpoint = endpoint;

        // HttpMessageInvoker rather than HttpClient: nothing is buffered behind our back and no global timeout competes with
        // the router's per-provider one. Redirects are refused so a key is never replayed to another host. The system proxy
        // (HTTPS_PROXY) stays honoured: egress to public providers often has to go through one.
        _invoker = new HttpMessageInvoker(
            new SocketsHttpHandler
            {
                UseCookies = false,
                AllowAutoRedirect = false,
                AutomaticDecompression = DecompressionMethods.None,
                ConnectTimeout = endpoint.Timeout < ProviderDefaults.MaxConnectTimeout ? endpoint.Timeout : ProviderDefaults.MaxConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            },
            disposeHandler: true);
    }

    public async Task<UpstreamResponse<TResponse>> PostAsync<TRequest, TResponse>(
        TRequest body,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Action<HttpRequestHeaders> addHeaders,
        CancellationToken cancellationToken)
        where TResponse : class
    {
        ArgumentNullException.ThrowIfNull(addHeaders);
        var name = _endpoint.Name;
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint.RequestUri);
        request.Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(body, requestType));
        request.Content.Headers.ContentType = JsonMediaType;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        request.Headers.UserAgent.Add(UserAgent);
        addHeaders(request.Headers);

        HttpResponseMessage response;
        try
        {
            response = await _invoker.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            return UpstreamResponse<TResponse>.Fail($"{name} could not be reached ({Describe(ex)})");
        }

        using (response)
        {
            var status = (int)response.StatusCode;
            var success = response.IsSuccessStatusCode;
            byte[]? bytes;
            try
            {
                bytes = await ReadAsync(response.Content, success ? MaxResponseBytes : MaxErrorBytes, truncate: !success, cancellationToken);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException)
            {
                return UpstreamResponse<TResponse>.Fail($"{name} dropped the connection while answering (HTTP {status})");
            }

            if (!success)
            {
                var fault = status is not (>= 400 and < 500) || status is 401 or 403 or 408 or 429;
                return UpstreamResponse<TResponse>.Fail($"{name} answered HTTP {status}{Excerpt(bytes)}", fault);
            }

            if (bytes is null)
            {
                return UpstreamResponse<TResponse>.Fail($"{name} answered more than {MaxResponseBytes} bytes");
            }

            try
            {
                return JsonSerializer.Deserialize(bytes, responseType) is { } value
                    ? UpstreamResponse<TResponse>.Ok(value)
                    : UpstreamResponse<TResponse>.Fail($"{name} answered with malformed JSON (null)");
            }
            catch (JsonException)
            {
                return UpstreamResponse<TResponse>.Fail($"{name} answered with malformed JSON");
            }
        }
    }

    public void Dispose() => _invoker.Dispose();

    /// <summary>Reads at most <paramref name="limit"/> bytes: the whole body, the first part of it, or null when it is larger and may not be cut.</summary>
    private static async Task<byte[]?> ReadAsync(HttpContent content, int limit, bool truncate, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            var room = limit - (int)buffer.Length;
            if (read > room)
            {
                if (!truncate)
                {
                    return null;
                }

                buffer.Write(chunk, 0, room);
                break;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>A one-line, bounded excerpt of an error body, with the provider's own key masked should an upstream echo it.</summary>
    private string Excerpt(byte[]? bytes)
    {
        if (bytes is not { Length: > 0 })
        {
            return string.Empty;
        }

        var text = Encoding.UTF8.GetString(bytes);
        if (_endpoint.ApiKey is { } key)
        {
            text = text.Replace(key, "[redacted]", StringComparison.Ordinal);
        }

        var builder = new StringBuilder(ExcerptChars + 1);
        foreach (var c in text)
        {
            if (builder.Length == ExcerptChars)
            {
                builder.Append('…');
                break;
            }

            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return ": " + builder.ToString().Trim();
    }

    private static string Describe(HttpRequestException ex)
    {
        var what = ex.HttpRequestError switch
        {
            HttpRequestError.ConnectionError => "connection failed",
            HttpRequestError.NameResolutionError => "name resolution failed",
            HttpRequestError.SecureConnectionError => "TLS handshake failed",
            HttpRequestError.ProxyTunnelError => "proxy tunnel failed",
            HttpRequestError.ResponseEnded => "connection closed before the answer",
            HttpRequestError.HttpProtocolError or HttpRequestError.InvalidResponse => "protocol error",
            _ => "request failed",
        };
        return ex.InnerException is SocketException socket ? $"{what}: {socket.SocketErrorCode}" : what;
    }
}
