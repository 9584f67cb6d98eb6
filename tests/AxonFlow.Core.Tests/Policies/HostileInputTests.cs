using System.Diagnostics;
using System.Text;
using AxonFlow.Core.Policies;

namespace AxonFlow.Core.Tests.Policies;

/// <summary>Inputs built to make individual system patterns backtrack; every scan must stay roughly linear.</summary>
public sealed class HostileInputTests
{
    public static TheoryData<string> Fragments =>
    [
        "1",
        "1 ",
        "123-45-",
        "@",
        "a@",
        "a.",
        "/*",
        "' OR '",
        " OR 1=1",
        "--",
        "; SELECT ",
        "CONCAT(",
        "passport A1",
        "born 1/",
        "GB82 ",
        "sk-",
        "eyJa.",
        "password='",
        "0x",
        "UNION /**/",
    ];

    [Theory]
    [MemberData(nameof(Fragments))]
    public void EvaluateInput_RepeatedFragment_ScalesLinearly(string fragment)
    {
        var small = Repeat(fragment, 10_000);
        var large = Repeat(fragment, 100_000);
        var set = Build.SystemOnly;
        set.EvaluateInput(PolicyInput.ForQuery(small));

        var smallTime = Fastest(() => set.EvaluateInput(PolicyInput.ForQuery(small)));
        var largeTime = Fastest(() => set.EvaluateInput(PolicyInput.ForQuery(large)));

        // Linear means about x10, quadratic x100. Only the ratio is asserted (fastest of five runs each), so a busy machine
        // slows both sides alike; wall-clock budgets belong to the benchmarks (docs/benchmarks.md).
        Assert.True(largeTime < (smallTime * 30) + TimeSpan.FromMilliseconds(100), $"10k: {smallTime}, 100k: {largeTime}");
    }

    [Fact]
    public void EvaluateInput_ThousandsOfHits_AreAllReportedInLinearTime()
    {
        const string Sentence = "SSN 123-45-6789, card 4111111111111111. ";
        var small = Repeat(Sentence, 10_000);
        var prompt = Repeat(Sentence, 100_000);
        var set = Build.SystemOnly;
        set.EvaluateInput(PolicyInput.ForQuery(small));

        var smallTime = Fastest(() => set.EvaluateInput(PolicyInput.ForQuery(small)));
        PolicyEvaluation? result = null;
        var elapsed = Fastest(() => result = set.EvaluateInput(PolicyInput.ForQuery(prompt)));

        Assert.True(elapsed < (smallTime * 30) + TimeSpan.FromMilliseconds(100), $"500 hits: {smallTime}, 5,000 hits: {elapsed}");
        Assert.Equal(5_000, result!.Hits.Count);
        Assert.Equal(
            "PII detected: US SSN (Social Security Number) (sys_pii_ssn); PII detected: Payment card number (sys_pii_credit_card)",
            result.BlockReason);
    }

    private static string Repeat(string fragment, int length)
    {
        var builder = new StringBuilder(length + fragment.Length);
        while (builder.Length < length)
        {
            builder.Append(fragment);
        }

        return builder.ToString(0, length);
    }

    private static TimeSpan Fastest(Action action)
    {
        var fastest = TimeSpan.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var watch = Stopwatch.StartNew();
            action();
            fastest = TimeSpan.FromTicks(Math.Min(fastest.Ticks, watch.Elapsed.Ticks));
        }

        return fastest;
    }
}
