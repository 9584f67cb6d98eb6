namespace AxonFlow.Server.Providers;

/// <summary>A decoded provider answer, or the reason there is none; exactly one of the two is set.</summary>
internal readonly record struct UpstreamResponse<T>(T? Value, ProviderReply.Failed? Failure)
    where T : class
{
    public static UpstreamResponse<T> Ok(T value) => new(value, null);

    public static UpstreamResponse<T> Fail(string reason, bool providerFault = true) => new(null, new ProviderReply.Failed(reason, providerFault));
}
