using System.Net;
using AxonFlow.Core.Identity;
using AxonFlow.IntegrationTests.Http;
using AxonFlow.IntegrationTests.Infrastructure;

namespace AxonFlow.IntegrationTests.Governance;

/// <summary>Policy APIs over HTTP with two orgs: what org A writes governs org A only; system policies stay as shipped.</summary>
public sealed class PolicyApiTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    private AxonFlowTestServer _server = null!;
    private GovernanceClient _orgA = null!;
    private GovernanceClient _orgB = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await AxonFlowTestServer.StartAsync(fixture.Database, s => s with { Mode = DeploymentMode.Saas });
        _orgA = new GovernanceClient(_server, "pol-a", (await _server.IssueCredentialAsync("pol-org-a", "pol-a")).Secret);
        _orgB = new GovernanceClient(_server, "pol-b", (await _server.IssueCredentialAsync("pol-org-b", "pol-b")).Secret);
    }

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task OrgStaticPolicy_BlocksInItsOrgOnly_AndIsInvisibleToOthers()
    {
        var created = await HttpAssert.JsonAsync(
            await _orgA.PostAsync("/api/v1/static-policies", new { name = "Project Falcon", category = "sensitive-data", pattern = "(?i)project\\s+falcon", severity = "high", action = "block" }),
            HttpStatusCode.Created);
        var id = created.GetProperty("id").GetString()!;

        var inA = await PreCheckAsync(_orgA, "Status of Project Falcon?");
        var inB = await PreCheckAsync(_orgB, "Status of Project Falcon?");
        var getFromB = await _orgB.GetAsync($"/api/v1/static-policies/{id}");
        var disableFromB = await _orgB.PatchJsonAsync($"/api/v1/static-policies/{id}", """{"enabled":false}""");
        var overrideFromB = await _orgB.PostAsync("/api/v1/overrides", new { policy_id = id, enabled_override = false, override_reason = "sabotage" });
        var inAAfter = await PreCheckAsync(_orgA, "Status of Project Falcon?");

        Assert.StartsWith("custom_", id, StringComparison.Ordinal);
        Assert.False(inA.GetProperty("approved").GetBoolean());
        Assert.Contains(id, inA.GetProperty("policies").EnumerateArray().Select(p => p.GetString()));
        Assert.True(inB.GetProperty("approved").GetBoolean());
        await HttpAssert.ErrorAsync(getFromB, HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(disableFromB, HttpStatusCode.NotFound, "not_found");
        await HttpAssert.ErrorAsync(overrideFromB, HttpStatusCode.NotFound, "not_found");
        Assert.False(inAAfter.GetProperty("approved").GetBoolean());
    }

    [Fact]
    public async Task Update_Toggle_Delete_AreVersionedAndTakeEffectImmediately()
    {
        var created = await HttpAssert.JsonAsync(await _orgA.PostAsync("/api/v1/static-policies", new { policy_id = "org_codename", name = "Codename", category = "sensitive-data", pattern = "bluebird", action = "block" }), HttpStatusCode.Created);
        Assert.Equal(1, created.GetProperty("version").GetInt32());

        var updated = await HttpAssert.JsonAsync(await _orgA.PutJsonAsync("/api/v1/static-policies/org_codename", """{"pattern":"redwing"}"""), HttpStatusCode.OK);
        var blockedNew = await PreCheckAsync(_orgA, "about redwing");
        var allowedOld = await PreCheckAsync(_orgA, "about bluebird");
        var disabled = await HttpAssert.JsonAsync(await _orgA.PatchJsonAsync("/api/v1/static-policies/org_codename", """{"enabled":false}"""), HttpStatusCode.OK);
        var afterDisable = await PreCheckAsync(_orgA, "about redwing");
        var deleted = await _orgA.DeleteAsync("/api/v1/static-policies/org_codename");
        var versions = await HttpAssert.JsonAsync(await _orgA.GetAsync("/api/v1/static-policies/org_codename/versions"), HttpStatusCode.OK);
        var gone = await _orgA.GetAsync("/api/v1/static-policies/org_codename");

        Assert.Equal(2, updated.GetProperty("version").GetInt32());
        Assert.False(blockedNew.GetProperty("approved").GetBoolean());
        Assert.True(allowedOld.GetProperty("approved").GetBoolean());
        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.True(afterDisable.GetProperty("approved").GetBoolean());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(4, versions.GetProperty("count").GetInt32());
        Assert.Equal(["deleted", "disabled", "updated", "created"], versions.GetProperty("versions").EnumerateArray().Select(v => v.GetProperty("change_type").GetString()));
        await HttpAssert.ErrorAsync(gone, HttpStatusCode.NotFound, "not_found");
    }

    [Theory]
    [InlineData("""{"category":"sensitive-data","pattern":"x"}""", "name is required")]
    [InlineData("""{"name":"n","category":"made-up","pattern":"x"}""", "Invalid policy category")]
    [InlineData("""{"name":"n","category":"sensitive-data","pattern":"(unclosed"}""", "Invalid regex pattern")]
    [InlineData("""{"name":"n","category":"sensitive-data","pattern":"x","action":"explode"}""", "action must be one of")]
    [InlineData("""{"name":"n","category":"sensitive-data","pattern":"x","severity":"8"}""", "severity must be one of")]
    [InlineData("""{"name":"n","category":"sensitive-data","pattern":"x","policy_id":"sys_mine"}""", "policy_id must not use the reserved sys_ prefix")]
    public async Task Create_Invalid_Is400NamingTheField(string body, string expected)
    {
        var json = await HttpAssert.ErrorAsync(await _orgA.PostJsonAsync("/api/v1/static-policies", body), HttpStatusCode.BadRequest, "invalid_request");

        Assert.StartsWith(expected, json.GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_SystemTier_Is403()
    {
        await HttpAssert.ErrorAsync(await _orgA.PostJsonAsync("/api/v1/static-policies", """{"name":"n","category":"sensitive-data","pattern":"x","tier":"system"}"""), HttpStatusCode.Forbidden, "invalid_request");
    }

    [Fact]
    public async Task Create_DuplicateId_Is409()
    {
        await _orgA.PostJsonAsync("/api/v1/static-policies", """{"policy_id":"org_twice","name":"n","category":"sensitive-data","pattern":"x"}""");

        await HttpAssert.ErrorAsync(await _orgA.PostJsonAsync("/api/v1/static-policies", """{"policy_id":"org_twice","name":"n","category":"sensitive-data","pattern":"x"}"""), HttpStatusCode.Conflict, "conflict");
    }

    [Fact]
    public async Task CriticalSystemPolicy_CannotBeOverridden_Is403WithTheReason()
    {
        var json = await HttpAssert.ErrorAsync(
            await _orgA.PostAsync("/api/v1/overrides", new { policy_id = "sys_pii_ssn", enabled_override = false, override_reason = "we handle SSNs" }),
            HttpStatusCode.Forbidden,
            "not_overridable");

        Assert.Contains("cannot be overridden", json.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.False((await PreCheckAsync(_orgA, "My SSN is 123-45-6789")).GetProperty("approved").GetBoolean());
    }

    [Fact]
    public async Task OverridableSystemPolicy_OverrideAppliesToItsOrg_AndRevokeRestoresIt()
    {
        var overridable = Core.Policies.SystemPolicies.All.First(p => Core.Policies.SystemPolicies.IsOverridable(p.PolicyId) && p.Action == Core.Policies.PolicyAction.Block);
        var before = await HttpAssert.JsonAsync(await _orgB.GetAsync("/api/v1/static-policies/effective?include_disabled=true"), HttpStatusCode.OK);

        var created = await HttpAssert.JsonAsync(
            await _orgB.PostAsync($"/api/v1/static-policies/{overridable.PolicyId}/override", new { action_override = "warn", override_reason = "false positives on our data" }),
            HttpStatusCode.Created);
        var effective = await HttpAssert.JsonAsync(await _orgB.GetAsync("/api/v1/static-policies/effective?include_disabled=true"), HttpStatusCode.OK);
        var effectiveInA = await HttpAssert.JsonAsync(await _orgA.GetAsync("/api/v1/static-policies/effective?include_disabled=true"), HttpStatusCode.OK);
        var duplicate = await _orgB.PostAsync($"/api/v1/static-policies/{overridable.PolicyId}/override", new { action_override = "log", override_reason = "again" });
        var list = await HttpAssert.JsonAsync(await _orgB.GetAsync("/api/v1/overrides"), HttpStatusCode.OK);
        var revoked = await _orgB.DeleteAsync($"/api/v1/overrides/{created.GetProperty("id").GetString()}");
        var afterRevoke = await HttpAssert.JsonAsync(await _orgB.GetAsync("/api/v1/static-policies/effective?include_disabled=true"), HttpStatusCode.OK);

        string ActionOf(System.Text.Json.JsonElement json) => json.GetProperty("static").EnumerateArray().Single(p => p.GetProperty("id").GetString() == overridable.PolicyId).GetProperty("action").GetString()!;
        Assert.Equal("block", ActionOf(before));
        Assert.Equal("warn", ActionOf(effective));
        Assert.Equal("block", ActionOf(effectiveInA));
        await HttpAssert.ErrorAsync(duplicate, HttpStatusCode.Conflict, "conflict");
        Assert.Equal(1, list.GetProperty("count").GetInt32());
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal("block", ActionOf(afterRevoke));
    }

    [Fact]
    public async Task Override_WithoutReason_Is400()
    {
        await HttpAssert.ErrorAsync(await _orgA.PostAsync("/api/v1/overrides", new { policy_id = "sys_pii_email", action_override = "log" }), HttpStatusCode.BadRequest, "invalid_request");
    }

    [Fact]
    public async Task TestEndpoint_ReportsMatchesAndRefusesBadPatterns()
    {
        var ok = await HttpAssert.JsonAsync(await _orgA.PostJsonAsync("/api/v1/static-policies/test", """{"pattern":"\\d+","inputs":["a1","b"]}"""), HttpStatusCode.OK);
        var bad = await HttpAssert.JsonAsync(await _orgA.PostJsonAsync("/api/v1/static-policies/test", """{"pattern":"(a","inputs":["a"]}"""), HttpStatusCode.OK);

        Assert.True(ok.GetProperty("valid").GetBoolean());
        Assert.Equal([true, false], ok.GetProperty("matches").EnumerateArray().Select(m => m.GetProperty("matched").GetBoolean()));
        Assert.False(bad.GetProperty("valid").GetBoolean());
    }

    [Fact]
    public async Task List_IncludesSystemPoliciesAndPaginates()
    {
        var json = await HttpAssert.JsonAsync(await _orgA.GetAsync("/api/v1/static-policies?tier=system&page_size=5"), HttpStatusCode.OK);

        Assert.Equal(5, json.GetProperty("policies").GetArrayLength());
        Assert.True(json.GetProperty("pagination").GetProperty("total_items").GetInt64() >= 5);
        Assert.All(json.GetProperty("policies").EnumerateArray(), p => Assert.Equal("system", p.GetProperty("tier").GetString()));
    }

    [Fact]
    public async Task SystemPolicy_CannotBeModifiedDisabledOrDeleted()
    {
        await HttpAssert.ErrorAsync(await _orgA.PutJsonAsync("/api/v1/static-policies/sys_pii_ssn", """{"pattern":"x"}"""), HttpStatusCode.Forbidden, "system_policy");
        await HttpAssert.ErrorAsync(await _orgA.PatchJsonAsync("/api/v1/static-policies/sys_pii_ssn", """{"enabled":false}"""), HttpStatusCode.Forbidden, "system_policy");
        await HttpAssert.ErrorAsync(await _orgA.DeleteAsync("/api/v1/static-policies/sys_pii_ssn"), HttpStatusCode.Forbidden, "system_policy");
    }

    [Fact]
    public async Task DynamicPolicy_BlocksOnItsConditions_InItsOrgOnly()
    {
        var created = await HttpAssert.JsonAsync(
            await _orgA.PostJsonAsync("/api/v1/dynamic-policies", """{"name":"No debug","type":"content","conditions":[{"field":"query","operator":"contains","value":"debug mode"}],"actions":[{"type":"block"}]}"""),
            HttpStatusCode.Created);

        var inA = await PreCheckAsync(_orgA, "turn on debug mode please");
        var inB = await PreCheckAsync(_orgB, "turn on debug mode please");
        var badOperator = await _orgA.PostJsonAsync("/api/v1/dynamic-policies", """{"name":"Bad","conditions":[{"field":"query","operator":"resembles","value":"x"}],"actions":[{"type":"block"}]}""");

        Assert.StartsWith("dyn_", created.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.False(inA.GetProperty("approved").GetBoolean());
        Assert.True(inB.GetProperty("approved").GetBoolean());
        await HttpAssert.ErrorAsync(badOperator, HttpStatusCode.BadRequest, "invalid_request");
    }

    private static async Task<System.Text.Json.JsonElement> PreCheckAsync(GovernanceClient client, string query) =>
        await HttpAssert.JsonAsync(await client.PostAsync("/api/policy/pre-check", new { query }), HttpStatusCode.OK);
}
