using AxonFlow.Server.CommunitySaas.Tiers;
using Microsoft.AspNetCore.Http;

namespace AxonFlow.IntegrationTests.CommunitySaas.Tiers;

public sealed class GovernedRoutesTests
{
    [Theory]
    [InlineData("/api/v1/process")]
    [InlineData("/API/V1/Process")]
    [InlineData("/api/request")]
    [InlineData("/api/policy/pre-check")]
    [InlineData("/api/v1/audit/search")]
    [InlineData("/api/v1/audit/tenant/cs_1")]
    [InlineData("/api/v1/mcp/evaluate-policies")]
    [InlineData("/api/v1/mcp/some-check-added-later")]
    [InlineData("/api/v1/connectors")]
    [InlineData("/api/v1/connectors/postgres/health")]
    public void Covers_TheGovernedRoutes_AndWhatIsAddedUnderThem(string path) => Assert.True(GovernedRoutes.Covers(new PathString(path)));

    [Theory]
    [InlineData("/api/v1/identity")]
    [InlineData("/api/v1/static-policies")]
    [InlineData("/api/audit/llm-call")]
    [InlineData("/api/v1/auditing")]
    [InlineData("/api/v1/process/extra")]
    [InlineData("/api/v1/register")]
    [InlineData("/health")]
    public void Covers_NothingElse(string path) => Assert.False(GovernedRoutes.Covers(new PathString(path)));
}
