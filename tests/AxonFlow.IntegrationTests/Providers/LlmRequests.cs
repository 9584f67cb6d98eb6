using AxonFlow.Server.Providers;

namespace AxonFlow.IntegrationTests.Providers;

public static class LlmRequests
{
    public static LlmRequest Chat(string prompt, string? provider = null, string? model = null, int? maxTokens = null, double? temperature = null) =>
        new([new LlmMessage("user", prompt)], model, provider, maxTokens, temperature, "req-test-1");

    public static LlmRequest WithSystem(string system, string prompt) =>
        new([new LlmMessage("system", system), new LlmMessage("user", prompt)], null, null, null, null, "req-test-2");
}
