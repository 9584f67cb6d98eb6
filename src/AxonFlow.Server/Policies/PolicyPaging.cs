using System.Text.Json;
using AxonFlow.Postgres.Policies;

namespace AxonFlow.Server.Policies;

/// <summary>Page/page_size (or the SDKs' limit/offset) for policy lists, capped at 100 a page.</summary>
internal static class PolicyPaging
{
    public const int MaxPageSize = 100;

    public static bool TryCreate(int? page, int? pageSize, int? offset, out int resolvedPage, out int size, out string? error)
    {
        size = pageSize ?? 20;
        resolvedPage = page ?? (offset is { } o && size > 0 ? (o / size) + 1 : 1);
        error = size is < 1 or > MaxPageSize ? $"page_size must be between 1 and {MaxPageSize}, but was {size}"
            : resolvedPage < 1 ? $"page must be 1 or more, but was {resolvedPage}"
            : offset is < 0 ? $"offset must be 0 or more, but was {offset}"
            : null;
        return error is null;
    }

    public static Pagination Of(int page, int size, long total) => new(page, size, total, (total + size - 1) / size);

    public static PolicyVersionView ToView(PolicyVersionRow row) =>
        new(row.Version, row.ChangeType, row.ChangedBy, row.ChangedAt, JsonDocument.Parse(row.SnapshotJson).RootElement.Clone());
}
