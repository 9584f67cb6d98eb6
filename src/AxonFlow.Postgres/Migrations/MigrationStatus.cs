namespace AxonFlow.Postgres.Migrations;

/// <summary>One migration as the database records it (or not yet).</summary>
public sealed record MigrationStatus(MigrationScript Script, AppliedMigration? Applied)
{
    public bool IsApplied => Applied is { Success: true };

    public bool HasDrift => IsApplied && Applied!.Checksum != Script.Checksum;
}

/// <summary>A row of <c>schema_migrations</c>.</summary>
public sealed record AppliedMigration(int Version, string Name, string Checksum, DateTimeOffset AppliedAt, int DurationMs, bool Success, string? Error);
