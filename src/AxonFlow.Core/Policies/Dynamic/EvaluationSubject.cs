namespace AxonFlow.Core.Policies.Dynamic;

/// <summary>What a dynamic condition can read: the request, the answer (output scan only) and the risk accumulated so far.</summary>
internal readonly record struct EvaluationSubject(PolicyInput Input, string? Response, double RiskScore)
{
    public string? Text(ConditionField field, string key) => field switch
    {
        ConditionField.Query => Input.Query,
        ConditionField.Response => Response,
        ConditionField.RequestType => Input.RequestType,
        ConditionField.User => Input.User.TryGetValue(key, out var user) ? user : null,
        ConditionField.Client => Input.Client.TryGetValue(key, out var client) ? client : null,
        ConditionField.Context => Input.Context.TryGetValue(key, out var context) ? context : null,
        _ => null,
    };

    public double? Number(ConditionField field) => field switch
    {
        ConditionField.RiskScore => RiskScore,
        ConditionField.CostEstimate => Input.CostEstimate,
        _ => null,
    };
}
