using Hypercare.Core.Adoption.Import;

namespace Hypercare.Core.Tests.Adoption.Import;

public class SalesforceTimeTests
{
    private static readonly DateTimeOffset Expected = new(2026, 3, 1, 14, 5, 22, TimeSpan.Zero);

    [Theory]
    [InlineData("2026-03-01T14:05:22.000+0000")]
    [InlineData("2026-03-01T14:05:22.000Z")]
    [InlineData("2026-03-01T14:05:22Z")]
    [InlineData("2026-03-01T14:05:22.000+00:00")]
    [InlineData("2026-03-01T15:05:22.000+0100")]
    [InlineData("2026-03-01T09:05:22.000-05:00")]
    [InlineData("20260301140522.000")]
    [InlineData("1772373922000")]
    [InlineData(" 2026-03-01T14:05:22.000Z ")]
    public void TryParse_SalesforceShapes_SameUtcInstant(string text)
    {
        Assert.True(SalesforceTime.TryParse(text, out var instant));
        Assert.Equal(Expected, instant);
        Assert.Equal(TimeSpan.Zero, instant.Offset);
    }

    [Fact]
    public void TryParse_EventLogTimestampAndDerivedAndEpoch_Agree()
    {
        Assert.True(SalesforceTime.TryParse("20260302141530.123", out var compact));
        Assert.True(SalesforceTime.TryParse("2026-03-02T14:15:30.123Z", out var derived));
        Assert.True(SalesforceTime.TryParse("1772460928300", out var epoch));
        Assert.Equal(derived, compact);
        Assert.Equal(new DateTimeOffset(2026, 3, 2, 14, 15, 28, 300, TimeSpan.Zero), epoch);
    }

    [Theory]
    [InlineData("")]
    [InlineData("yesterday")]
    [InlineData("2026-13-01T14:05:22.000Z")]
    [InlineData("2026-02-30T14:05:22.000Z")]
    [InlineData("2026-03-01T14:05:22.000+00")]
    public void TryParse_NotATime_IsFalse(string text) => Assert.False(SalesforceTime.TryParse(text, out _));
}
