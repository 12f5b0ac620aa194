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

    /// <summary>
    /// Whether one more shift (a manual one, or a swap) breaks a rule for its person, given their shifts in
    /// <see cref="RotaInput.FixedShifts"/>: the first rule it breaks and the index of the locked shift it clashes with
    /// (or -1), or null when it breaks none. The locked shifts are placed as the generator places them; one that already
    /// breaks a rule among the others (a swap a lead approved) is left out, so only the candidate is judged.
    /// </summary>
    public static Outcome<RotaConflict?> CheckShift(RotaInput input, RotaRules rules, FixedShift candidate)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(candidate);
        var errors = new FieldErrors();
        rules.Validate(errors, "rules.");
        var zone = RotaValidation.Check(input, errors);
        if (errors.Any || zone is null)
        {
            return errors.ToFailure();
        }

        var schedule = new RotaSchedule(input, rules, zone);
        schedule.PlaceFixedShifts(new FieldErrors());
        return schedule.Blocker(candidate, out var other) is { } block ? new RotaConflict(block, other) : (RotaConflict?)null;
    }
}

/// <summary>The rule a shift would break and the locked shift (index into <see cref="RotaInput.FixedShifts"/>) it clashes with, or -1.</summary>
public sealed record RotaConflict(RotaBlock Block, int Other);
