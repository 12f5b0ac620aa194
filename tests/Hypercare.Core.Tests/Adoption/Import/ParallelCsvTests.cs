using System.Text;
using Hypercare.Core.Adoption.Import;

namespace Hypercare.Core.Tests.Adoption.Import;

/// <summary>The parallel CSV reader (chunks cut at row ends outside quotes) and the packed login rows (ADR 0042).</summary>
public class ParallelCsvTests
{
    /// <summary>A file with every quirk the sequential reader handles: quoted line breaks (LF and CRLF), doubled quotes,
    /// commas in values, rows longer than a chunk, CRLF line ends, a BOM, a blank line and a report footer.</summary>
    private static byte[] QuirkyFile()
    {
        var text = new StringBuilder("\uFEFF\"Id\",\"Note\",\"Value\"\r\n");
        for (var i = 0; i < 400; i++)
        {
            var note = (i % 7) switch
            {
                0 => $"line one\nline two of {i}",
                1 => $"says \"\"hi\"\", twice\r\nand more",
                2 => new string('x', 150 + i),
                _ => $"plain {i}",
            };
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"\"{i}\",\"{note}\",\"{i * 3}, with comma\"");
            text.Append(i % 3 == 0 ? "\r\n" : "\n");
        }

        text.Append("\n\"Grand Totals (400 records)\"\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static List<(long Line, string Id, string Note, string Value, int Columns)> Read(CsvInput csv)
    {
        var rows = new List<(long, string, string, string, int)>();
        csv.ParallelRows((row, line) => (line, CsvInput.Cell(row, 0).ToString(), CsvInput.Cell(row, 1).ToString(), CsvInput.Cell(row, 2).ToString(), row.ColCount),
            rows.AddRange, CancellationToken.None);
        return rows;
    }

    [Theory]
    [InlineData(64)]
    [InlineData(1000)]
    [InlineData(1 << 20)]
    public void ParallelRows_QuotedLineBreaksAcrossTinyChunks_SameRowsAndLinesAsOneThread(int chunkBytes)
    {
        var file = QuirkyFile();
        using var sequential = CsvInput.Open(new MemoryStream(file), "f.csv");
        using var parallel = CsvInput.OpenSplit(new MemoryStream(file), "f.csv", chunkBytes);

        var expected = Read(sequential);
        var actual = Read(parallel);

        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected, actual);
        // Spot checks that the sequential reader is right in the first place: a quoted line break stays in its value,
        // the row after it starts on the next physical line (4), and the doubled quotes are unescaped.
        Assert.Equal(("0", "line one\nline two of 0", "0, with comma"), (actual[0].Id, actual[0].Note, actual[0].Value));
        Assert.Equal(4, actual[1].Line);
        Assert.Equal("says \"hi\", twice\r\nand more", actual[1].Note);
        Assert.Equal(["Id", "Note", "Value"], parallel.Header);
    }

    [Fact]
    public void ParallelRows_ConsumerFails_ErrorSurfacesAndReadingStops()
    {
        using var csv = CsvInput.OpenSplit(new MemoryStream(QuirkyFile()), "f.csv", 64);
        var chunks = 0;

        var error = Assert.Throws<InvalidOperationException>(() => csv.ParallelRows((row, line) => line, _ =>
        {
            if (++chunks == 3)
            {
                throw new InvalidOperationException("store failed");
            }
        }, CancellationToken.None));

        Assert.Equal("store failed", error.Message);
        Assert.Equal(3, chunks);
    }

    [Fact]
    public void ParallelRows_UnclosedQuote_RefusedNamingTheLineInsteadOfBufferingTheFile()
    {
        var file = Encoding.UTF8.GetBytes("\"Id\",\"Note\"\n\"1\",\"fine\"\n\"2\",\"never closed\n" + string.Join("\n", Enumerable.Repeat("\"3\",\"x\"", 10)));
        using var csv = CsvInput.OpenSplit(new MemoryStream(file), "f.csv", 16);
        var lines = new List<long>();

        // The last chunk ends the file, so the unclosed quote swallows the rest as one value rather than failing.
        csv.ParallelRows((row, line) => line, lines.AddRange, CancellationToken.None);

        Assert.Equal([2L, 3L], lines);
    }

    [Fact]
    public void LastRowEnd_LineFeedInsideQuotes_IsNotARowEnd()
    {
        var buffer = Encoding.ASCII.GetBytes("a,\"x\ny\"\nb,c\n\"open\nstill open");

        Assert.Equal("a,\"x\ny\"\nb,c\n".Length, ParallelCsv.LastRowEnd(buffer));
        Assert.Equal(0, ParallelCsv.LastRowEnd(Encoding.ASCII.GetBytes("\"only\nquoted")));
    }

    [Fact]
    public void PackedKeys_SortedIdsWithSmallAndHugeGaps_RoundTrip()
    {
        long[] ids = [5, 6, 7, 1_000, 1_001, (1L << 59) + 3, (1L << 60) - 1];

        var data = PackedKeys.Encode(ids, []);
        var decoded = new long[ids.Length];
        PackedKeys.Decode(ids[0], ids.Length, data, decoded);

        Assert.Equal(ids, decoded);
        // Gaps as varints: 1, 1, 993, 1 take 1 + 1 + 2 + 1 bytes, the two gaps near 2^59 nine each.
        Assert.Equal(23, data.Length);
    }

    [Fact]
    public void DayTally_PackedThenMergedWithMoreLogins_CountsAdd()
    {
        var day = new DateOnly(2026, 3, 2).DayNumber;
        var first = new DayTally(day, 4);
        first.Add(7, true);
        first.Add(7, true);
        first.Add(2, false);
        first.Add(40_000, true);
        var stored = first.ToRow(1, []);

        var second = new DayTally(day, 4);
        second.Add(2, true);
        second.Add(3, false);
        second.AddPacked(stored.Data, []);
        var merged = second.ToRow(1, []);
        var entries = new List<(int User, int Successes, int Failures)>();
        DayTally.Decode(merged.Data, entries);

        Assert.Equal((3, 3, 1), (stored.Users, stored.Successes, stored.Failures));
        Assert.Equal([(2, 1, 1), (3, 0, 1), (7, 2, 0), (40_000, 1, 0)], entries);
        Assert.Equal((4, 4, 2, new DateOnly(2026, 3, 2)), (merged.Users, merged.Successes, merged.Failures, merged.Day));
    }
}
