namespace Hypercare.Core.Team;

/// <summary>
/// Generates a project's rota (issue 12; docs/rota.md). Pure and deterministic: the same input gives the same rota.
/// Shifts come from each day's plan phase (so cover tapers with the phases); each place goes, in time order, to the
/// eligible person of its role with the fewest hours so far (then fewest after-hours shifts, then lowest user id) who
/// breaks no rule. A place nobody can take is a gap with the reasons; a rule is never broken. Bad input is a
/// <see cref="FailureKind.Invalid"/> failure naming the fields, never an exception.
/// </summary>
public static class RotaGenerator
{
    public static Outcome<RotaResult> Generate(RotaInput input, RotaRules rules)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new FieldErrors();
        rules.Validate(errors, "rules.");
        var zone = RotaValidation.Check(input, errors);
        if (errors.Any || zone is null)
        {
            return errors.ToFailure();
        }

        var schedule = new RotaSchedule(input, rules, zone);
        schedule.PlaceFixedShifts(errors);
        if (errors.Any)
        {
            return errors.ToFailure();
        }

        schedule.FillPlaces();
        return schedule.Result();
    }
}
