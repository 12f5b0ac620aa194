using Hypercare.Core.Forecasting;

namespace Hypercare.Core.Tests.Forecasting;

public class ArrivalCsvTests
{
    private static Outcome<ArrivalData> Read(string text) => ArrivalCsv.Read(new StringReader(text), "F.csv");

    private static string Refusal(string text)
    {
        var outcome = Read(text);
        Assert.False(outcome.Succeeded);
        Assert.Equal(FailureKind.Invalid, outcome.Failure!.Kind);
        return outcome.Failure.Message;
    }

    [Fact]
    public void Read_TimeColumn_GivesFailureTimesEndingAtTheLast()
    {
        var data = Assert.IsType<FailureTimes>(Read("time\n9\n21\n21\n32.5\n\n").Value);

        Assert.Equal([9, 21, 21, 32.5], data.Times);
        Assert.Equal(32.5, data.End);
    }

    [Fact]
    public void Read_EndAndCountColumnsInAnyOrderAndCase_GivesGroupedCounts()
    {
        var data = Assert.IsType<GroupedCounts>(Read("Count, End\n4,1\n0,2\n7,3.5\n").Value);

        Assert.Equal([1, 2, 3.5], data.Ends);
        Assert.Equal([4, 0, 7], data.Counts);
        Assert.Equal(11, data.Count);
    }

    [Fact]
    public void Read_NotANumber_NamesLineAndColumn() =>
        Assert.Equal("F.csv:4:1: 'abc' is not a number", Refusal("time\n1\n2\nabc\n"));

    [Fact]
    public void Read_BadCount_NamesItsColumn()
    {
        Assert.Equal("F.csv:3:2: count must not be negative, not -2", Refusal("end,count\n1,3\n2,-2\n"));
        Assert.Equal("F.csv:2:2: '1.5' is not a whole number", Refusal("end,count\n1,1.5\n"));
        Assert.Equal("F.csv:2:2: a value is missing", Refusal("end,count\n1\n"));
    }

    [Fact]
    public void Read_DescendingTimes_NamesTheLine() =>
        Assert.Equal("F.csv:4:1: times must ascend; 12 comes after 21", Refusal("time\n9\n21\n12\n"));

    [Fact]
    public void Read_EndsNotIncreasing_NamesTheLine() =>
        Assert.Equal("F.csv:3:1: interval ends must increase; 1 comes after 1", Refusal("end,count\n1,2\n1,3\n"));

    [Fact]
    public void Read_TimeNotPositive_IsRefused() =>
        Assert.StartsWith("F.csv:2:1: time must be greater than 0", Refusal("time\n0\n"), StringComparison.Ordinal);

    [Fact]
    public void Read_UnknownHeader_NamesTheColumn()
    {
        Assert.StartsWith("F.csv:1:2: unexpected column 'days'", Refusal("end,days\n1,2\n"), StringComparison.Ordinal);
        Assert.StartsWith("F.csv:1: expected a header row", Refusal("end\n1\n"), StringComparison.Ordinal);
        Assert.StartsWith("F.csv:1:2: unexpected column 'time'", Refusal("time,time\n1,2\n"), StringComparison.Ordinal);
    }

    [Fact]
    public void Read_ExtraCell_NamesIt() =>
        Assert.StartsWith("F.csv:3:2: unexpected value '5'", Refusal("time\n1\n2,5\n"), StringComparison.Ordinal);

    [Fact]
    public void Read_EmptyFileOrHeaderOnly_IsRefused()
    {
        Assert.StartsWith("F.csv: the file is empty", Refusal(""), StringComparison.Ordinal);
        Assert.Equal("F.csv: no data rows after the header.", Refusal("time\n"));
    }
}
