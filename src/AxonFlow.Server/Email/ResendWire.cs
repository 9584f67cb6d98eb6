using System.Text.Json.Serialization;

namespace AxonFlow.Server.Email;

/// <summary>The body of <c>POST /emails</c> (Resend's send-email API).</summary>
internal sealed record ResendEmailRequest(string From, IReadOnlyList<string> To, string Subject, string Text, string? Html);

/// <summary>A 2xx answer: the id Resend gave the message.</summary>
internal sealed record ResendEmailResponse(string? Id);

/// <summary>An error answer; only <see cref="Name"/> (a fixed code such as <c>validation_error</c>) is kept.</summary>
internal sealed record ResendErrorResponse(string? Name);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ResendEmailRequest))]
[JsonSerializable(typeof(ResendEmailResponse))]
[JsonSerializable(typeof(ResendErrorResponse))]
internal sealed partial class ResendJsonContext : JsonSerializerContext
{
}
