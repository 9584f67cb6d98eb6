namespace AxonFlow.Core.Policies.Dynamic;

internal enum ConditionOperator
{
    EqualTo,
    NotEqualTo,
    Contains,
    NotContains,
    ContainsAny,
    Regex,
    GreaterThan,
    LessThan,
    In,
    NotIn,
}
