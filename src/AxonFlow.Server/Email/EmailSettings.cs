using System.Globalization;
using AxonFlow.Core.Identity;
using AxonFlow.Server.Configuration;
using MimeKit;

namespace AxonFlow.Server.Email;

/// <summary>
/// Email delivery (docs/email.md): the transport, the From, and the retry policy. With <c>AXONFLOW_EMAIL_TRANSPORT=auto</c>
/// (the default) Resend wins when <c>RESEND_API_KEY</c> is set, else SMTP when <c>SMTP_HOST</c> is set, else the dev log.
/// </summary>
public sealed record EmailSettings
{
    public EmailTransportKind Transport { get; init; } = EmailTransportKind.Log;

    /// <summary>The From of every message that does not name its own sender; null only with the dev log.</summary>
    public MailboxAddress? From { get; init; }

    public SmtpOptions? Smtp { get; init; }

    public ResendOptions? Resend { get; init; }

    /// <summary>Attempts before a message is marked <c>failed</c> (<c>AXONFLOW_EMAIL_MAX_ATTEMPTS</c>, default 8).</summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The first retry delay, doubled per attempt up to an hour (<c>AXONFLOW_EMAIL_RETRY_BASE_SECONDS</c>, default 30).</summary>
    public TimeSpan RetryBase { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the worker looks for due messages without a wake-up (<c>AXONFLOW_EMAIL_POLL_SECONDS</c>, default 15).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromSeconds(15);

    public override string ToString() => $"EmailSettings {{ Transport = {Transport}, MaxAttempts = {MaxAttempts} }}";

    /// <summary>True when configuration selects a real transport, so the cross-org delivery worker (and its guard) is on.</summary>
    internal static bool TransportConfigured(Func<string, string?> value) => value(SettingNames.EmailTransport)?.ToLowerInvariant() switch
    {
        "smtp" or "resend" => true,
        null or "auto" => value(SettingNames.ResendApiKey) is not null || value(SettingNames.SmtpHost) is not null,
        _ => false,
    };

    internal static EmailSettings Read(Func<string, string?> value, DeploymentKind kind, List<string> errors)
    {
        var transport = ReadTransport(value, errors);
        var smtp = transport == EmailTransportKind.Smtp ? ReadSmtp(value, kind, errors) : null;
        var resend = transport == EmailTransportKind.Resend ? ReadResend(value, errors) : null;
        MailboxAddress? from = null;
        if (transport != EmailTransportKind.Log)
        {
            var fromName = transport == EmailTransportKind.Smtp && value(SettingNames.SmtpFrom) is not null ? SettingNames.SmtpFrom : SettingNames.EmailFrom;
            from = ReadAddress(value(fromName), fromName, transport, errors);
        }

        return new EmailSettings
        {
            Transport = transport,
            From = from,
            Smtp = smtp,
            Resend = resend,
            MaxAttempts = ReadWhole(value, SettingNames.EmailMaxAttempts, 8, 1, 100, "attempts", errors),
            RetryBase = TimeSpan.FromSeconds(ReadWhole(value, SettingNames.EmailRetryBaseSeconds, 30, 1, 3600, "seconds", errors)),
            PollInterval = TimeSpan.FromSeconds(ReadWhole(value, SettingNames.EmailPollSeconds, 15, 1, 3600, "seconds", errors)),
        };
    }

    private static EmailTransportKind ReadTransport(Func<string, string?> value, List<string> errors)
    {
        switch (value(SettingNames.EmailTransport)?.ToLowerInvariant())
        {
            case null or "auto":
                return value(SettingNames.ResendApiKey) is not null ? EmailTransportKind.Resend
                    : value(SettingNames.SmtpHost) is not null ? EmailTransportKind.Smtp
                    : EmailTransportKind.Log;
            case "smtp":
                if (value(SettingNames.SmtpHost) is null)
                {
                    errors.Add($"{SettingNames.SmtpHost} is required when {SettingNames.EmailTransport}=smtp.");
                }

                return EmailTransportKind.Smtp;
            case "resend":
                if (value(SettingNames.ResendApiKey) is null)
                {
                    errors.Add($"{SettingNames.ResendApiKey} is required when {SettingNames.EmailTransport}=resend.");
                }

                return EmailTransportKind.Resend;
            case "log":
                return EmailTransportKind.Log;
            case var other:
                errors.Add($"{SettingNames.EmailTransport} must be auto, smtp, resend or log, but was '{Printable(other)}'.");
                return EmailTransportKind.Log;
        }
    }

    private static SmtpOptions ReadSmtp(Func<string, string?> value, DeploymentKind kind, List<string> errors)
    {
        var security = SmtpSecurity.StartTls;
        switch (value(SettingNames.SmtpSecurity)?.ToLowerInvariant())
        {
            case null or "starttls":
                break;
            case "tls" or "ssl":
                security = SmtpSecurity.Tls;
                break;
            case "none":
                security = SmtpSecurity.None;
                break;
            case var other:
                errors.Add($"{SettingNames.SmtpSecurity} must be starttls, tls or none, but was '{Printable(other)}'.");
                break;
        }

        var defaultPort = security switch { SmtpSecurity.Tls => 465, SmtpSecurity.None => 25, _ => 587 };
        var port = ReadWhole(value, SettingNames.SmtpPort, defaultPort, 1, 65535, "port", errors);
        var username = value(SettingNames.SmtpUsername);
        var password = value(SettingNames.SmtpPassword);
        if ((username is null) != (password is null))
        {
            errors.Add($"{SettingNames.SmtpUsername} and {SettingNames.SmtpPassword} must be set together (both for AUTH, neither for an open relay).");
        }

        var allowPlaintext = value(SettingNames.SmtpAllowPlaintextAuth)?.ToLowerInvariant() switch
        {
            null or "false" or "0" or "no" or "off" => false,
            "true" or "1" or "yes" or "on" => true,
            var other => AddError(errors, $"{SettingNames.SmtpAllowPlaintextAuth} must be true or false, but was '{Printable(other)}'."),
        };
        if (kind == DeploymentKind.Production && security == SmtpSecurity.None && username is not null && !allowPlaintext)
        {
            errors.Add($"{SettingNames.SmtpSecurity}=none with {SettingNames.SmtpUsername} would send the SMTP password in clear; production refuses it. " +
                $"Use {SettingNames.SmtpSecurity}=starttls or tls, or set {SettingNames.SmtpAllowPlaintextAuth}=true for a relay on a trusted network.");
        }

        return new SmtpOptions(value(SettingNames.SmtpHost) ?? string.Empty, port, security, username, password);
    }

    private static ResendOptions ReadResend(Func<string, string?> value, List<string> errors)
    {
        var baseUrl = ResendOptions.DefaultBaseUrl;
        if (value(SettingNames.ResendBaseUrl) is { } text)
        {
            if (Uri.TryCreate(text.EndsWith('/') ? text : text + "/", UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http" && parsed.Query.Length == 0)
            {
                baseUrl = parsed;
            }
            else
            {
                errors.Add($"{SettingNames.ResendBaseUrl} must be an absolute http(s) URL without a query, but was '{Printable(text)}'.");
            }
        }

        return new ResendOptions(value(SettingNames.ResendApiKey) ?? string.Empty, baseUrl);
    }

    private static MailboxAddress? ReadAddress(string? text, string name, EmailTransportKind transport, List<string> errors)
    {
        if (text is null)
        {
            errors.Add($"{name} is required when email goes through {transport.ToString().ToLowerInvariant()} (e.g. \"AxonFlow <noreply@example.com>\").");
            return null;
        }

        if (MailboxAddress.TryParse(text, out var address) && address.Address.Contains('@', StringComparison.Ordinal) && !address.Address.EndsWith('@'))
        {
            return address;
        }

        errors.Add($"{name} must be an address like \"AxonFlow <noreply@example.com>\", but was '{Printable(text)}'.");
        return null;
    }

    private static int ReadWhole(Func<string, string?> value, string name, int defaultValue, int min, int max, string unit, List<string> errors)
    {
        var text = value(name);
        if (text is null)
        {
            return defaultValue;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= min && parsed <= max)
        {
            return parsed;
        }

        errors.Add($"{name} must be a whole number of {unit} from {min} to {max}, but was '{Printable(text)}'.");
        return defaultValue;
    }

    private static bool AddError(List<string> errors, string message)
    {
        errors.Add(message);
        return false;
    }

    private static string Printable(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
