namespace Hypercare.Core.Adoption.Import;

/// <summary>What an import did with a file: rows read, imported, skipped as duplicates, rejected (with line and reason).</summary>
public sealed record ImportReport(
    int? ImportId,
    ImportKind Kind,
    string FileName,
    string Format,
    long RowsRead,
    long Imported,
    long Duplicates,
    long Rejected,
    long Skipped,
    bool Committed,
    IReadOnlyList<Rejection> Rejections,
    DateOnly? FirstDay,
    DateOnly? LastDay)
{
    /// <summary>At most this many rejections are listed; the count covers all of them.</summary>
    public const int MaxListedRejections = 100;
}

/// <summary>How to import: <see cref="AllowRejects"/> commits the good rows of a file that has bad ones (default: all or nothing).</summary>
public sealed record ImportOptions(bool AllowRejects = false, IReadOnlyDictionary<string, string>? RosterMapping = null);
