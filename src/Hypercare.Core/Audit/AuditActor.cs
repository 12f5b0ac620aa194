using Hypercare.Core.People;

namespace Hypercare.Core.Audit;

/// <summary>Who the current unit of work acts for. Hosts set it once per request or command; the audit trail reads it.</summary>
public sealed class AuditActor
{
    public Caller Current { get; set; } = Caller.System;
}
