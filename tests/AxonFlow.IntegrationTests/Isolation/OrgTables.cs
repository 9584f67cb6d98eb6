namespace AxonFlow.IntegrationTests.Isolation;

/// <summary>
/// Every org-scoped table with the smallest insert that satisfies its constraints ($1 = org_id). The catalog test fails
/// when a table with org_id is missing here, so a new table cannot ship without its cross-org test.
/// </summary>
internal static class OrgTables
{
    public static IReadOnlyDictionary<string, string> MinimalInserts { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["organizations"] = "INSERT INTO organizations (org_id, name) VALUES ($1, 'n')",
        ["api_keys"] = "INSERT INTO api_keys (org_id, client_id, tenant_id, secret_hash) VALUES ($1, 'c', 'c', '\\x00')",
        ["audit_logs"] = "INSERT INTO audit_logs (org_id, client_id, request_id) VALUES ($1, 'c', 'r')",
        ["static_policies"] = "INSERT INTO static_policies (org_id, tenant_id, policy_id, name, category, pattern) VALUES ($1, 'c', 'p1', 'n', 'pii-us', 'x')",
        ["dynamic_policies"] = "INSERT INTO dynamic_policies (org_id, tenant_id, policy_id, name) VALUES ($1, 'c', 'p1', 'n')",
        ["policy_overrides"] = "INSERT INTO policy_overrides (org_id, policy_id, override_reason) VALUES ($1, 'p1', 'r')",
        ["gateway_contexts"] = "INSERT INTO gateway_contexts (org_id, approved, expires_at) VALUES ($1, true, now())",
        ["llm_call_audits"] = "INSERT INTO llm_call_audits (org_id, provider, model) VALUES ($1, 'local', 'm')",
        ["mcp_query_audits"] = "INSERT INTO mcp_query_audits (org_id) VALUES ($1)",
        ["daily_usage"] = "INSERT INTO daily_usage (org_id, client_id, usage_date) VALUES ($1, 'c', current_date)",
        ["execution_history"] = "INSERT INTO execution_history (org_id) VALUES ($1)",
        ["service_identities"] = "INSERT INTO service_identities (org_id, service_name) VALUES ($1, 'svc')",
        ["agent_audit_logs"] = "INSERT INTO agent_audit_logs (org_id, action) VALUES ($1, 'a')",
        ["policy_versions"] = "INSERT INTO policy_versions (org_id, policy_type, policy_id, version, change_type, snapshot) VALUES ($1, 'static', 'p1', 1, 'created', '{}')",
        ["portal_users"] = "INSERT INTO portal_users (org_id, email) VALUES ($1, $1 || '@users.test')",
        ["portal_sessions"] = """
            WITH u AS (INSERT INTO portal_users (org_id, email) VALUES ($1, $1 || '@sessions.test') RETURNING org_id, id)
            INSERT INTO portal_sessions (org_id, user_id, token_hash, created_at, last_seen_at, expires_at)
            SELECT org_id, id, decode(md5($1), 'hex'), now(), now(), now() + interval '1 hour' FROM u
            """,
        ["portal_sso_settings"] = "INSERT INTO portal_sso_settings (org_id, protocol) VALUES ($1, 'oidc')",
        ["community_saas_tenants"] = "INSERT INTO community_saas_tenants (org_id, expires_at) VALUES ($1, now() + interval '1 day')",
        ["plugin_user_licenses"] = "INSERT INTO plugin_user_licenses (org_id, tenant_id, jti, license_token, issued_at, expires_at) VALUES ($1, $1, 'jti-' || $1, 'AXON-x.y', now(), now() + interval '1 day')",
        ["email_outbox"] = "INSERT INTO email_outbox (org_id, kind, recipient, subject) VALUES ($1, 'k', 'r@mail.test', 's')",
        ["scim_tokens"] = "INSERT INTO scim_tokens (org_id, token_hash) VALUES ($1, decode(md5($1), 'hex'))",
        ["community_saas_request_telemetry"] = "INSERT INTO community_saas_request_telemetry (org_id, client_id, client, route, tier, status) VALUES ($1, $1, 'sdk-go/7.8.0', '/api/v1/process', 'free', 200)",
        ["csaas_delete_tokens"] = "INSERT INTO csaas_delete_tokens (selector, org_id, token_hash, created_at, expires_at) VALUES (md5($1), $1, '\\x00', now(), now() + interval '1 hour')",
    };

    public static TheoryData<string> Names => [.. MinimalInserts.Keys];
}
