namespace AxonFlow.Postgres.Migrations;

/// <summary>An applied migration's file changed since it ran; booting on a schema that no longer matches its history is refused.</summary>
public sealed class MigrationChecksumMismatchException(string fileName, string appliedChecksum, string currentChecksum)
    : Exception($"Migration {fileName} was modified after it was applied (applied checksum {appliedChecksum[..12]}…, file now {currentChecksum[..12]}…); refusing to boot. Restore the original file, or add a new migration instead of editing an applied one.")
{
    public string FileName { get; } = fileName;
}

/// <summary>A migration failed; its transaction rolled back and the failure is recorded in <c>schema_migrations</c>.</summary>
public sealed class MigrationFailedException(string fileName, string reason, Exception inner)
    : Exception($"Migration {fileName} failed and was rolled back: {reason}", inner)
{
    public string FileName { get; } = fileName;
}
