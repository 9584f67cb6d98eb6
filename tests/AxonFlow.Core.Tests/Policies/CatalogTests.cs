using System.Text.RegularExpressions;
using AxonFlow.Core.Policies;
using AxonFlow.Core.Policies.Catalog;

namespace AxonFlow.Core.Tests.Policies;

public sealed class CatalogTests
{
    [Fact]
    public void All_IdsAreUniqueAndPrefixed()
    {
        Assert.Equal(SystemPolicies.All.Count, SystemPolicies.All.Select(p => p.PolicyId).Distinct(StringComparer.Ordinal).Count());
        Assert.All(SystemPolicies.All, p => Assert.StartsWith("sys_", p.PolicyId, StringComparison.Ordinal));
    }

    [Fact]
    public void All_UseKnownCategoriesAndSystemTier() =>
        Assert.All(SystemPolicies.All, p =>
        {
            Assert.True(PolicyCategories.IsKnown(p.Category), p.Category);
            Assert.Equal(PolicyTier.System, p.Tier);
            Assert.True(p.Enabled);
        });

    [Fact]
    public void All_PublishedPatternsAreValidRegexes() =>
        Assert.All(SystemPolicies.All, p => Assert.NotNull(new Regex(p.Pattern, RegexOptions.None, TimeSpan.FromSeconds(1))));

    [Fact]
    public void SqlInjection_CoversThe37ScannerPatterns() =>
        Assert.Equal(37, SystemPolicyCatalog.Entries.Where(e => e.Definition.Category == PolicyCategories.SecuritySqli).Sum(e => e.Matchers.Sum(m => m.Sources.Count)));

    [Theory]
    [InlineData("sys_pii_ssn", PolicySeverity.Critical, PolicyAction.Block)]
    [InlineData("sys_pii_credit_card", PolicySeverity.Critical, PolicyAction.Block)]
    [InlineData("sys_pii_email", PolicySeverity.Medium, PolicyAction.Log)]
    [InlineData("sys_secret_aws_key", PolicySeverity.Critical, PolicyAction.Block)]
    public void All_SeedsSeverityAndAction(string id, PolicySeverity severity, PolicyAction action)
    {
        var policy = SystemPolicies.All.Single(p => p.PolicyId == id);

        Assert.Equal((severity, action), (policy.Severity, policy.Action));
        Assert.True(SystemPolicies.IsSystemPolicy(id));
    }

    [Theory]
    [InlineData(PolicySeverity.Low, "low")]
    [InlineData(PolicySeverity.Critical, "critical")]
    public void WireNames_Severity_RoundTrips(PolicySeverity value, string wire)
    {
        Assert.Equal(wire, PolicyWireNames.ToWire(value));
        Assert.True(PolicyWireNames.TryParse(wire, out PolicySeverity parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData(PolicyAction.Block, "block")]
    [InlineData(PolicyAction.RequireApproval, "require_approval")]
    [InlineData(PolicyAction.Redact, "redact")]
    [InlineData(PolicyAction.Warn, "warn")]
    [InlineData(PolicyAction.Log, "log")]
    public void WireNames_Action_RoundTrips(PolicyAction value, string wire)
    {
        Assert.Equal(wire, PolicyWireNames.ToWire(value));
        Assert.True(PolicyWireNames.TryParse(wire, out PolicyAction parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData(PolicyTier.System, "system")]
    [InlineData(PolicyTier.Organization, "organization")]
    [InlineData(PolicyTier.Tenant, "tenant")]
    public void WireNames_Tier_RoundTrips(PolicyTier value, string wire)
    {
        Assert.Equal(wire, PolicyWireNames.ToWire(value));
        Assert.True(PolicyWireNames.TryParse(wire, out PolicyTier parsed));
        Assert.Equal(value, parsed);
    }

    [Theory]
    [InlineData("Block")]
    [InlineData("approve")]
    [InlineData(" block")]
    [InlineData(null)]
    public void WireNames_UnknownAction_IsRejected(string? wire) => Assert.False(PolicyWireNames.TryParse(wire, out PolicyAction _));
}
