namespace AxonFlow.Core.Policies;

/// <summary>What the output scan sees: the provider's answer plus the request it answers (for dynamic conditions on user, client, context).</summary>
public sealed record PolicyOutput(string Response, PolicyInput Request);
