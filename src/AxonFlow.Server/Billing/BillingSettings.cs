using System.Globalization;
using AxonFlow.Core.Identity;
using AxonFlow.Server.Configuration;

namespace AxonFlow.Server.Billing;

/// <summary>The Stripe webhook and Pro license settings (docs/billing.md). The signing secret is never logged.</summary>
public sealed record BillingSettings
{
    public const int DefaultValidityDays = 90;

    // Seed 001's default address reached us obfuscated ("[email protected]"); this is our reading of it (docs/billing.md).
    public const string DefaultFromEmail = "AxonFlow <noreply@getaxonflow.com>";

    /// <summary><c>STRIPE_WEBHOOK_SIGNING_SECRET</c> (<c>whsec_…</c>); null leaves the webhook answering 503.</summary>
    public string? WebhookSigningSecret { get; init; }

    /// <summary><c>AXONFLOW_STRIPE_WEBHOOK_IP_ALLOWLIST</c>; Stripe's published webhook addresses by default.</summary>
    public IpAllowList AllowList { get; init; } = IpAllowList.TryParse(StripeWebhookSources.DefaultAllowList, out _)!;

    /// <summary><c>AXONFLOW_STRIPE_WEBHOOK_RATE_PER_MIN</c>: deliveries per minute per source address (default 60).</summary>
    public int RatePerMinute { get; init; } = 60;

    /// <summary><c>AXONFLOW_BILLING_PRO_VALIDITY_DAYS</c>: how long a bought Pro license lasts (default 90, no renewal).</summary>
    public int ProValidityDays { get; init; } = DefaultValidityDays;

    /// <summary><c>AXONFLOW_BILLING_FROM_EMAIL</c>: the From of the license email.</summary>
    public string FromEmail { get; init; } = DefaultFromEmail;

    /// <summary>Values that were replaced by their default (logged once at start-up, never fatal).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    public override string ToString() =>
        $"BillingSettings {{ Configured = {WebhookSigningSecret is not null}, Networks = {AllowList.Networks.Count}, RatePerMinute = {RatePerMinute}, ProValidityDays = {ProValidityDays} }}";

    internal static BillingSettings Read(Func<string, string?> value, DeploymentMode mode, List<string> errors)
    {
        var warnings = new List<string>();
        var secret = value(SettingNames.StripeWebhookSigningSecret);
        if (secret is not null && mode == DeploymentMode.CommunitySaas && value(SettingNames.PluginClaimedSigningKey) is null)
        {
            errors.Add($"{SettingNames.StripeWebhookSigningSecret} is set but {SettingNames.PluginClaimedSigningKey} is not: the Stripe webhook mints Pro license tokens and needs the signing seed (a verifier-only agent cannot mint). Set the seed on the agent that receives the webhook, or unset the secret.");
        }

        var allowList = new BillingSettings().AllowList;
        if (value(SettingNames.StripeWebhookIpAllowList) is { } listText)
        {
            if (IpAllowList.TryParse(listText, out var bad) is { } parsed)
            {
                allowList = parsed;
            }
            else
            {
                errors.Add(bad is null
                    ? $"{SettingNames.StripeWebhookIpAllowList} must list at least one IP address or CIDR."
                    : $"{SettingNames.StripeWebhookIpAllowList} must list IP addresses or CIDRs separated by commas, but '{Printable(bad)}' is neither.");
            }
        }

        var rate = 60;
        if (value(SettingNames.StripeWebhookRatePerMinute) is { } rateText
            && !(int.TryParse(rateText, NumberStyles.None, CultureInfo.InvariantCulture, out rate) && rate is >= 1 and <= 100_000))
        {
            errors.Add($"{SettingNames.StripeWebhookRatePerMinute} must be a whole number of deliveries per minute from 1 to 100000, but was '{Printable(rateText)}'.");
            rate = 60;
        }

        var days = DefaultValidityDays;
        if (value(SettingNames.BillingProValidityDays) is { } daysText
            && !(int.TryParse(daysText, NumberStyles.None, CultureInfo.InvariantCulture, out days) && days is >= 1 and <= 3660))
        {
            warnings.Add($"{SettingNames.BillingProValidityDays} must be a whole number of days from 1 to 3660, but was '{Printable(daysText)}'; using {DefaultValidityDays}.");
            days = DefaultValidityDays;
        }

        var from = value(SettingNames.BillingFromEmail) ?? DefaultFromEmail;
        if (!System.Net.Mail.MailAddress.TryCreate(from, out _))
        {
            errors.Add($"{SettingNames.BillingFromEmail} must be an email address, optionally with a display name ('AxonFlow <billing@example.com>'), but was '{Printable(from)}'.");
        }

        return new BillingSettings
        {
            WebhookSigningSecret = secret,
            AllowList = allowList,
            RatePerMinute = rate,
            ProValidityDays = days,
            FromEmail = from,
            Warnings = warnings,
        };
    }

    private static string Printable(string text) => text.Length > 64 ? text[..64] + "…" : text;
}
