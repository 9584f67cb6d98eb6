namespace AxonFlow.IntegrationTests.Providers;

/// <summary>What a <see cref="FakeProviderServer"/> does with the next request.</summary>
public enum FakeBehavior
{
    /// <summary>A normal answer in the wire format of the path, with <c>usage</c>.</summary>
    Answer,

    /// <summary>A normal answer without <c>usage</c>, as some OpenAI-compatible servers send.</summary>
    AnswerWithoutUsage,

    /// <summary>HTTP 500 with a provider-style error body.</summary>
    ServerError,

    /// <summary>HTTP 429 with a <c>Retry-After</c>.</summary>
    TooManyRequests,

    /// <summary>HTTP 401 whose body echoes the key presented, as a careless upstream might.</summary>
    Unauthorized,

    /// <summary>HTTP 400: the provider rejects the request itself.</summary>
    BadRequest,

    /// <summary>HTTP 200 with a body that is not JSON.</summary>
    MalformedJson,

    /// <summary>Holds the request for <see cref="FakeProviderServer.Delay"/> (or until the client goes away).</summary>
    Hang,
}
