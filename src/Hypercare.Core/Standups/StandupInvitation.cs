using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;

namespace Hypercare.Core.Standups;

/// <summary>A person on an invitation: the display name and the e-mail address.</summary>
public sealed record CalendarPerson(string Name, string Email);

/// <summary>
/// The iCalendar (RFC 5545) objects the standups go out as, written with Ical.Net (ADR 0052): an iTIP (RFC 5546)
/// METHOD:REQUEST per series, one UID per series with a SEQUENCE that grows with each change, so a calendar client
/// updates the meeting it already has instead of adding a second; METHOD:CANCEL for a series the plan no longer has.
/// DTSTART carries the project's TZID with its VTIMEZONE, so the standup keeps its wall-clock time across DST; UNTIL is
/// UTC as RFC 5545 requires with a zoned DTSTART.
/// </summary>
public static class StandupInvitation
{
    public const string ProductId = "-//Hypercare//Standups//EN";

    public static string Request(StandupSeriesSpec series, string uid, int sequence, string timeZoneId, string projectName, CalendarPerson organizer,
        IEnumerable<CalendarPerson> attendees, DateTimeOffset stamp, string description)
    {
        var calendar = New("REQUEST", timeZoneId);
        calendar.Events.Add(Event(series, uid, sequence, timeZoneId, projectName, organizer, attendees, stamp, description));
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>The whole series is cancelled (RFC 5546 3.2.5: UID and a higher SEQUENCE; no dates needed).</summary>
    public static string Cancel(string uid, int sequence, string timeZoneId, string projectName, CalendarPerson organizer, IEnumerable<CalendarPerson> attendees,
        DateTimeOffset stamp)
    {
        var calendar = New("CANCEL", timeZoneId);
        var e = new CalendarEvent
        {
            Uid = uid,
            Sequence = sequence,
            Summary = $"{projectName}: hypercare standup",
            Status = EventStatus.Cancelled,
            DtStamp = new CalDateTime(stamp.UtcDateTime, CalDateTime.UtcTzId),
        };
        AddPeople(e, organizer, attendees);
        calendar.Events.Add(e);
        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    /// <summary>A subscription feed (no METHOD): every standup series and, for a person's feed, their shifts.</summary>
    public static string Feed(string name, string timeZoneId, IEnumerable<(StandupSeriesSpec Series, string Uid, int Sequence)> series,
        IEnumerable<FeedShift> shifts, string projectName, DateTimeOffset stamp)
    {
        var calendar = New(null, timeZoneId);
        calendar.AddProperty("X-WR-CALNAME", name);
        foreach (var (s, uid, sequence) in series)
        {
            calendar.Events.Add(Event(s, uid, sequence, timeZoneId, projectName, null, [], stamp, $"{projectName}: hypercare standup ({s.PhaseName})."));
        }

        foreach (var shift in shifts)
        {
            calendar.Events.Add(new CalendarEvent
            {
                Uid = shift.Uid,
                Summary = shift.Summary,
                DtStart = new CalDateTime(shift.Start.UtcDateTime, CalDateTime.UtcTzId),
                DtEnd = new CalDateTime(shift.End.UtcDateTime, CalDateTime.UtcTzId),
                DtStamp = new CalDateTime(stamp.UtcDateTime, CalDateTime.UtcTzId),
                Transparency = TransparencyType.Opaque,
            });
        }

        return new CalendarSerializer().SerializeToString(calendar)!;
    }

    private static Calendar New(string? method, string timeZoneId)
    {
        var calendar = new Calendar { ProductId = ProductId };
        if (method is not null)
        {
            calendar.Method = method;
        }

        calendar.AddTimeZone(new VTimeZone(timeZoneId));
        return calendar;
    }

    private static CalendarEvent Event(StandupSeriesSpec s, string uid, int sequence, string timeZoneId, string projectName, CalendarPerson? organizer,
        IEnumerable<CalendarPerson> attendees, DateTimeOffset stamp, string description)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(timeZoneId);
        var first = StandupCalendar.At(s, zone, s.First);
        var last = StandupCalendar.At(s, zone, s.Last);
        var start = new CalDateTime(s.First.ToDateTime(s.Time), timeZoneId);
        var e = new CalendarEvent
        {
            Uid = uid,
            Sequence = sequence,
            Summary = $"{projectName}: hypercare standup ({s.PhaseName})",
            Description = description,
            DtStart = start,
            DtEnd = start.AddMinutes(s.DurationMinutes),
            DtStamp = new CalDateTime(stamp.UtcDateTime, CalDateTime.UtcTzId),
            Transparency = TransparencyType.Opaque,
        };
        if (first.Start != last.Start)
        {
            var rule = s.Days.Count == 7
                ? new RecurrencePattern(FrequencyType.Daily, 1)
                : new RecurrencePattern(FrequencyType.Weekly, 1) { ByDay = [.. s.Days.Select(d => new WeekDay(d))] };
            rule.Until = new CalDateTime(last.Start.UtcDateTime, CalDateTime.UtcTzId);
            e.RecurrenceRule = rule;
            foreach (var skipped in s.Skipped)
            {
                e.ExceptionDates.Add(new CalDateTime(skipped.ToDateTime(s.Time), timeZoneId));
            }
        }

        AddPeople(e, organizer, attendees);
        return e;
    }

    private static void AddPeople(CalendarEvent e, CalendarPerson? organizer, IEnumerable<CalendarPerson> attendees)
    {
        if (organizer is not null)
        {
            e.Organizer = new Organizer($"mailto:{organizer.Email}") { CommonName = organizer.Name };
        }

        foreach (var a in attendees)
        {
            e.Attendees.Add(new Attendee($"mailto:{a.Email}")
            {
                CommonName = a.Name,
                Role = ParticipationRole.RequiredParticipant,
                ParticipationStatus = EventParticipationStatus.NeedsAction,
                Rsvp = true,
            });
        }
    }
}

/// <summary>A shift in a person's calendar feed.</summary>
public sealed record FeedShift(string Uid, string Summary, DateTimeOffset Start, DateTimeOffset End);
