using Hypercare.Core.KnownIssues;

namespace Hypercare.Core.Tests.KnownIssues;

public sealed class KnownIssueSuggesterTests
{
    private static readonly KnownIssueSuggester.Candidate[] Known =
    [
        new(1, "Quotes with discounts cannot be saved", "Saving a quote that has a discount line shows 'Unexpected error'.",
            "Quote won't save\nQuotes\nI press save and get an error on the quote"),
        new(2, "Negotiation stage missing from the pipeline board", "The opportunity pipeline board does not show the Negotiation column.", ""),
        new(3, "Outlook e-mails are not logged on contacts", "E-mails sent from Outlook with the add-in do not appear in the contact's activity history.",
            "Emails missing from activity\nOutlook integration"),
        new(4, "Sign-in loops back to the login page", "After single sign-on the browser returns to the login screen instead of the home page.", ""),
        new(5, "Report export to Excel times out", "Exporting a large report to Excel stops after a minute with a timeout.", ""),
    ];

    [Theory]
    [InlineData("When I try to save my quote it gives me an error", 1)]
    [InlineData("Saving quotes fails", 1)]
    [InlineData("my emails from outlook aren't showing in the activity history of the contact", 3)]
    [InlineData("keeps sending me back to the login page after I sign on", 4)]
    [InlineData("can't see the negotiation column on the pipeline", 2)]
    [InlineData("Excel export of my pipeline report timed out", 5)]
    public void Rank_RealisticReport_RightKnownIssueFirst(string report, int expected)
    {
        var ranked = KnownIssueSuggester.Rank(Known, report);

        Assert.Equal(expected, ranked[0].Id);
        Assert.True(ranked.Count == 1 || ranked[0].Score > ranked[1].Score);
    }

    [Fact]
    public void Rank_NothingInCommon_NoSuggestions()
    {
        Assert.Empty(KnownIssueSuggester.Rank(Known, "the coffee machine on floor three is broken"));
    }

    [Fact]
    public void Rank_OnlyStopWords_NoSuggestions()
    {
        Assert.Empty(KnownIssueSuggester.Rank(Known, "it is the and of a"));
    }
}
