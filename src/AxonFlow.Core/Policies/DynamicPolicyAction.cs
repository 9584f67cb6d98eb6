using System.Text.Json;

namespace AxonFlow.Core.Policies;

/// <summary>
/// What a matching dynamic policy does: <c>block</c>, <c>redact</c>, <c>warn</c>, <c>log</c> or <c>modify_risk</c>.
/// <c>block</c> accepts <c>{"reason": "…"}</c>; <c>modify_risk</c> takes the risk delta as a number or <c>{"delta": n}</c>.
/// </summary>
public sealed record DynamicPolicyAction(string Type, JsonElement? Parameters);
