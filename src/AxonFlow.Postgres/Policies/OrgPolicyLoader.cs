using AxonFlow.Core.Identity;
using AxonFlow.Postgres.OrgScoping;

namespace AxonFlow.Postgres.Policies;

/// <summary>Reads, in one org-scoped transaction, what that org's compiled policy set is built from.</summary>
public sealed class OrgPolicyLoader(OrgScope orgScope)
{
    public Task<OrgPolicyData> LoadAsync(OrgId org, CancellationToken cancellationToken) =>
        orgScope.RunAsync(org, async (session, token) => new OrgPolicyData(
            await StaticPolicyStore.LoadOwnAsync(session, token),
            await DynamicPolicyStore.LoadOwnAsync(session, token),
            await PolicyOverrideStore.LoadActiveAsync(session, token)), cancellationToken);
}
