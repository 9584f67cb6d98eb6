namespace AxonFlow.Server.Scim;

/// <summary>The URNs and media type of SCIM 2.0 (RFC 7643 / RFC 7644).</summary>
internal static class ScimSchemas
{
    public const string MediaType = "application/scim+json";
    public const string User = "urn:ietf:params:scim:schemas:core:2.0:User";
    public const string Error = "urn:ietf:params:scim:api:messages:2.0:Error";
    public const string ListResponse = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
    public const string PatchOp = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
    public const string ServiceProviderConfig = "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
    public const string ResourceType = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
    public const string Schema = "urn:ietf:params:scim:schemas:core:2.0:Schema";

    /// <summary>The largest page a list answers with (advertised as <c>filter.maxResults</c>).</summary>
    public const int MaxResults = 200;
}
