namespace AxonFlow.Postgres.Migrations;

/// <summary>One numbered forward migration and, for FORCE-RLS batches, the <c>_down.sql</c> that reverts it.</summary>
public sealed record MigrationScript(int Version, string Name, string FileName, string Sql, string Checksum, string? DownSql, int? RlsBatch);
