namespace AxonFlow.Postgres.Policies;

/// <summary>The outcome of changing a policy: it was changed, it does not exist for this org, or it is a system policy.</summary>
public abstract record PolicyMutation<T>
{
    private PolicyMutation()
    {
    }

    public sealed record Changed(T Value) : PolicyMutation<T>;

    public sealed record NotFound : PolicyMutation<T>;

    public sealed record SystemPolicy : PolicyMutation<T>;
}
