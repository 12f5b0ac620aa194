using Hypercare.Core;

namespace Hypercare.Web.Components;

/// <summary>
/// How a page answers a service's refusal of one of its forms: the notice above the form, the field messages beside its
/// fields, and whether the form keeps what the person typed. Every page turns a <see cref="Failure"/> into words here, so
/// the same refusal reads the same on every page.
/// <list type="bullet">
/// <item>Invalid: "<c>{notDone}</c>: please correct the fields marked below.", the field messages beside the fields;
/// a form that has no place beside its fields (a one-line form) asks for them in the notice instead.</item>
/// <item>Stale: "<c>{Thing}</c> was changed by someone else since you opened this page …"; the form shows the current
/// state, not the input (<see cref="KeepsInput"/> is false), so the next save is a choice made on what is there now.</item>
/// <item>Anything else (not allowed now, not found, forbidden): the service's own sentence.</item>
/// </list>
/// </summary>
public sealed record FormRefusal(FailureKind Kind, string Message, IReadOnlyDictionary<string, string[]>? Errors)
{
    /// <summary>False after a stale refusal: the form shows what is stored now.</summary>
    public bool KeepsInput => Kind != FailureKind.Stale;

    public bool IsNotFound => Kind == FailureKind.NotFound;

    /// <param name="failure">The service's refusal.</param>
    /// <param name="notDone">What did not happen, as the start of a sentence: "The phase was not saved".</param>
    /// <param name="thing">What someone else may have changed, as the subject of a sentence: "The patch".</param>
    /// <param name="fieldsInNotice">The form shows no messages beside its fields, so the notice lists them.</param>
    public static FormRefusal Of(Failure failure, string notDone, string thing, bool fieldsInNotice = false) => failure.Kind switch
    {
        FailureKind.Invalid when fieldsInNotice => new(failure.Kind, $"{notDone}: {FieldMessages(failure)}", failure.Errors),
        FailureKind.Invalid => new(failure.Kind, $"{notDone}: please correct the fields marked below.", failure.Errors),
        FailureKind.Stale => new(failure.Kind,
            $"{thing} was changed by someone else since you opened this page. Its current state is shown; apply your change again if it still makes sense.",
            null),
        _ => new(failure.Kind, failure.Message, failure.Errors),
    };

    private static string FieldMessages(Failure failure) =>
        failure.Errors is { Count: > 0 } errors
            ? string.Join(" ", errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")))
            : failure.Message;
}
