using System.Text.Json;

namespace AxonFlow.Core.Policies;

/// <summary>
/// One test of a dynamic policy. Fields: <c>query</c>, <c>response</c>, <c>request_type</c>, <c>user.&lt;key&gt;</c>,
/// <c>client.&lt;key&gt;</c>, <c>context.&lt;key&gt;</c>, <c>risk_score</c>, <c>cost_estimate</c>. Operators: <c>equals</c>,
/// <c>not_equals</c>, <c>contains</c>, <c>not_contains</c>, <c>contains_any</c>, <c>regex</c>, <c>greater_than</c>,
/// <c>less_than</c>, <c>in</c>, <c>not_in</c>.
/// </summary>
public sealed record PolicyCondition(string Field, string Operator, JsonElement Value);
