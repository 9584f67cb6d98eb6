namespace AxonFlow.Postgres.Email;

/// <summary>
/// A message a feature wants delivered. <paramref name="Kind"/> names the feature (<c>billing.pro_license</c>,
/// <c>recovery.magic_link</c>, <c>tenant.delete_confirm</c>, …) so logs and metrics can say what was sent without the body.
/// <paramref name="Sender"/> is the From the feature asks for (e.g. the billing from-address); null means the deployment's
/// configured From.
/// </summary>
public sealed record OutboundEmail(string Kind, string Recipient, string Subject, string TextBody, string? HtmlBody = null, string? Sender = null);
