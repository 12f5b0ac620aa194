namespace Hypercare.Core.Communications;

/// <summary>A chart of a report as a PNG, referenced from the Markdown as <c>![alt](chart:name)</c>.</summary>
public sealed record ReportChart(string Name, string Title, byte[] Png);

/// <summary>What a builder returns: the subject, the period, the Markdown (the editable form) and the charts it refers to.</summary>
public sealed record ReportContent(ReportKind Kind, string Subject, DateTimeOffset PeriodStart, DateTimeOffset PeriodEnd, DateOnly ForDate,
    string Markdown, IReadOnlyList<ReportChart> Charts);
