using System.Text.Json;
using System.Text.Json.Serialization;
using AxonFlow.Server.Providers.Anthropic;
using AxonFlow.Server.Providers.OpenAi;
using AxonFlow.Server.Providers.Pricing;

namespace AxonFlow.Server.Providers;

/// <summary>Source-generated (reflection-free) JSON for both provider wire formats and the pricing file; both wires are snake_case.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true)]
[JsonSerializable(typeof(OpenAiChatRequest))]
[JsonSerializable(typeof(OpenAiChatResponse))]
[JsonSerializable(typeof(AnthropicMessagesRequest))]
[JsonSerializable(typeof(AnthropicMessagesResponse))]
[JsonSerializable(typeof(Dictionary<string, Dictionary<string, PriceFileEntry>>), TypeInfoPropertyName = "PriceFileDocument")]
internal sealed partial class ProviderJsonContext : JsonSerializerContext
{
}
