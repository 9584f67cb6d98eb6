using AxonFlow.Core.Policies;
using static AxonFlow.Core.Tests.Policies.Build;

namespace AxonFlow.Core.Tests.Policies;

public sealed class DynamicPolicyTests
{
    private static readonly Dictionary<string, string> Analyst = new() { ["role"] = "analyst", ["region"] = "EU" };

    public static TheoryData<PolicyCondition, bool> Operators => new()
    {
        { When("query", "equals", "SHOW SALARIES"), true },
        { When("query", "equals", "show"), false },
        { When("request_type", "not_equals", "sql"), true },
        { When("request_type", "not_equals", "chat"), false },
        { When("query", "contains", "salaries"), true },
        { When("query", "contains", "bonus"), false },
        { When("query", "not_contains", "bonus"), true },
        { When("query", "not_contains", "salar"), false },
        { WhenList("query", "contains_any", "bonus", "salaries"), true },
        { WhenList("query", "contains_any", "bonus", "equity"), false },
        { When("query", "regex", "(?i)^show\\s+sal"), true },
        { When("query", "regex", "^SHOW"), false },
        { When("cost_estimate", "greater_than", 100), true },
        { When("cost_estimate", "greater_than", 150), false },
        { When("cost_estimate", "less_than", "150"), true },
        { When("risk_score", "less_than", 0.5), true },
        { When("risk_score", "greater_than", 0.5), false },
        { WhenList("user.role", "in", "admin", "ANALYST"), true },
        { WhenList("user.role", "in", "admin"), false },
        { WhenList("user.region", "not_in", "us", "apac"), true },
        { WhenList("user.region", "not_in", "eu"), false },
        { When("client.id", "equals", "billing-app"), true },
        { When("context.environment", "not_equals", "development"), true },
        { When("context.missing", "equals", "x"), false },
        { When("context.missing", "not_equals", "x"), true },
        { When("context.query_count_last_hour", "greater_than", 100), true },
        { When("user.missing", "greater_than", 1), false },
    };

    [Theory]
    [MemberData(nameof(Operators))]
    public void EvaluateInput_Operator_MatchesAsSpecified(PolicyCondition condition, bool expected)
    {
        var set = WithDynamic(Dynamic("dyn_test", [condition], Action("warn")));
        var input = Input(
            "show salaries",
            user: Analyst,
            client: new Dictionary<string, string> { ["id"] = "billing-app" },
            context: new Dictionary<string, string> { ["environment"] = "production", ["query_count_last_hour"] = "250" },
            cost: 120);

        var result = set.EvaluateInput(input);

        Assert.Equal(expected, result.HitsOf("dyn_test").Count > 0);
    }

    [Fact]
    public void EvaluateInput_ConditionsAreAnded()
    {
        var set = WithDynamic(Dynamic("dyn_and", [When("query", "contains", "salary"), When("user.role", "not_equals", "admin")]));

        Assert.True(set.EvaluateInput(Input("salary bands", user: Analyst)).IsBlocked);
        Assert.False(set.EvaluateInput(Input("salary bands", user: new Dictionary<string, string> { ["role"] = "admin" })).IsBlocked);
        Assert.False(set.EvaluateInput(Input("holiday plan", user: Analyst)).IsBlocked);
    }

    [Fact]
    public void EvaluateInput_BlockAction_UsesConfiguredReason()
    {
        var set = WithDynamic(Dynamic("dyn_debug", [When("context.debug_mode", "equals", true)], Action("block", new { reason = "debug mode is off in production" })));

        var result = set.EvaluateInput(Input("hi", context: new Dictionary<string, string> { ["debug_mode"] = "true" }));

        Assert.Equal("Blocked by policy: Dynamic dyn_debug (dyn_debug): debug mode is off in production", result.BlockReason);
        var hit = Assert.Single(result.Hits);
        Assert.Equal((0, 0), (hit.Start, hit.Length));
        Assert.Equal("dynamic", hit.Category);
    }

    [Fact]
    public void EvaluateInput_RedactAction_MasksConditionEvidence()
    {
        var set = WithDynamic(Dynamic("dyn_salary", [WhenList("query", "contains_any", "salary", "bonus")], Action("redact"), Action("log")));

        var result = set.EvaluateInput(Input("Salary and bonus for Ann"));

        Assert.Equal(PolicyDecision.Redacted, result.Decision);
        Assert.Equal("[REDACTED:dyn_salary] and [REDACTED:dyn_salary] for Ann", result.RedactedText);
    }

    [Fact]
    public void EvaluateInput_ModifyRisk_FeedsLaterRiskConditions()
    {
        var set = Compile(dynamics:
        [
            Dynamic("dyn_raise", [When("query", "contains", "export")], Action("modify_risk", new { delta = 0.6 })) with { Priority = 900 },
            Dynamic("dyn_high_risk", [When("risk_score", "greater_than", 0.8)], Action("block")) with { Priority = 100 },
        ]).PolicySet;

        var calm = set.EvaluateInput(Input("export the report"));
        var risky = set.EvaluateInput(Input("export the report, my SSN is 123-45-6789"));

        Assert.False(calm.IsBlocked);
        Assert.Equal(0.6, calm.RiskScore, 3);
        Assert.NotEmpty(risky.HitsOf("dyn_high_risk"));
        Assert.Equal(1.0, risky.RiskScore, 3);
    }

    [Theory]
    [InlineData("query.x", "equals", "field must be one of")]
    [InlineData("user.", "equals", "field must be one of")]
    [InlineData("query", "starts_with", "operator must be one of")]
    [InlineData("risk_score", "contains", "needs a text field")]
    [InlineData("query", "regex", "linear-time")]
    public void Compile_BadCondition_IsReportedAndSkipped(string field, string op, string expectedMessage)
    {
        var value = op == "regex" ? "(a)\\1" : "x";
        var compilation = Compile(dynamics: [Dynamic("dyn_bad", [When(field, op, value)])]);

        Assert.Contains(expectedMessage, Assert.Single(compilation.Errors).Message, StringComparison.Ordinal);
        Assert.Empty(compilation.PolicySet.DynamicPolicies);
    }

    [Theory]
    [InlineData("route")]
    [InlineData("alert")]
    public void Compile_UnknownActionType_IsReported(string type)
    {
        var compilation = Compile(dynamics: [Dynamic("dyn_bad", [When("query", "contains", "x")], Action(type))]);

        Assert.Contains("action type", Assert.Single(compilation.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Compile_ModifyRiskWithoutDelta_IsReported()
    {
        var compilation = Compile(dynamics: [Dynamic("dyn_bad", [When("query", "contains", "x")], Action("modify_risk"))]);

        Assert.Contains("risk delta", Assert.Single(compilation.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EvaluateOutput_ResponseCondition_RunsOnlyOnOutput()
    {
        var set = WithDynamic(Dynamic("dyn_answer", [When("response", "contains", "internal only")], Action("block")));
        var input = Input("internal only please");

        Assert.False(set.EvaluateInput(input).IsBlocked);
        Assert.True(set.EvaluateOutput("This is internal only.", input).IsBlocked);
    }

    [Fact]
    public void EvaluateInput_DisabledDynamicPolicy_DoesNotRun()
    {
        var set = WithDynamic(Dynamic("dyn_off", [When("query", "contains", "x")]) with { Enabled = false });

        Assert.Empty(set.EvaluateInput(Input("x")).Hits);
        Assert.Equal(SystemPolicies.All.Count, set.Count);
    }
}
