namespace AxonFlow.Cli.Preflight;

/// <summary>A check's verdict; the command exits 1 when any check fails.</summary>
internal enum CheckOutcome
{
    Pass,
    Warn,
    Fail,
}
