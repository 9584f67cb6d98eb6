namespace AxonFlow.Server.Providers;

/// <summary>One chat turn. <see cref="Role"/> is <c>system</c>, <c>user</c> or <c>assistant</c>; providers map it to their own wire format.</summary>
public sealed record LlmMessage(string Role, string Content);
