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

        var smallTime = Time(() => set.EvaluateInput(PolicyInput.ForQuery(small)));
        var largeTime = Time(() => set.EvaluateInput(PolicyInput.ForQuery(large)));

        Assert.True(largeTime < TimeSpan.FromSeconds(2), $"100k chars took {largeTime}");
        Assert.True(largeTime < (smallTime * 40) + TimeSpan.FromMilliseconds(50), $"10k: {smallTime}, 100k: {largeTime}");
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

    private static TimeSpan Time(Action action)
    {
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed;
    }
}
