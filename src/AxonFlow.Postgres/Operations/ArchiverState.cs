namespace AxonFlow.Postgres.Operations;

/// <summary>WAL archiving as far as the server shows it (<c>pg_settings</c> and <c>pg_stat_archiver</c>).</summary>
/// <param name="ArchiveMode"><c>archive_mode</c> (<c>off</c>, <c>on</c>, <c>always</c>); null when not visible.</param>
/// <param name="ArchiveCommand"><c>archive_command</c>; null when not visible to the inspecting role.</param>
/// <param name="ArchiveLibrary"><c>archive_library</c> (PostgreSQL 15+); null when absent or not visible.</param>
/// <param name="ArchivedCount">Segments archived since the statistics were reset.</param>
/// <param name="LastArchivedAt">When the last segment was archived.</param>
/// <param name="FailedCount">Failed archive attempts since the statistics were reset.</param>
/// <param name="LastFailedWal">The segment of the last failure.</param>
/// <param name="LastFailedAt">When the last attempt failed.</param>
public sealed record ArchiverState(
    string? ArchiveMode,
    string? ArchiveCommand,
    string? ArchiveLibrary,
    long ArchivedCount,
    DateTimeOffset? LastArchivedAt,
    long FailedCount,
    string? LastFailedWal,
    DateTimeOffset? LastFailedAt)
{
    public bool IsEnabled => ArchiveMode is "on" or "always";

    /// <summary>Both the command and the library are visible and empty: archiving is switched on but nothing archives.</summary>
    public bool HasNoDestination => ArchiveCommand is "" && ArchiveLibrary is null or "";

    /// <summary>The most recent attempt failed (no success since the last failure).</summary>
    public bool IsFailing => LastFailedAt is { } failed && (LastArchivedAt is not { } archived || failed > archived);
}
