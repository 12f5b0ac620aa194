using Hypercare.Core.Data;
using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Analysis.TokenAttributes;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.KnownIssues;

/// <summary>
/// Suggests known issues that look like a new report (docs/decisions/0031). The project's open known issues are indexed
/// in memory with Lucene's English analyzer (stop words, possessives, Porter stemming) over three fields: the title,
/// the symptoms, and the text of the reports already linked (how users actually describe it). The report's text is
/// analysed the same way and every term is a should-clause, title matches weighing most; BM25 ranks.
/// </summary>
public sealed class KnownIssueSuggester(HypercareDbContext db)
{
    public const int MaxQueryLength = 4000;
    public const int MaxSuggestions = 5;
    private const int MaxTerms = 200;
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;

    private static readonly (string Field, float Boost)[] Fields = [("title", 3f), ("symptoms", 2f), ("reports", 1f)];

    public async Task<Outcome<SuggestionList>> SuggestAsync(int projectId, string? text, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Failure.Invalid("q", "q is required: the title and description of the problem.");
        }

        if (text.Length > MaxQueryLength)
        {
            return Failure.Invalid("q", $"q must be at most {MaxQueryLength} characters (got {text.Length}).");
        }

        var known = await db.KnownIssues.AsNoTracking()
            .Where(k => k.ProjectId == projectId && k.Status != KnownIssueStatus.Fixed)
            .Select(k => new { k.Id, k.Title, k.Symptoms, k.Workaround, k.WorkaroundPublishedAt, k.Status })
            .ToListAsync(cancellationToken);
        if (known.Count == 0)
        {
            return new SuggestionList([]);
        }

        var ids = known.Select(k => k.Id).ToList();
        var reports = (await db.KnownIssueLinks.AsNoTracking().Where(l => ids.Contains(l.KnownIssueId))
                .Join(db.Issues, l => l.IssueId, i => i.Id, (l, i) => new { l.KnownIssueId, i.Title, i.Description, i.AffectedArea })
                .ToListAsync(cancellationToken))
            .GroupBy(r => r.KnownIssueId)
            .ToDictionary(g => g.Key, g => string.Join("\n", g.Select(r => $"{r.Title}\n{r.AffectedArea}\n{r.Description}")));

        var ranked = Rank(known.Select(k => new Candidate(k.Id, k.Title, k.Symptoms, reports.GetValueOrDefault(k.Id) ?? "")).ToList(), text);
        var byId = known.ToDictionary(k => k.Id);
        return new SuggestionList(ranked.Select(r =>
        {
            var k = byId[r.Id];
            return new KnownIssueSuggestion(k.Id, k.Title, k.Symptoms, k.WorkaroundPublishedAt is null ? null : k.Workaround, k.Status, r.Score);
        }).ToList());
    }

    public sealed record Candidate(int Id, string Title, string Symptoms, string Reports);

    /// <summary>The candidates that share analysed terms with the text, best first (at most <see cref="MaxSuggestions"/>).</summary>
    public static IReadOnlyList<(int Id, double Score)> Rank(IReadOnlyList<Candidate> candidates, string text)
    {
        using var analyzer = new EnglishAnalyzer(Version);
        using var directory = new RAMDirectory();
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(Version, analyzer) { Similarity = new Lucene.Net.Search.Similarities.BM25Similarity() }))
        {
            foreach (var c in candidates)
            {
                writer.AddDocument(new Document
                {
                    new StoredField("id", c.Id),
                    new TextField("title", c.Title, Field.Store.NO),
                    new TextField("symptoms", c.Symptoms, Field.Store.NO),
                    new TextField("reports", c.Reports, Field.Store.NO),
                });
            }

            writer.Commit();
        }

        var query = new BooleanQuery();
        foreach (var (field, boost) in Fields)
        {
            foreach (var term in Terms(analyzer, field, text))
            {
                query.Add(new TermQuery(new Term(field, term)) { Boost = boost }, Occur.SHOULD);
            }
        }

        if (query.Clauses.Count == 0)
        {
            return [];
        }

        using var reader = DirectoryReader.Open(directory);
        var searcher = new IndexSearcher(reader) { Similarity = new Lucene.Net.Search.Similarities.BM25Similarity() };
        return searcher.Search(query, MaxSuggestions).ScoreDocs
            .Select(hit => (searcher.Doc(hit.Doc).GetField("id").GetInt32Value()!.Value, Math.Round((double)hit.Score, 3)))
            .ToList();
    }

    private static List<string> Terms(Analyzer analyzer, string field, string text)
    {
        var terms = new List<string>();
        using var stream = analyzer.GetTokenStream(field, new StringReader(text));
        var term = stream.AddAttribute<ICharTermAttribute>();
        stream.Reset();
        while (stream.IncrementToken() && terms.Count < MaxTerms)
        {
            terms.Add(term.ToString());
        }

        stream.End();
        return terms.Distinct().ToList();
    }
}

public sealed record SuggestionList(IReadOnlyList<KnownIssueSuggestion> Items);
