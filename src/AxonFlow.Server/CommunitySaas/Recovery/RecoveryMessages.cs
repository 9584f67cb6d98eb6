namespace AxonFlow.Server.CommunitySaas.Recovery;

internal static class RecoveryMessages
{
    public const string Accepted = "If this address has recoverable tenants, a recovery link valid for 15 minutes has been sent to it.";

    public const string InvalidToken = "Invalid, used or expired recovery token. Request a new link with POST /api/v1/recover.";

    public const string InvalidEmail = "email must be an email address of at most 254 characters";

    public const string Note = "Each secret is shown once; the previous secrets of these tenants no longer work.";
}
