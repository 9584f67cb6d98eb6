namespace AxonFlow.Server.CommunitySaas.Erasure;

internal static class ErasureMessages
{
    public const string Accepted = "If the email matches the one on file for this tenant, a confirmation token valid for one hour has been sent to it.";

    public const string InvalidTenantId = "The tenant id must be cs_ followed by a lowercase UUID";

    public const string InvalidEmail = "email must be an email address of at most 254 characters";

    public const string InvalidToken = "Invalid, used or expired confirmation token. Request a new one with POST /api/v1/tenant/{id}/delete-request.";
}
