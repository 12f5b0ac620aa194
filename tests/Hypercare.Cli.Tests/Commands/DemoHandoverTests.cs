using Hypercare.Core.Exit;
using Hypercare.Core.Handover;

namespace Hypercare.Cli.Tests.Commands;

/// <summary>The demo go-live's handover after <c>demo seed</c>: go-live Friday 6 March 2026, "now" Monday 16 March (day 10).</summary>
[Collection(DemoCollection.Name)]
public sealed class DemoHandoverTests(DemoDatabase demo)
{
    [Fact]
    public async Task DemoSeed_Handover_ThreeAreasOneStageEach_TheChecklistUnderWay_AndTheRuleCountsIt()
    {
        var handover = await demo.ReadAsync<HandoverService, HandoverStatus>((s, a) => s.StatusAsync(a));
        var exit = await demo.ReadAsync<ExitService, ExitStatus>((s, a) => s.StatusAsync(a));

        Assert.Equal([("Accounts", HandoverStage.SteadyStateOwns), ("Cases", HandoverStage.ReverseShadow), ("ERP sync", HandoverStage.Shadow)],
            handover.Areas.Select(a => (a.Name, a.Stage)));
        Assert.All(handover.Areas, a => Assert.NotNull(a.Contact));
        // The demo's issues name these areas: Accounts and Cases have open issues to show.
        Assert.Contains(handover.Areas, a => a.OpenIssues > 0);
        Assert.Equal(7, handover.Items.Count);
        Assert.Equal(["access", "runbooks"], handover.Items.Where(i => i.DoneOn is not null).Select(i => i.DefaultKey!).Order(StringComparer.Ordinal));
        Assert.All(handover.Items, i => Assert.NotNull(i.Owner));
        Assert.Contains(handover.Items, i => i.DefaultKey is null && i.AreaName == "ERP sync");
        Assert.False(handover.Complete);

        var rule = exit.Evaluation.Rules.Single(r => r.Kind == ExitRuleKind.HandoverComplete);
        Assert.Equal(RuleState.NotMet, rule.State);
        Assert.Equal(5 + 2, rule.Evidence.Count);
    }
}
