using AxonFlow.Core.Policies;
using BenchmarkDotNet.Attributes;

namespace AxonFlow.Benchmarks;

/// <summary>The full system policy set on the input and output scans; targets are in docs/benchmarks.md.</summary>
[MemoryDiagnoser]
public class PolicyEngineBenchmarks
{
    private PolicySet _system = null!;
    private PolicyInput _benign1K = null!;
    private PolicyInput _benign10K = null!;
    private PolicyInput _benign100K = null!;
    private PolicyInput _fiveHits = null!;
    private PolicyInput _hostile10K = null!;

    [GlobalSetup]
    public void Setup()
    {
        _system = PolicySet.Compile([], [], [], DateTimeOffset.UnixEpoch).PolicySet;
        _benign1K = PolicyInput.ForQuery(Prompts.Benign(1024));
        _benign10K = PolicyInput.ForQuery(Prompts.Benign(10 * 1024));
        _benign100K = PolicyInput.ForQuery(Prompts.Benign(100 * 1024));
        _fiveHits = PolicyInput.ForQuery(Prompts.FivePolicyHits());
        _hostile10K = PolicyInput.ForQuery(Prompts.Hostile(10 * 1024));

        foreach (var benign in new[] { _benign1K, _benign10K, _benign100K })
        {
            Expect(_system.EvaluateInput(benign).Hits.Count == 0, "benign prompt produced hits");
        }

        var hits = _system.EvaluateInput(_fiveHits);
        Expect(hits.PolicyIds.Count == 5, $"five-hit prompt hit {string.Join(", ", hits.PolicyIds)}");
    }

    [Benchmark(Baseline = true)]
    public PolicyEvaluation InputBenign1KB() => _system.EvaluateInput(_benign1K);

    [Benchmark]
    public PolicyEvaluation InputBenign10KB() => _system.EvaluateInput(_benign10K);

    [Benchmark]
    public PolicyEvaluation InputBenign100KB() => _system.EvaluateInput(_benign100K);

    [Benchmark]
    public PolicyEvaluation InputFivePolicyHits1KB() => _system.EvaluateInput(_fiveHits);

    /// <summary>The slowest fragment found by HostileInputTests, repeated: bounds the worst case, not the typical one.</summary>
    [Benchmark]
    public PolicyEvaluation InputHostile10KB() => _system.EvaluateInput(_hostile10K);

    [Benchmark]
    public PolicyEvaluation OutputFivePolicyHits1KB() => _system.EvaluateOutput(_fiveHits.Query, _fiveHits);

    private static void Expect(bool condition, string message)
    {
        if (!condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
