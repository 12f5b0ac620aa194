namespace Hypercare.Core.Exit;

/// <summary>
/// The sponsor's sign-off that hypercare may end. An administrator may sign for a named sponsor (recorded). A Sev1
/// reported or raised after it withdraws it; the withdrawal is kept, not deleted.
/// </summary>
public sealed class ExitSignOff
{
    public const int TextMaxLength = 1000;

    public long Id { get; private set; }

    public int ProjectId { get; private set; }

    public int SignedByUserId { get; private set; }

    /// <summary>The sponsor an administrator signed for; null when the sponsor signed.</summary>
    public int? OnBehalfOfUserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Comment { get; private set; } = "";

    /// <summary>The lead's reason for signing while other rules did not hold, and which rules those were.</summary>
    public string? OverrideReason { get; private set; }

    public string? UnmetAtSignOff { get; private set; }

    public DateTimeOffset? WithdrawnAt { get; private set; }

    public string? WithdrawnReason { get; private set; }

    public bool IsActive => WithdrawnAt is null;

    public static ExitSignOff Sign(int projectId, int byUserId, int? onBehalfOf, string comment, string? overrideReason, string? unmet, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        SignedByUserId = byUserId,
        OnBehalfOfUserId = onBehalfOf,
        At = now,
        Comment = comment,
        OverrideReason = overrideReason,
        UnmetAtSignOff = unmet,
    };

    public void Withdraw(string reason, DateTimeOffset at)
    {
        WithdrawnAt = at;
        WithdrawnReason = reason.Length > TextMaxLength ? reason[..TextMaxLength] : reason;
    }
}

/// <summary>The lead's recorded decision that the sponsor may sign although other rules do not hold. Used by one sign-off.</summary>
public sealed class ExitOverride
{
    public long Id { get; private set; }

    public int ProjectId { get; private set; }

    public int ByUserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public string Reason { get; private set; } = "";

    public long? UsedBySignOffId { get; private set; }

    public DateTimeOffset? ClearedAt { get; private set; }

    public bool IsOpen => UsedBySignOffId is null && ClearedAt is null;

    public static ExitOverride Record(int projectId, int byUserId, string reason, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        ByUserId = byUserId,
        At = now,
        Reason = reason,
    };

    public void UseFor(long signOffId) => UsedBySignOffId = signOffId;

    public void Clear(DateTimeOffset now) => ClearedAt = now;
}

/// <summary>One extension of hypercare's planned end: from, to, why, by whom.</summary>
public sealed class ExitExtension
{
    public long Id { get; private set; }

    public int ProjectId { get; private set; }

    public DateOnly? FromEnd { get; private set; }

    public DateOnly ToEnd { get; private set; }

    public string Reason { get; private set; } = "";

    public int ByUserId { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static ExitExtension Record(int projectId, DateOnly? from, DateOnly to, string reason, int byUserId, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        FromEnd = from,
        ToEnd = to,
        Reason = reason,
        ByUserId = byUserId,
        At = now,
    };
}

/// <summary>The last evaluation of a project's exit rules on one local day: the history the Exit page charts.</summary>
public sealed class ExitEvaluationRecord
{
    public long Id { get; private set; }

    public int ProjectId { get; private set; }

    public DateOnly Day { get; private set; }

    public DateTimeOffset EvaluatedAt { get; private set; }

    public bool AllMet { get; private set; }

    public List<RuleDayState> Rules { get; private set; } = [];

    public static ExitEvaluationRecord Of(int projectId, ExitEvaluation evaluation) => new()
    {
        ProjectId = projectId,
        Day = evaluation.Day,
    };

    public void Update(ExitEvaluation evaluation)
    {
        EvaluatedAt = evaluation.EvaluatedAt;
        AllMet = evaluation.AllMet;
        Rules = [.. evaluation.Rules.Select(r => new RuleDayState(r.Kind, r.State, r.Summary))];
    }
}

public sealed record RuleDayState(ExitRuleKind Kind, RuleState State, string Summary);

/// <summary>The "planned end is near and the rules do not hold" alert, once per project and planned end.</summary>
public sealed class ExitEndAlert
{
    public long Id { get; private set; }

    public int ProjectId { get; private set; }

    public DateOnly PlannedEnd { get; private set; }

    public DateTimeOffset At { get; private set; }

    public static ExitEndAlert Record(int projectId, DateOnly plannedEnd, DateTimeOffset now) => new()
    {
        ProjectId = projectId,
        PlannedEnd = plannedEnd,
        At = now,
    };
}
