namespace AxonFlow.Cli.Preflight;

/// <summary>One of the eight upgrade checks of seed 000: pure, it only judges the facts gathered beforehand.</summary>
internal interface IPreflightCheck
{
    string Name { get; }

    IReadOnlyList<CheckResult> Evaluate(PreflightFacts facts);
}
