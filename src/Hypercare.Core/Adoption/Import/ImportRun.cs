using System.Data.Common;

namespace Hypercare.Core.Adoption.Import;

/// <summary>The state of one file's import.</summary>
internal sealed class ImportRun(ImportKind kind, CsvInput csv, int projectId, LocalDayClock clock, ImportSql sql, DbConnection connection, DbTransaction transaction)
{
    private readonly List<Rejection> _rejections = [];

    public ImportKind Kind => kind;

    public CsvInput Csv => csv;

    public int ProjectId => projectId;

    public LocalDayClock Clock => clock;

    public ImportSql Sql => sql;

    public DbConnection Connection => connection;

    public string Format { get; set; } = "";

    public DateTimeOffset Now { get; init; } = DateTimeOffset.MinValue;

    public long Read { get; private set; }

    public long Imported { get; set; }

    public long Duplicates { get; set; }

    public long Rejected { get; private set; }

    public long Skipped { get; private set; }

    /// <summary>The project's login users by number after a login import (null for other files).</summary>
    public IReadOnlyList<string>? LoginUsers { get; set; }

    /// <summary>Writes a login import leaves for the end (users, activity, failures); null for other files.</summary>
    public Func<CancellationToken, Task>? Finish { get; set; }

    public DateOnly? FirstDay { get; private set; }

    public DateOnly? LastDay { get; private set; }

    /// <summary>Counts a data row read by a parallel parser (<see cref="Next"/> does it for sequential ones).</summary>
    public void CountRead() => Read++;

    /// <summary>Counts a blank line or report footer read by a parallel parser.</summary>
    public void CountSkipped() => Skipped++;

    /// <summary>Counts the current row; false for blank lines and report footers, which carry no data.</summary>
    public bool Next(out long line)
    {
        var row = csv.Current;
        line = row.LineNumberFrom;
        if (csv.IsBlankOrFooter(row))
        {
            Skipped++;
            return false;
        }

        Read++;
        return true;
    }

    public void Reject(Rejection rejection)
    {
        Rejected++;
        if (_rejections.Count < ImportReport.MaxListedRejections)
        {
            _rejections.Add(rejection);
        }
    }

    public void Saw(DateOnly day)
    {
        FirstDay = FirstDay is { } first && first <= day ? first : day;
        LastDay = LastDay is { } last && last >= day ? last : day;
    }

    public DbCommand Command(string sqlText)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sqlText;
        var project = command.CreateParameter();
        project.ParameterName = "@p";
        project.Value = projectId;
        command.Parameters.Add(project);
        return command;
    }

    public async Task<Dictionary<string, string>> UsernamesAsync(CancellationToken cancellationToken)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var command = Command("""SELECT "Username","UserKey" FROM "AdoptionRoster" WHERE "ProjectId" = @p AND "Username" IS NOT NULL""");
        await using var rows = await command.ExecuteReaderAsync(cancellationToken);
        while (await rows.ReadAsync(cancellationToken))
        {
            map[rows.GetString(0)] = rows.GetString(1);
        }

        return map;
    }

    public ImportReport Report(int? importId, bool committed) => new(importId, kind, csv.FileName, Format, Read,
        committed ? Imported : 0, Duplicates, Rejected, Skipped, committed, _rejections.ToList(), FirstDay, LastDay);
}
