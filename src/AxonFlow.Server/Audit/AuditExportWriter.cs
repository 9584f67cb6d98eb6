using System.Globalization;
using System.Text;
using System.Text.Json;
using AxonFlow.Postgres.Audit;

namespace AxonFlow.Server.Audit;

/// <summary>Formats audit rows for the streamed export: one JSON object per line, or RFC 4180 CSV.</summary>
internal static class AuditExportWriter
{
    public const string CsvHeader = "id,timestamp,request_id,client_id,user_id,request_type,decision,block_reason,policies,provider,model,prompt_tokens,completion_tokens,cost_usd,latency_ms";

    public static string JsonLine(AuditEntry entry, JsonSerializerOptions options) => JsonSerializer.Serialize(entry, options) + "\n";

    public static string CsvLine(AuditEntry entry)
    {
        var policies = string.Join(';', entry.Policies.EnumerateArray().Select(p => p.TryGetProperty("policy_id", out var id) ? id.GetString() : null).Where(id => id is not null));
        var fields = new[]
        {
            entry.Id.ToString(), entry.Timestamp.ToString("O", CultureInfo.InvariantCulture), entry.RequestId, entry.ClientId, entry.UserId,
            entry.RequestType, entry.Decision, entry.BlockReason, policies, entry.Provider, entry.Model,
            entry.PromptTokens.ToString(CultureInfo.InvariantCulture), entry.CompletionTokens.ToString(CultureInfo.InvariantCulture),
            entry.CostUsd?.ToString(CultureInfo.InvariantCulture), entry.LatencyMs?.ToString(CultureInfo.InvariantCulture),
        };
        var line = new StringBuilder();
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
            {
                line.Append(',');
            }

            line.Append(Escape(fields[i]));
        }

        return line.Append("\r\n").ToString();
    }

    /// <summary>Quotes fields that need it, and defuses spreadsheet formulas (a cell starting with = + - @).</summary>
    private static string Escape(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        if (value[0] is '=' or '+' or '-' or '@')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
