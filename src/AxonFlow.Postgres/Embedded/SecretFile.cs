namespace AxonFlow.Postgres.Embedded;

/// <summary>Generated secrets kept on disk, readable by the service's user only (mode 0600).</summary>
public static class SecretFile
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public static string ReadOrCreate(string path, Func<string> generate)
    {
        ArgumentNullException.ThrowIfNull(generate);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var value = generate();
        Write(path, value);
        return value;
    }

    /// <summary>Writes atomically with 0600 from the first byte, so the secret is never briefly world-readable.</summary>
    public static void Write(string path, string content)
    {
        ArgumentNullException.ThrowIfNull(content);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly };
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(content);
        }

        File.SetUnixFileMode(temporary, OwnerOnly);
        File.Move(temporary, path, overwrite: true);
    }
}
