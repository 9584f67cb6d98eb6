namespace AxonFlow.Server.Nodes;

/// <summary>Start-up refused by the node limit; the message is the one FATAL line <c>serve</c> prints.</summary>
public sealed class NodeLimitExceededException(string fatalLine) : Exception(fatalLine);
