using System.Globalization;

namespace Hypercare.Core.Adoption.Import;

/// <summary>
/// Instants as Salesforce exports write them: ISO with <c>Z</c>, <c>+0000</c> or <c>+00:00</c> (with or without
/// milliseconds), Event Log File <c>yyyyMMddHHmmss.fff</c> in GMT, and epoch milliseconds. All become UTC.
/// </summary>
public static class SalesforceTime
{
    public static bool TryParse(ReadOnlySpan<char> text, out DateTimeOffset instant)
    {
        text = text.Trim();
        instant = default;
        if (text.Length == 0)
        {
            return false;
        }

        // The common Data Loader shape, parsed by position: millions of rows per file.
        if (text.Length >= 20 && text[4] == '-' && text[7] == '-' && (text[10] == 'T' || text[10] == ' ') && text[13] == ':' && text[16] == ':')
        {
            return TryIso(text, out instant);
        }

        if (text.Length >= 14 && !text[..14].ContainsAnyExceptInRange('0', '9') && (text.Length == 14 || (text.Length > 15 && text[14] == '.')))
        {
            return TryCompact(text, out instant);
        }

        if (text.Length == 13 && long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var epoch))
        {
            instant = DateTimeOffset.FromUnixTimeMilliseconds(epoch);
            return true;
        }

        // Locale-shaped times ("3/2/2026, 1:58 PM") are refused rather than guessed: day and month are ambiguous.
        return false;
    }

    private static bool TryIso(ReadOnlySpan<char> t, out DateTimeOffset instant)
    {
        instant = default;
        if (!(Digits(t, 0, 4, out var year) && Digits(t, 5, 2, out var month) && Digits(t, 8, 2, out var day)
            && Digits(t, 11, 2, out var hour) && Digits(t, 14, 2, out var minute) && Digits(t, 17, 2, out var second)))
        {
            return false;
        }

        var i = 19;
        var fraction = 0L;
        if (i < t.Length && t[i] == '.')
        {
            i++;
            var scale = 1_000_000L;
            var start = i;
            while (i < t.Length && char.IsAsciiDigit(t[i]))
            {
                if (scale > 0)
                {
                    fraction += (t[i] - '0') * scale;
                    scale /= 10;
                }

                i++;
            }

            if (i == start)
            {
                return false;
            }
        }

        var rest = t[i..];
        TimeSpan offset;
        if (rest.Length == 0 || rest is "Z" || rest is "z")
        {
            offset = TimeSpan.Zero;
        }
        else if ((rest[0] == '+' || rest[0] == '-') && (rest.Length == 5 || (rest.Length == 6 && rest[3] == ':')))
        {
            if (!Digits(rest, 1, 2, out var oh) || !Digits(rest, rest.Length - 2, 2, out var om))
            {
                return false;
            }

            offset = new TimeSpan(oh, om, 0);
            if (rest[0] == '-')
            {
                offset = -offset;
            }
        }
        else
        {
            return false;
        }

        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year is >= 1 and <= 9999 ? year : 2000, month)
            || hour > 23 || minute > 59 || second > 59 || year < 1)
        {
            return false;
        }

        var local = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Unspecified).AddTicks(fraction);
        instant = new DateTimeOffset(local, offset).ToUniversalTime();
        return true;
    }

    private static bool TryCompact(ReadOnlySpan<char> t, out DateTimeOffset instant)
    {
        instant = default;
        if (!(Digits(t, 0, 4, out var year) && Digits(t, 4, 2, out var month) && Digits(t, 6, 2, out var day)
            && Digits(t, 8, 2, out var hour) && Digits(t, 10, 2, out var minute) && Digits(t, 12, 2, out var second)))
        {
            return false;
        }

        if (month is < 1 or > 12 || year < 1 || day < 1 || day > DateTime.DaysInMonth(year, month) || hour > 23 || minute > 59 || second > 59)
        {
            return false;
        }

        var ticks = 0L;
        if (t.Length > 15)
        {
            var scale = 1_000_000L;
            for (var i = 15; i < t.Length; i++)
            {
                if (!char.IsAsciiDigit(t[i]))
                {
                    return false;
                }

                ticks += (t[i] - '0') * scale;
                scale /= 10;
            }
        }

        instant = new DateTimeOffset(new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).AddTicks(ticks));
        return true;
    }

    private static bool Digits(ReadOnlySpan<char> t, int start, int count, out int value)
    {
        value = 0;
        if (start + count > t.Length)
        {
            return false;
        }

        for (var i = start; i < start + count; i++)
        {
            var c = t[i];
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }

            value = value * 10 + (c - '0');
        }

        return true;
    }
}
