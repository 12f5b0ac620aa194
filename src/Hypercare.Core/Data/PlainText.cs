using System.Buffers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Hypercare.Core.Data;

/// <summary>
/// Text the product stores is plain text: tab, line feed and carriage return are the only control characters it takes.
/// PostgreSQL refuses NUL in text (22021) where SQLite stores it, and the rest (escape, backspace, the C1 range) only
/// garble titles, mail and terminals; refusing them everywhere makes both engines answer alike. The edges (JSON, query
/// strings, forms, CSV cells) refuse with the field, line and column; <see cref="Check"/> is the net under them.
/// </summary>
public static class PlainText
{
    private static readonly SearchValues<char> Refused = SearchValues.Create(RefusedCharacters());

    /// <summary>The index of the first refused control character, or -1.</summary>
    public static int IndexOfRefused(ReadOnlySpan<char> text) => text.IndexOfAny(Refused);

    /// <summary>Why text with a refused character at <paramref name="index"/> is refused, e.g. "contains the control character U+0000 at position 2; …".</summary>
    public static string Describe(ReadOnlySpan<char> text, int index) =>
        $"contains the control character U+{(int)text[index]:X4} at position {index + 1}; only tab, line feed and carriage return are allowed.";

    /// <summary>The refusal for <paramref name="text"/>, or null when it is plain text.</summary>
    public static string? Problem(ReadOnlySpan<char> text)
    {
        var index = IndexOfRefused(text);
        return index < 0 ? null : Describe(text, index);
    }

    /// <summary>Text from outside the product's control (an SMTP server's reply) made storable: refused characters become U+FFFD.</summary>
    public static string Clean(string text)
    {
        if (IndexOfRefused(text) < 0)
        {
            return text;
        }

        return string.Create(text.Length, text, (chars, source) =>
        {
            source.AsSpan().CopyTo(chars);
            int index;
            while ((index = IndexOfRefused(chars)) >= 0)
            {
                chars[index] = '\uFFFD';
            }
        });
    }

    /// <summary>Refuses, before anything is written, an added or changed text property that holds a refused character.</summary>
    internal static void Check(ChangeTracker changes)
    {
        foreach (var entry in changes.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            foreach (var property in entry.Properties)
            {
                if (property.CurrentValue is string text && (entry.State == EntityState.Added || property.IsModified)
                    && IndexOfRefused(text) is var index and >= 0)
                {
                    throw new RefusedTextException(entry.Metadata.ClrType.Name, property.Metadata.Name, Describe(text, index));
                }
            }
        }
    }

    private static char[] RefusedCharacters()
    {
        var refused = new List<char>();
        for (var c = '\0'; c <= '\u009F'; c++)
        {
            if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                refused.Add(c);
            }
        }

        return [.. refused];
    }
}

/// <summary>A text property about to be saved holds a control character <see cref="PlainText"/> refuses; nothing was written.</summary>
public sealed class RefusedTextException : Exception
{
    public RefusedTextException()
    {
    }

    public RefusedTextException(string message)
        : base(message)
    {
    }

    public RefusedTextException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public RefusedTextException(string entity, string property, string reason)
        : base($"{entity}.{property} {reason}")
    {
        Entity = entity;
        Property = property;
        Reason = reason;
    }

    public string Entity { get; } = "";

    /// <summary>The property in camelCase, as the API names its fields ("title").</summary>
    public string Field => Property.Length == 0 ? "body" : char.ToLowerInvariant(Property[0]) + Property[1..];

    public string Property { get; } = "";

    public string Reason { get; } = "";
}
