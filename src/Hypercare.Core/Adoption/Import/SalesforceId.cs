namespace Hypercare.Core.Adoption.Import;

/// <summary>
/// Salesforce record ids: 15-character ids are case-sensitive, 18-character ids add a suffix that encodes the case of
/// the first 15 so they survive case-insensitive systems. Both denote the same record; the canonical form here is the
/// 18-character id with the case of characters 1-15 restored from the suffix (formats.md §4).
/// </summary>
public static class SalesforceId
{
    private const string SuffixAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

    /// <summary>The canonical 18-character id, or null when the text is not a 15- or 18-character id.</summary>
    public static string? Canonical(ReadOnlySpan<char> id)
    {
        Span<char> buffer = stackalloc char[18];
        return TryCanonical(id, buffer) ? new string(buffer) : null;
    }

    /// <summary>Writes the canonical 18-character id into <paramref name="destination"/> (18 chars) without allocating.</summary>
    public static bool TryCanonical(ReadOnlySpan<char> id, Span<char> destination)
    {
        id = id.Trim();
        if (id.Length is not (15 or 18) || destination.Length < 18)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c))
            {
                return false;
            }
        }

        if (id.Length == 15)
        {
            id.CopyTo(destination);
            for (var chunk = 0; chunk < 3; chunk++)
            {
                var bits = 0;
                for (var i = 0; i < 5; i++)
                {
                    if (char.IsAsciiLetterUpper(id[chunk * 5 + i]))
                    {
                        bits |= 1 << i;
                    }
                }

                destination[15 + chunk] = SuffixAlphabet[bits];
            }

            return true;
        }

        // 18 characters: the suffix is authoritative for the case of the first 15 (it may have been upper- or lower-cased).
        // ASCII only (checked above), so case is one bit; this runs twice per row of a multi-million-row file.
        for (var chunk = 0; chunk < 3; chunk++)
        {
            var bits = SuffixBits(id[15 + chunk]);
            if (bits < 0)
            {
                return false;
            }

            for (var i = 0; i < 5; i++)
            {
                var c = id[chunk * 5 + i];
                destination[chunk * 5 + i] = char.IsAsciiLetter(c) ? (char)((bits & (1 << i)) != 0 ? c & ~0x20 : c | 0x20) : c;
            }

            destination[15 + chunk] = SuffixAlphabet[bits];
        }

        return true;
    }

    /// <summary>The value of a suffix character (A-Z = 0-25, 0-5 = 26-31, any case), or -1.</summary>
    private static int SuffixBits(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a',
        >= '0' and <= '5' => c - '0' + 26,
        _ => -1,
    };

    /// <summary>Characters of an id kept as text in a login key: the 3-character key prefix and 2-character instance.</summary>
    public const int KeyPrefixLength = 5;

    /// <summary>
    /// Splits a canonical id into its first <see cref="KeyPrefixLength"/> characters (shared by the records of one
    /// org and object) and the other ten case-sensitive characters read as an exact base-62 number (62^10 &lt; 2^60),
    /// so (prefix, number) is the id without loss and numbers ascend as ids do.
    /// </summary>
    public static bool TrySplit(ReadOnlySpan<char> canonical, out ReadOnlySpan<char> prefix, out long number)
    {
        prefix = default;
        number = 0;
        if (canonical.Length < 15)
        {
            return false;
        }

        foreach (var c in canonical[KeyPrefixLength..15])
        {
            var digit = c switch
            {
                >= '0' and <= '9' => c - '0',
                >= 'A' and <= 'Z' => c - 'A' + 10,
                >= 'a' and <= 'z' => c - 'a' + 36,
                _ => -1,
            };
            if (digit < 0)
            {
                return false;
            }

            number = number * 62 + digit;
        }

        prefix = canonical[..KeyPrefixLength];
        return true;
    }

    /// <summary>The 18-character id of a 15-character one (the checksum suffix), as Salesforce's CASESAFEID computes it.</summary>
    public static string To18(string id15)
    {
        if (id15.Length != 15)
        {
            throw new ArgumentException("A 15-character id is expected.", nameof(id15));
        }

        return Canonical(id15) ?? throw new ArgumentException($"'{id15}' is not a Salesforce id.", nameof(id15));
    }
}
