namespace Hypercare.Core;

/// <summary>Why a feature service refused a request. Hosts map each kind to their own answer (HTTP status, exit code).</summary>
public enum FailureKind
{
    /// <summary>The thing does not exist, or the caller may not know that it exists.</summary>
    NotFound,
    /// <summary>The caller can see the thing but their role may not do this to it.</summary>
    Forbidden,
    /// <summary>The input is wrong; <see cref="Failure.Errors"/> names the fields.</summary>
    Invalid,
    /// <summary>The request is well-formed but the current state refuses it (an illegal transition).</summary>
    Conflict,
    /// <summary>Someone else changed the thing first; <see cref="Failure.Current"/> holds its current state.</summary>
    Stale,
}

public sealed record Failure(
    FailureKind Kind,
    string Message,
    IReadOnlyDictionary<string, string[]>? Errors = null,
    object? Current = null)
{
    public static Failure NotFound(string what) => new(FailureKind.NotFound, $"{what} was not found.");

    public static Failure Forbidden(string message) => new(FailureKind.Forbidden, message);

    public static Failure Invalid(string field, string message) =>
        new(FailureKind.Invalid, message, new Dictionary<string, string[]> { [field] = [message] });

    public static Failure Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(FailureKind.Invalid, "One or more fields are invalid.", errors);

    /// <summary>
    /// Someone else changed <paramref name="what"/> first. Every stale refusal carries the current state, so a client
    /// (or a page) can show it and the person can apply their change again; the API answers it as 409 with "current".
    /// </summary>
    public static Failure Stale(string what, object current) => new(FailureKind.Stale,
        $"The {what} was changed by someone else since you read it. Review the current state and apply your change again.",
        Current: current ?? throw new ArgumentNullException(nameof(current)));

    /// <summary>The current state refuses the request (an illegal move); <paramref name="field"/> names what to change.</summary>
    public static Failure Conflict(string message, string? field = null, object? current = null) => new(FailureKind.Conflict, message,
        field is null ? null : new Dictionary<string, string[]> { [field] = [message] }, current);
}

/// <summary>A value or the reason there is none. Feature services return this instead of throwing for expected refusals.</summary>
public readonly struct Outcome<T>
{
    private Outcome(T? value, Failure? failure)
    {
        Value = value;
        Failure = failure;
    }

    public T? Value { get; }

    public Failure? Failure { get; }

    public bool Succeeded => Failure is null;

    public static implicit operator Outcome<T>(T value) => new(value, null);

    public static implicit operator Outcome<T>(Failure failure) => new(default, failure);
}

/// <summary>Collects field errors, keyed by the JSON (camelCase) field name so API clients can show them beside the field.</summary>
public sealed class FieldErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list))
        {
            list = [];
            _errors[field] = list;
        }

        list.Add(message);
    }

    public string? Required(string field, string? value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} is required.");
            return null;
        }

        return Optional(field, value, maxLength);
    }

    public string? Optional(string field, string? value, int maxLength)
    {
        if (value is null)
        {
            return null;
        }

        var trimmed = value.Trim();
        if (trimmed.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters (got {trimmed.Length}).");
        }

        return trimmed;
    }

    public Failure ToFailure() =>
        Failure.Invalid(_errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal));
}
