using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace AxonFlow.IntegrationTests.Email;

/// <summary>
/// A small SMTP server on loopback speaking the real protocol (RFC 5321: greeting, EHLO, AUTH PLAIN, MAIL, RCPT, DATA with
/// dot-unstuffing, RSET, QUIT), so tests assert the conversation MailKit actually had. Replies to RCPT and to the end of
/// DATA can be set to make it refuse mail, temporarily (4xx) or permanently (5xx).
/// </summary>
public sealed class LoopbackSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    private LoopbackSmtpServer(TcpListener listener, (string User, string Password)? credentials)
    {
        _listener = listener;
        Credentials = credentials;
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>When set, AUTH PLAIN is offered and MAIL is refused (530) until these credentials are given.</summary>
    public (string User, string Password)? Credentials { get; }

    /// <summary>Every message accepted (250 after DATA), in order.</summary>
    public ConcurrentQueue<SmtpDelivery> Deliveries { get; } = new();

    /// <summary>Every command line a client sent, per connection in order (AUTH lines included as sent).</summary>
    public ConcurrentQueue<string> Commands { get; } = new();

    /// <summary>The reply to every RCPT TO; null for 250.</summary>
    public string? RecipientReply { get; set; }

    /// <summary>The reply to the end of DATA; null for 250 (accepted).</summary>
    public string? DataReply { get; set; }

    /// <summary>A pause before accepting each message, so concurrent clients overlap.</summary>
    public TimeSpan AcceptDelay { get; set; }

    public static LoopbackSmtpServer Start(int port = 0, (string User, string Password)? credentials = null)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        return new LoopbackSmtpServer(listener, credentials);
    }

    /// <summary>A loopback port nothing listens on (yet): connections to it are refused.</summary>
    public static int UnusedPort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.Latin1);
                await using var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
                await new Session(this, reader, writer).RunAsync(_stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The client went away or the server is stopping.
            }
        }
    }

    private sealed class Session(LoopbackSmtpServer server, StreamReader reader, StreamWriter writer)
    {
        private string? _authenticatedUser;
        private string? _mailFrom;
        private readonly List<string> _recipients = [];

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            await writer.WriteLineAsync("220 loopback.test ESMTP ready");
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                server.Commands.Enqueue(line);
                var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-loopback.test");
                        if (server.Credentials is not null)
                        {
                            await writer.WriteLineAsync("250-AUTH PLAIN");
                        }

                        await writer.WriteLineAsync("250 HELP");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 loopback.test");
                        break;
                    case "AUTH":
                        await AuthenticateAsync(line, cancellationToken);
                        break;
                    case "MAIL":
                        if (server.Credentials is not null && _authenticatedUser is null)
                        {
                            await writer.WriteLineAsync("530 5.7.0 Authentication required");
                            break;
                        }

                        _mailFrom = Angle(line);
                        _recipients.Clear();
                        await writer.WriteLineAsync("250 2.1.0 Ok");
                        break;
                    case "RCPT":
                        if (server.RecipientReply is { } refusal)
                        {
                            await writer.WriteLineAsync(refusal);
                            break;
                        }

                        _recipients.Add(Angle(line));
                        await writer.WriteLineAsync("250 2.1.5 Ok");
                        break;
                    case "DATA":
                        await ReceiveDataAsync(cancellationToken);
                        break;
                    case "RSET":
                        _mailFrom = null;
                        _recipients.Clear();
                        await writer.WriteLineAsync("250 2.0.0 Ok");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 2.0.0 Ok");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 2.0.0 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not recognized");
                        break;
                }
            }
        }

        private async Task AuthenticateAsync(string line, CancellationToken cancellationToken)
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (server.Credentials is not { } expected || parts.Length < 2 || !parts[1].Equals("PLAIN", StringComparison.OrdinalIgnoreCase))
            {
                await writer.WriteLineAsync("504 5.5.4 Unrecognized authentication type");
                return;
            }

            var response = parts.Length > 2 ? parts[2] : null;
            if (response is null)
            {
                await writer.WriteLineAsync("334 ");
                response = await reader.ReadLineAsync(cancellationToken) ?? string.Empty;
            }

            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
            if (fields.Length == 3 && fields[1] == expected.User && fields[2] == expected.Password)
            {
                _authenticatedUser = fields[1];
                await writer.WriteLineAsync("235 2.7.0 Authentication successful");
            }
            else
            {
                await writer.WriteLineAsync("535 5.7.8 Authentication credentials invalid");
            }
        }

        private async Task ReceiveDataAsync(CancellationToken cancellationToken)
        {
            if (_mailFrom is null || _recipients.Count == 0)
            {
                await writer.WriteLineAsync("503 5.5.1 Bad sequence of commands");
                return;
            }

            await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
            var data = new StringBuilder();
            while (await reader.ReadLineAsync(cancellationToken) is { } line && line != ".")
            {
                data.Append(line.StartsWith("..", StringComparison.Ordinal) ? line[1..] : line).Append("\r\n");
            }

            if (server.AcceptDelay > TimeSpan.Zero)
            {
                await Task.Delay(server.AcceptDelay, cancellationToken);
            }

            if (server.DataReply is { } refusal)
            {
                await writer.WriteLineAsync(refusal);
                return;
            }

            server.Deliveries.Enqueue(new SmtpDelivery(_mailFrom, [.. _recipients], Encoding.Latin1.GetBytes(data.ToString()), _authenticatedUser));
            await writer.WriteLineAsync("250 2.0.0 Ok: queued");
        }

        private static string Angle(string line)
        {
            var start = line.IndexOf('<', StringComparison.Ordinal);
            var end = line.IndexOf('>', StringComparison.Ordinal);
            return start >= 0 && end > start ? line[(start + 1)..end] : string.Empty;
        }
    }
}

/// <summary>One accepted message: the envelope, the raw DATA, and who authenticated.</summary>
public sealed record SmtpDelivery(string MailFrom, IReadOnlyList<string> RecipientsTo, byte[] Data, string? AuthenticatedUser)
{
    public MimeMessage Message => MimeMessage.Load(new MemoryStream(Data));
}
