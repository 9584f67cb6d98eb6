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

        AssertLinear(() => set.EvaluateInput(PolicyInput.ForQuery(small)), () => set.EvaluateInput(PolicyInput.ForQuery(large)));
    }

    [Fact]
    public void EvaluateInput_ThousandsOfHits_AreAllReportedInLinearTime()
    {
        const string Sentence = "SSN 123-45-6789, card 4111111111111111. ";
        var small = Repeat(Sentence, 10_000);
        var prompt = Repeat(Sentence, 100_000);
        var set = Build.SystemOnly;
        set.EvaluateInput(PolicyInput.ForQuery(small));

        PolicyEvaluation? result = null;
        AssertLinear(() => set.EvaluateInput(PolicyInput.ForQuery(small)), () => result = set.EvaluateInput(PolicyInput.ForQuery(prompt)));

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

    /// <summary>
    /// Asserts a 10x larger input costs well under the 100x a quadratic scan would: the fastest of five interleaved runs each,
    /// so a busy machine slows both sides alike. A load spike can still hit one side, so a failed comparison is measured
    /// again (up to three times); a quadratic scan fails every time. Wall-clock budgets belong to the benchmarks
    /// (docs/benchmarks.md).
    /// </summary>
    private static void AssertLinear(Action small, Action large)
    {
        var measured = new List<string>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var (smallTime, largeTime) = FastestInterleaved(small, large);
            if (largeTime < (smallTime * 30) + TimeSpan.FromMilliseconds(100))
            {
                return;
            }

            measured.Add($"small input: {smallTime}, 10x larger input: {largeTime}");
        }

        Assert.Fail("The scan grew faster than linearly: " + string.Join("; ", measured));
    }

    private static (TimeSpan Small, TimeSpan Large) FastestInterleaved(Action small, Action large)
    {
        var (fastestSmall, fastestLarge) = (TimeSpan.MaxValue, TimeSpan.MaxValue);
        for (var run = 0; run < 5; run++)
        {
            fastestSmall = Min(fastestSmall, Time(small));
            fastestLarge = Min(fastestLarge, Time(large));
        }

        return (fastestSmall, fastestLarge);
    }

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
