namespace AxonFlow.Server.Providers.Routing;

internal sealed partial class LlmRouter
{
    /// <summary>Forwarding events (3000 range). Reasons are already caller-safe; prompts and keys are never logged.</summary>
    private static partial class Log
    {
        [LoggerMessage(EventId = 3001, Level = LogLevel.Information, Message = "LLM router: providers {Providers}, strategy {Strategy}")]
        public static partial void Configured(ILogger logger, string providers, RoutingStrategy strategy);

        [LoggerMessage(EventId = 3002, Level = LogLevel.Debug, Message = "LLM request {RequestId}: calling {Provider} with model {Model}")]
        public static partial void Attempting(ILogger logger, string requestId, string provider, string model);

        [LoggerMessage(EventId = 3003, Level = LogLevel.Warning, Message = "LLM request {RequestId}: {Provider} failed ({FailureKind}): {Reason}")]
        public static partial void ProviderFailed(ILogger logger, string requestId, string provider, string failureKind, string reason);

        [LoggerMessage(EventId = 3004, Level = LogLevel.Information, Message = "LLM request {RequestId}: {FailedProvider} failed, retrying once on {Provider}")]
        public static partial void Retrying(ILogger logger, string requestId, string failedProvider, string provider);

        [LoggerMessage(EventId = 3005, Level = LogLevel.Information, Message = "LLM request {RequestId}: {Provider} rejected the request: {Reason}")]
        public static partial void ProviderRejected(ILogger logger, string requestId, string provider, string reason);

        [LoggerMessage(EventId = 3006, Level = LogLevel.Debug, Message = "LLM request {RequestId}: the caller cancelled while {Provider} was answering")]
        public static partial void ClientAborted(ILogger logger, string requestId, string provider);

        [LoggerMessage(EventId = 3007, Level = LogLevel.Warning, Message = "LLM request {RequestId}: no provider available, every circuit is open")]
        public static partial void NoProviderAvailable(ILogger logger, string requestId);

        [LoggerMessage(EventId = 3008, Level = LogLevel.Error, Message = "LLM request {RequestId}: calling {Provider} threw {ExceptionType}")]
        public static partial void UnexpectedError(ILogger logger, string requestId, string provider, string exceptionType);

        [LoggerMessage(EventId = 3010, Level = LogLevel.Warning, Message = "LLM provider {Provider}: circuit opened after {Failures} consecutive failures")]
        public static partial void CircuitOpened(ILogger logger, string provider, int failures);

        [LoggerMessage(EventId = 3011, Level = LogLevel.Information, Message = "LLM provider {Provider}: circuit half-open, request {RequestId} is the probe")]
        public static partial void CircuitProbing(ILogger logger, string provider, string requestId);

        [LoggerMessage(EventId = 3012, Level = LogLevel.Information, Message = "LLM provider {Provider}: circuit closed")]
        public static partial void CircuitClosed(ILogger logger, string provider);
    }
}
