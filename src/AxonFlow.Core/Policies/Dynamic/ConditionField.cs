namespace AxonFlow.Core.Policies.Dynamic;

internal enum ConditionField
{
    Query,
    Response,
    RequestType,
    User,
    Client,
    Context,
    RiskScore,
    CostEstimate,
}
