using Hypercare.Core.Forecasting;

namespace Hypercare.Core.Tests.Forecasting;

/// <summary>The published data sets in Forecasting/Data (sources and transcription notes in Data/README.md).</summary>
internal static class PublishedData
{
    /// <summary>Goel and Okumoto (1979): the first 26 NTDS failures, in days.</summary>
    public static FailureTimes Ntds => Load("ntds.csv");

    /// <summary>Musa's SYS1: 136 failures, in CPU seconds.</summary>
    public static FailureTimes Sys1 => Load("sys1.csv");

    public static string PathOf(string file) => Path.Combine(AppContext.BaseDirectory, "Forecasting", "Data", file);

    private static FailureTimes Load(string file)
    {
        using var reader = File.OpenText(PathOf(file));
        var outcome = ArrivalCsv.Read(reader, file);
        Assert.True(outcome.Succeeded, outcome.Failure?.Message);
        return Assert.IsType<FailureTimes>(outcome.Value);
    }
}
