using Hypercare.Core.Exit;

namespace Hypercare.Core.Tests.Exit;

public class ExitForecastTests
{
    private const string Berlin = "Europe/Berlin";
    private static readonly DateOnly GoLive = new(2026, 3, 2);

    /// <summary>Arrivals at 10:00 Berlin time on each day since go-live, <paramref name="perDay"/>[i] of them on day i.</summary>
    private static List<DateTimeOffset> Arrivals(params int[] perDay) =>
        [.. perDay.SelectMany((n, i) => Enumerable.Repeat(new DateTimeOffset(GoLive.AddDays(i).ToDateTime(new TimeOnly(10, 0)), TimeSpan.FromHours(1)), n))];

    [Fact]
    public void Forecast_FallingArrivals_PredictsAnEndAfterTheLastDayAndComparesItWithThePlan()
    {
        var arrivals = Arrivals(9, 7, 6, 4, 4, 3, 2, 2, 1, 1, 1, 0);
        var today = GoLive.AddDays(12);

        var forecast = ExitForecasting.Forecast(arrivals, GoLive, today, Berlin, new DateOnly(2026, 3, 20), "defects");

        var chosen = Assert.IsType<Hypercare.Core.Forecasting.GrowthFit>(forecast.Chosen);
        Assert.Equal(12, forecast.Days.Count);
        Assert.Equal(40, forecast.Days[^1].Cumulative);
        Assert.True(chosen.A > 40 && chosen.A < 60, $"a = {chosen.A}");
        var holds = Assert.NotNull(forecast.RuleHoldsOn);
        Assert.Equal(forecast.QuietFrom!.Value.AddDays(3), holds);
        Assert.True(forecast.QuietFrom >= today, $"quiet from {forecast.QuietFrom}");
        // The quiet window from the predicted day is at least 80 % likely, and from the day before it is not.
        var t = forecast.QuietFrom.Value.DayNumber - GoLive.DayNumber;
        Assert.True(Math.Exp(-(chosen.MeanValue(t + 3) - chosen.MeanValue(t))) >= 0.8);
        if (t - 1 >= 12)
        {
            Assert.True(Math.Exp(-(chosen.MeanValue(t + 2) - chosen.MeanValue(t - 1))) < 0.8);
        }

        Assert.Contains(holds <= new DateOnly(2026, 3, 20) ? "on or before the planned end" : "after the planned end", forecast.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Forecast_RisingArrivals_SaysSoAndGivesNoDate()
    {
        var forecast = ExitForecasting.Forecast(Arrivals(0, 1, 1, 2, 3, 4, 6, 8, 11), GoLive, GoLive.AddDays(9), Berlin, null, "defects");

        Assert.Null(forecast.Chosen);
        Assert.Null(forecast.RuleHoldsOn);
        Assert.Equal(ExitForecasting.NoEvidence, forecast.Summary);
        Assert.All(forecast.Fits, f => Assert.False(f.Finite));
    }

    [Fact]
    public void Forecast_TodayIsNotFitted_ItsCountWouldReadAsAFall()
    {
        var arrivals = Arrivals(5, 4, 3, 1);
        var today = GoLive.AddDays(3);

        var forecast = ExitForecasting.Forecast(arrivals, GoLive, today, Berlin, null, "defects");

        Assert.Equal([GoLive, GoLive.AddDays(1), GoLive.AddDays(2)], forecast.Days.Select(d => d.Day));
        Assert.Equal(12, forecast.Days[^1].Cumulative);
    }

    [Fact]
    public void Chart_IsAPngOfTheRequestedSize()
    {
        var forecast = ExitForecasting.Forecast(Arrivals(9, 7, 6, 4, 4, 3, 2, 2, 1, 1), GoLive, GoLive.AddDays(10), Berlin, new DateOnly(2026, 3, 20), "defects");

        var png = ExitForecasting.Chart(forecast, 400, 200);

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, png[..4]);
        Assert.Equal(400, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(200, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
    }
}
