using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hypercare.Core.Data;
using Hypercare.Core.Issues;
using Hypercare.Core.Projects;
using Hypercare.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hypercare.Web.Tests.Api;

/// <summary>
/// Every endpoint that takes a body, fed malformed JSON, wrong types, unknown enum values, missing and oversize fields
/// and unknown or foreign ids: each answer is a problem document naming the field, never a 500, and nothing is written.
/// Placeholders: {p} project, {i} issue, {u} a member's user id (the reporter), {l} the lead's, {foreignIssue} an issue of another project.
/// </summary>
public abstract class BadInputTests(HypercareApp app)
{
    private static readonly string LongTitle = new('x', Issue.TitleMaxLength + 1);

    public static TheoryData<string, string, string, int, string> Cases => new()
    {
        { "POST", "/api/v1/projects", "{\"name\": \"X\", ", 400, "body" },
        { "POST", "/api/v1/projects", "{\"name\": 12, \"systemName\": \"S\", \"goLiveDate\": \"2026-03-01\"}", 400, "name" },
        { "POST", "/api/v1/projects", "{\"name\": \"X\", \"systemName\": \"S\", \"goLiveDate\": \"2026-13-45\"}", 400, "goLiveDate" },
        { "POST", "/api/v1/projects", "{\"name\": \"X\", \"systemName\": \"S\"}", 400, "goLiveDate" },
        { "POST", "/api/v1/projects", "{\"name\": \"X\", \"systemName\": \"S\", \"goLiveDate\": \"2026-03-01\", \"timeZoneId\": \"Mars/Olympus\"}", 400, "timeZoneId" },
        { "POST", "/api/v1/projects", "{\"name\": \"X\", \"systemName\": \"S\", \"goLiveDate\": \"2026-03-01\", \"plannedEndDate\": \"2026-02-01\"}", 400, "plannedEndDate" },
        { "PATCH", "/api/v1/projects/{p}", "{\"name\": \"Renamed\"}", 400, "version" },
        { "PATCH", "/api/v1/projects/{p}", "{\"version\": \"one\"}", 400, "version" },
        { "PATCH", "/api/v1/projects/{p}", "{\"version\": 0, \"name\": \"" + new string('n', Project.NameMaxLength + 1) + "\"}", 400, "name" },
        { "POST", "/api/v1/projects/{p}/members", "{\"userId\": 999999, \"role\": \"triage\"}", 400, "userId" },
        { "POST", "/api/v1/projects/{p}/members", "{\"email\": \"nobody@nowhere.example\", \"role\": \"triage\"}", 400, "email" },
        { "POST", "/api/v1/projects/{p}/members", "{\"userId\": {u}, \"role\": \"overlord\"}", 400, "role" },
        { "PATCH", "/api/v1/projects/{p}/members/{u}", "{\"role\": 3}", 400, "role" },
        { "PATCH", "/api/v1/projects/{p}/members/{u}", "{}", 400, "role" },
        { "POST", "/api/v1/projects/{p}/issues", "not json at all", 400, "body" },
        { "POST", "/api/v1/projects/{p}/issues", "{\"description\": \"d\", \"proposedSeverity\": \"sev2\"}", 400, "title" },
        { "POST", "/api/v1/projects/{p}/issues", "{\"title\": \"t\", \"description\": \"d\", \"proposedSeverity\": \"sev9\"}", 400, "proposedSeverity" },
        { "POST", "/api/v1/projects/{p}/issues", "{\"title\": \"t\", \"description\": \"d\", \"proposedSeverity\": 1}", 400, "proposedSeverity" },
        { "POST", "/api/v1/projects/{p}/issues", "{\"title\": \"t\", \"description\": \"d\"}", 400, "proposedSeverity" },
        { "POST", "/api/v1/projects/{p}/issues", "{\"title\": \"" + LongTitle + "\", \"description\": \"d\", \"proposedSeverity\": \"sev3\"}", 400, "title" },
        { "POST", "/api/v1/projects/{p}/issues", "{\"title\": \"t\", \"description\": \"d\", \"proposedSeverity\": \"sev3\", \"category\": \"rant\"}", 400, "category" },
        { "POST", "/api/v1/projects/{p}/issues", "{\"title\": \"t\", \"description\": \"d\", \"proposedSeverity\": \"sev3\", \"reporterId\": 999999}", 400, "reporterId" },
        { "POST", "/api/v1/projects/{p}/issues", "{\"title\": [\"t\"], \"description\": \"d\", \"proposedSeverity\": \"sev3\"}", 400, "title" },
        { "PATCH", "/api/v1/projects/{p}/issues/{i}", "{\"severity\": \"sev1\"}", 400, "version" },
        { "PATCH", "/api/v1/projects/{p}/issues/{i}", "{\"version\": 0, \"title\": \"\"}", 400, "title" },
        { "PATCH", "/api/v1/projects/{p}/issues/{i}", "{\"version\": 0, \"owningTeam\": \"marketing\"}", 400, "owningTeam" },
        { "PATCH", "/api/v1/projects/{p}/issues/{i}", "{\"version\": 0, \"assigneeId\": 999999}", 400, "assigneeId" },
        { "PATCH", "/api/v1/projects/{p}/issues/{i}", "{\"version\": 0, \"clear\": [\"title\"]}", 400, "clear" },
        { "PATCH", "/api/v1/projects/{p}/issues/{i}", "{\"version\": 0, \"description\": \"" + new string('d', Issue.DescriptionMaxLength + 1) + "\"}", 400, "description" },
        { "POST", "/api/v1/projects/{p}/issues/{i}/transitions", "{}", 400, "to" },
        { "POST", "/api/v1/projects/{p}/issues/{i}/transitions", "{\"to\": \"teleported\"}", 400, "to" },
        { "POST", "/api/v1/projects/{p}/issues/{i}/transitions", "{\"to\": \"duplicate\"}", 409, "to" },
        { "POST", "/api/v1/projects/{p}/issues/{i}/transitions", "{\"to\": \"duplicate\", \"duplicateOfId\": {foreignIssue}}", 400, "duplicateOfId" },
        { "POST", "/api/v1/projects/{p}/issues/{i}/transitions", "{\"to\": \"duplicate\", \"duplicateOfId\": \"seven\"}", 400, "duplicateOfId" },
        { "POST", "/api/v1/projects/{p}/issues/{i}/comments", "{\"body\": \"   \"}", 400, "body" },
        { "POST", "/api/v1/projects/{p}/issues/{i}/comments", "{\"body\": " + JsonSerializer.Serialize(new string('c', IssueComment.BodyMaxLength + 1)) + "}", 400, "body" },
        { "POST", "/api/v1/projects/{p}/issues/{i}/comments", "[1, 2]", 400, "body" },
        { "POST", "/api/v1/me/tokens", "{\"name\": \"\"}", 400, "name" },
        { "PUT", "/api/v1/projects/{p}/reports/schedules/sponsor-status", "{\"enabled\": true, \"localTime\": \"25:99\", \"days\": [\"monday\"]}", 400, "localTime" },
        { "PUT", "/api/v1/projects/{p}/reports/schedules/sponsor-status", "{\"enabled\": true, \"localTime\": \"17:00\", \"days\": []}", 400, "days" },
        { "PUT", "/api/v1/projects/{p}/reports/schedules/sponsor-status", "{\"enabled\": true, \"localTime\": \"17:00\", \"days\": [\"monday\"], \"recipientRoles\": [\"reporter\"]}", 400, "recipientRoles" },
        { "PUT", "/api/v1/projects/{p}/reports/schedules/user-update", "{\"enabled\": true, \"localTime\": \"08:30\", \"days\": [\"monday\"], \"extraAddresses\": [\"not-an-address\"]}", 400, "extraAddresses" },
        { "PUT", "/api/v1/projects/{p}/reports/schedules/user-update", "{\"enabled\": true, \"localTime\": \"08:30\", \"days\": [\"monday\"], \"slackWebhookUrl\": \"ftp://hooks.example/x\"}", 400, "slackWebhookUrl" },
        { "PUT", "/api/v1/projects/{p}/reports/schedules/user-update", "{\"enabled\": true, \"localTime\": \"08:30\", \"days\": [\"monday\"], \"extraAddresses\": [\"ana@acme.example, raj@acme.example\"]}", 400, "extraAddresses" },
        { "PUT", "/api/v1/projects/{p}/reports/schedules/user-update", "{\"enabled\": true, \"localTime\": \"08:30\", \"days\": [\"monday\"], \"slackWebhookUrl\": \"https://hooks.corp.example/x\"}", 400, "slackWebhookUrl" },
        { "PUT", "/api/v1/projects/{p}/reports/schedules/user-update", "{\"enabled\": true, \"localTime\": \"08:30\", \"days\": [\"monday\"], \"teamsWebhookUrl\": \"https://no-such-host.example/x\"}", 400, "teamsWebhookUrl" },
        { "PUT", "/api/v1/projects/{p}/reports/schedules/user-update", "{\"enabled\": true, \"localTime\": \"08:30\", \"days\": [\"monday\"], \"slackWebhookUrl\": \"https://[::ffff:0:7f00:1]/x\"}", 400, "slackWebhookUrl" },
        { "PUT", "/api/v1/projects/{p}/reports/schedules/weekly-gossip", "{\"enabled\": true, \"localTime\": \"08:30\", \"days\": [\"monday\"]}", 400, "kind" },
        { "PUT", "/api/v1/projects/{p}/reports/user-update/draft", "{\"subject\": \"s\"}", 400, "markdown" },
        { "POST", "/api/v1/projects/{p}/known-issues", "{\"symptoms\": \"s\"}", 400, "title" },
        { "POST", "/api/v1/projects/{p}/known-issues", "{\"title\": \"t\", \"symptoms\": \"s\", \"issueIds\": [{foreignIssue}]}", 400, "issueIds" },
        { "POST", "/api/v1/projects/{p}/known-issues", "{\"title\": \"t\", \"symptoms\": \"s\", \"issueIds\": \"one\"}", 400, "issueIds" },
        { "POST", "/api/v1/projects/{p}/known-issues", "{\"title\": \"" + LongTitle + "\", \"symptoms\": \"s\"}", 400, "title" },
        { "PATCH", "/api/v1/projects/{p}/known-issues/{k}", "{\"title\": \"x\"}", 400, "version" },
        { "PATCH", "/api/v1/projects/{p}/known-issues/{k}", "{\"version\": 0, \"symptoms\": \" \"}", 400, "symptoms" },
        { "POST", "/api/v1/projects/{p}/known-issues/{k}/links", "{}", 400, "issueIds" },
        { "POST", "/api/v1/projects/{p}/known-issues/{k}/links", "{\"issueIds\": [999999]}", 400, "issueIds" },
        { "POST", "/api/v1/projects/{p}/known-issues/{k}/status", "{\"status\": \"sleeping\"}", 400, "status" },
        { "POST", "/api/v1/projects/{p}/known-issues/{k}/status", "{\"status\": \"fixScheduled\"}", 409, "patchId" },
        { "POST", "/api/v1/projects/{p}/known-issues/{k}/status", "{\"status\": \"fixScheduled\", \"patchId\": 999999}", 400, "patchId" },
        { "POST", "/api/v1/projects/{p}/known-issues/{k}/publish-workaround", "{}", 400, "version" },
        { "POST", "/api/v1/projects/{p}/known-issues/{k}/publish-workaround", "{\"version\": 0}", 409, "workaround" },
        { "POST", "/api/v1/projects/{p}/patches", "{}", 400, "plannedFor" },
        { "POST", "/api/v1/projects/{p}/patches", "{\"plannedFor\": \"2020-01-01T00:00:00Z\"}", 400, "plannedFor" },
        { "POST", "/api/v1/projects/{p}/patches", "{\"plannedFor\": \"next tuesday\"}", 400, "plannedFor" },
        { "PATCH", "/api/v1/projects/{p}/patches/{pt}", "{\"releaseNotes\": \"x\"}", 400, "version" },
        { "PATCH", "/api/v1/projects/{p}/patches/{pt}", "{\"version\": 0, \"releaseNotes\": \" \"}", 400, "releaseNotes" },
        { "POST", "/api/v1/projects/{p}/patches/{pt}/issues", "{\"issueIds\": [{i}]}", 400, "issueIds" },
        { "POST", "/api/v1/projects/{p}/patches/{pt}/issues", "{\"issueIds\": [{foreignIssue}]}", 400, "issueIds" },
        { "POST", "/api/v1/projects/{p}/patches/{pt}/deploy", "{\"version\": 0, \"deployedAt\": \"2099-01-01T00:00:00Z\"}", 400, "deployedAt" },
        { "POST", "/api/v1/projects/{p}/patches/{pt}/deploy", "{}", 400, "version" },
        { "PUT", "/api/v1/projects/{p}/patches/cadences/{ph}", "{\"kind\": \"hourly\"}", 400, "kind" },
        { "PUT", "/api/v1/projects/{p}/patches/cadences/{ph}", "{\"kind\": \"daily\", \"deployAt\": \"25:99\"}", 400, "deployAt" },
        { "PUT", "/api/v1/projects/{p}/patches/cadences/{ph}", "{\"kind\": \"twiceWeekly\", \"days\": [\"monday\"]}", 400, "days" },
        { "PUT", "/api/v1/projects/{p}/patches/cadences/{ph}", "{\"kind\": \"chosenDates\", \"dates\": [\"2020-01-01\"]}", 400, "dates" },
        { "PUT", "/api/v1/projects/{p}/status-page", "{\"howToGetHelp\": \"" + new string('h', 2001) + "\"}", 400, "howToGetHelp" },
        { "PUT", "/api/v1/projects/{p}/status-page", "{\"enabled\": \"yes\"}", 400, "enabled" },
        { "PUT", "/api/v1/projects/{p}/exit/rules", "{\"rules\": []}", 400, "rules" },
        { "PUT", "/api/v1/projects/{p}/exit/rules", "{\"rules\": [{\"kind\": \"slaCompliance\", \"enabled\": true, \"days\": 0}]}", 400, "rules[0].days" },
        { "POST", "/api/v1/projects/{p}/exit/extensions", "{\"reason\": \"More time\"}", 400, "newEnd" },
        { "POST", "/api/v1/projects/{p}/exit/extensions", "{\"newEnd\": \"soon\", \"reason\": \"More time\"}", 400, "newEnd" },
        { "POST", "/api/v1/projects/{p}/exit/stage", "{\"to\": \"handingOver\"}", 400, "reason" },
        { "POST", "/api/v1/projects/{p}/exit/stage", "{\"to\": \"retired\", \"reason\": \"r\"}", 400, "to" },
        { "PUT", "/api/v1/projects/{p}/exit/override", "{}", 400, "reason" },
        { "POST", "/api/v1/projects/{p}/handover/areas", "{}", 400, "name" },
        { "POST", "/api/v1/projects/{p}/handover/areas", "{\"name\": \"Billing\", \"shadowFrom\": \"tomorrow\", \"reverseShadowFrom\": \"2026-04-01\", \"ownsFrom\": \"2026-04-02\"}", 400, "shadowFrom" },
        { "POST", "/api/v1/projects/{p}/handover/areas", "{\"name\": \"Billing\", \"shadowFrom\": \"2026-04-05\", \"reverseShadowFrom\": \"2026-04-01\", \"ownsFrom\": \"2026-04-09\"}", 400, "reverseShadowFrom" },
        { "POST", "/api/v1/projects/{p}/handover/areas", "{\"name\": \"Billing\", \"shadowFrom\": \"2026-04-01\", \"reverseShadowFrom\": \"2026-04-05\", \"ownsFrom\": \"2026-04-09\", \"contactUserId\": 999999}", 400, "contactUserId" },
        { "POST", "/api/v1/projects/{p}/handover/areas", "{\"name\": \"" + new string('a', Hypercare.Core.Handover.HandoverArea.NameMaxLength + 1) + "\", \"shadowFrom\": \"2026-04-01\", \"reverseShadowFrom\": \"2026-04-05\", \"ownsFrom\": \"2026-04-09\"}", 400, "name" },
        { "POST", "/api/v1/projects/{p}/handover/items", "{\"title\": \" \"}", 400, "title" },
        { "POST", "/api/v1/projects/{p}/handover/items", "{\"title\": \"t\", \"ownerUserId\": 999999}", 400, "ownerUserId" },
        { "POST", "/api/v1/projects/{p}/handover/items", "{\"title\": \"t\", \"areaId\": \"billing\"}", 400, "areaId" },
        { "POST", "/api/v1/projects/{p}/handover/items", "{\"title\": \"t\", \"dueOn\": \"2099-01-01\"}", 400, "dueOn" },
        { "POST", "/api/v1/projects/{p}/rota/generate", "{\"from\": \"2020-01-01\"}", 400, "from" },
        { "POST", "/api/v1/projects/{p}/rota/generate", "{\"to\": \"next week\"}", 400, "to" },
        { "PUT", "/api/v1/projects/{p}/rota/settings", "{\"maxHoursPerWeek\": 40}", 400, "version" },
        { "PUT", "/api/v1/projects/{p}/rota/settings", "{\"maxHoursPerWeek\": 500, \"version\": 0}", 400, "maxHoursPerWeek" },
        { "PUT", "/api/v1/projects/{p}/rota/settings", "{\"nightStart\": \"late\", \"version\": 0}", 400, "nightStart" },
        { "PUT", "/api/v1/projects/{p}/rota/settings", "{\"staffPerShift\": {\"triage\": -1}, \"version\": 0}", 400, "staffPerShift.triage" },
        { "PUT", "/api/v1/projects/{p}/rota/settings", "{\"burnoutSev1Share\": 1.5, \"version\": 0}", 400, "burnoutSev1Share" },
        { "PUT", "/api/v1/projects/{p}/rota/settings", "{\"burnoutAfterHoursPerWeek\": -1, \"version\": 0}", 400, "burnoutAfterHoursPerWeek" },
        { "PUT", "/api/v1/projects/{p}/rota/settings", "{\"burnoutBusFactorMinIssues\": 1, \"version\": 0}", 400, "burnoutBusFactorMinIssues" },
        { "GET", "/api/v1/projects/{p}/rota/hours?from=2026-03-32", "", 400, "from" },
        { "GET", "/api/v1/projects/{p}/rota/hours?from=2026-03-09&to=2026-03-02", "", 400, "to" },
        { "GET", "/api/v1/projects/{p}/rota/hours?from=2026-01-01&to=2026-12-31", "", 400, "to" },
        { "PUT", "/api/v1/projects/{p}/rota/availability/999999", "{\"windows\": []}", 400, "userId" },
        { "PUT", "/api/v1/projects/{p}/rota/availability/{u}", "{\"windows\": []}", 400, "userId" },
        { "PUT", "/api/v1/projects/{p}/rota/availability/{l}", "{\"windows\": [{\"day\": \"sunday\", \"start\": \"21:00\", \"end\": \"23:00\"}]}", 400, "windows[0]" },
        { "PUT", "/api/v1/projects/{p}/rota/availability/{l}", "{\"windows\": [{\"day\": \"monday\", \"start\": \"9\", \"end\": \"17:00\"}]}", 400, "windows[0].start" },
        { "POST", "/api/v1/projects/{p}/rota/time-off", "{\"userId\": 999999, \"from\": \"2026-03-10\", \"to\": \"2026-03-11\"}", 400, "userId" },
        { "POST", "/api/v1/projects/{p}/rota/time-off", "{\"from\": \"2026-03-10\", \"to\": \"2026-03-05\"}", 400, "to" },
        { "POST", "/api/v1/projects/{p}/rota/time-off", "{\"from\": \"2026-09-01\", \"to\": \"2026-09-02\"}", 400, "from" },
        { "POST", "/api/v1/projects/{p}/rota/shifts", "{\"userId\": 999999, \"date\": \"2026-03-20\", \"start\": \"09:00\", \"end\": \"12:00\"}", 400, "userId" },
        { "POST", "/api/v1/projects/{p}/rota/shifts", "{\"userId\": {u}, \"date\": \"2026-03-20\", \"start\": \"09:00\", \"end\": \"12:00\"}", 400, "userId" },
        { "POST", "/api/v1/projects/{p}/rota/shifts", "{\"userId\": {l}, \"date\": \"2026-03-29\", \"start\": \"02:30\", \"end\": \"08:00\"}", 400, "start" },
        { "POST", "/api/v1/projects/{p}/rota/shifts", "{\"userId\": {l}, \"date\": \"2026-03-20\", \"start\": \"9am\", \"end\": \"12:00\"}", 400, "start" },
        { "POST", "/api/v1/projects/{p}/rota/shifts", "{\"userId\": {l}, \"start\": \"09:00\", \"end\": \"12:00\"}", 400, "date" },
        { "PUT", "/api/v1/projects/{p}/standups/schedule", "{\"time\": \"9.15\"}", 400, "time" },
        { "PUT", "/api/v1/projects/{p}/standups/schedule", "{\"durationMinutes\": 600}", 400, "durationMinutes" },
        { "PUT", "/api/v1/projects/{p}/standups/schedule", "{\"attendeeRoles\": [\"triage\", \"everyone\"]}", 400, "attendeeRoles[1]" },
        { "PUT", "/api/v1/projects/{p}/standups/schedule", "{\"attendeeRoles\": []}", 400, "attendeeRoles" },
        { "PUT", "/api/v1/projects/{p}/standups/schedule", "{\"sendInvitations\": \"yes\"}", 400, "sendInvitations" },
        { "POST", "/api/v1/projects/{p}/standups/minutes", "{\"heldOn\": \"2099-01-01\"}", 400, "heldOn" },
        { "POST", "/api/v1/projects/{p}/standups/minutes", "{\"heldOn\": \"yesterday\"}", 400, "heldOn" },
        { "POST", "/api/v1/projects/{p}/standups/minutes", "{\"decisions\": [\" \"]}", 400, "decisions[0]" },
        { "POST", "/api/v1/projects/{p}/standups/minutes", "{\"notes\": \"" + new string('n', Hypercare.Core.Standups.StandupMinutes.NotesMaxLength + 1) + "\"}", 400, "notes" },
        { "POST", "/api/v1/projects/{p}/standups/minutes", "{\"actionItems\": [{\"text\": \"Call vendor\", \"dueOn\": \"2026-12-31\"}]}", 400, "actionItems[0].ownerUserId" },
        { "POST", "/api/v1/projects/{p}/standups/minutes", "{\"actionItems\": [{\"text\": \"Call vendor\", \"ownerUserId\": {u}, \"dueOn\": \"2026-12-31\"}]}", 400, "actionItems[0].ownerUserId" },
        { "POST", "/api/v1/projects/{p}/standups/minutes", "{\"actionItems\": [{\"text\": \"Call vendor\", \"ownerUserId\": {l}}]}", 400, "actionItems[0].dueOn" },
        { "POST", "/api/v1/projects/{p}/standups/minutes", "{\"actionItems\": [{\"text\": \"Call vendor\", \"ownerUserId\": {l}, \"dueOn\": \"2020-01-01\"}]}", 400, "actionItems[0].dueOn" },
        { "POST", "/api/v1/projects/{p}/standups/minutes", "{\"actionItems\": [{\"text\": \"\", \"ownerUserId\": {l}, \"dueOn\": \"2026-12-31\"}]}", 400, "actionItems[0].text" },
        { "POST", "/api/v1/projects/{p}/sow/generate", Sow("licensedUsers", "0"), 400, "licensedUsers" },
        { "POST", "/api/v1/projects/{p}/sow/apply", "{}", 400, "version" },
        { "POST", "/api/v1/projects/{p}/sow/apply", "{\"version\": \"first\"}", 400, "version" },
        { "POST", "/api/v1/projects/{p}/sow/generate", Sow("timeZones", "[\"Mars/Base\"]"), 400, "timeZones[0]" },
        { "POST", "/api/v1/projects/{p}/sow/generate", Sow("team", "[{\"role\": \"sponsor\", \"people\": 1, \"dayRate\": 900}]"), 400, "team[0].role" },
        { "POST", "/api/v1/projects/{p}/sow/generate", Sow("rollout", "\"sideways\""), 400, "rollout" },
        { "POST", "/api/v1/projects/{p}/sow/generate", Sow("goLive", "\"June\""), 400, "goLive" },
        { "POST", "/api/v1/projects/{p}/sow/generate", Sow("system", "\"a\\u0000b\""), 400, "system" },
        { "POST", "/api/v1/projects/{p}/sow/generate", "{}", 400, "system" },
        { "POST", "/api/v1/projects/{p}/sow/compare", Sow("team", "[]"), 400, "team" },
        { "POST", "/api/v1/projects/{p}/sow/export?format=pdf", Sow("sites", "2"), 400, "format" },
        { "POST", "/api/v1/projects/{p}/sow/export?format=docx", Sow("team", "[{\"role\": \"triage\", \"people\": 1, \"dayRate\": -5}]"), 400, "team[0].dayRate" },
        { "POST", "/api/v1/users", "{\"email\": \"not-an-address\", \"displayName\": \"N\", \"password\": \"long-enough-pw\"}", 400, "email" },
        { "POST", "/api/v1/users", "{\"email\": \"new@x.example\", \"displayName\": \"N\", \"password\": \"short\"}", 400, "password" },
        { "POST", "/api/v1/users", "{\"email\": \"new@x.example\", \"displayName\": \"N\", \"password\": \"long-enough-pw\", \"isAdministrator\": \"yes\"}", 400, "isAdministrator" },
        { "PATCH", "/api/v1/users/{u}", "{\"isActive\": \"no\"}", 400, "isActive" },
        { "PATCH", "/api/v1/users/{u}", "{\"displayName\": \"  \"}", 400, "displayName" },
        { "POST", "/api/v1/sign-in/unlock", "{}", 400, "email" },
        { "POST", "/api/v1/sign-in/unlock", "{\"email\": 5}", 400, "email" },
        { "POST", "/api/v1/projects", "{\"name\": \"a\\u0000b\", \"systemName\": \"S\", \"goLiveDate\": \"2026-03-01\"}", 400, "name" },
        { "POST", "/api/v1/projects/{p}/issues", "{\"title\": \"a\\u0000b\", \"description\": \"d\", \"proposedSeverity\": \"sev3\"}", 400, "title" },
        { "POST", "/api/v1/projects/{p}/issues", "{\"title\": \"t\", \"description\": \"bell \\u0007 here\", \"proposedSeverity\": \"sev3\"}", 400, "description" },
        { "PATCH", "/api/v1/projects/{p}/issues/{i}", "{\"version\": 0, \"title\": \"esc \\u001B[31m\"}", 400, "title" },
        { "POST", "/api/v1/projects/{p}/issues/{i}/comments", "{\"body\": \"C1 \\u0085 control\"}", 400, "body" },
        { "POST", "/api/v1/projects/{p}/known-issues", "{\"title\": \"a\\u0000b\", \"symptoms\": \"s\"}", 400, "title" },
        { "POST", "/api/v1/me/tokens", "{\"name\": \"a\\u0000b\"}", 400, "name" },
        { "POST", "/api/v1/projects/{p}/handover/items", "{\"title\": \"t\", \"note\": \"a\\u0000b\"}", 400, "note" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Endpoint_BadBody_ProblemNamesFieldAndWritesNothing(string method, string url, string body, int status, string field)
    {
        var project = await app.NewProjectAsync();
        var other = await app.NewProjectAsync("Other");
        var lead = project[ProjectRole.HypercareLead];
        var issue = await ReportAsync(project[ProjectRole.Reporter].Client, project.Issues);
        var foreign = await ReportAsync(other[ProjectRole.Reporter].Client, other.Issues);
        var resolved = await FillKnownIssuesAndPatchesAsync(Fill(url, project, issue, foreign), project);
        var before = await CountRowsAsync();
        var client = url.StartsWith("/api/v1/users", StringComparison.Ordinal) || url.StartsWith("/api/v1/sign-in", StringComparison.Ordinal) || url == "/api/v1/projects" ? app.Admin : lead.Client;

        using var request = new HttpRequestMessage(new HttpMethod(method), resolved)
        {
            Content = new StringContent(Fill(body, project, issue, foreign), Encoding.UTF8, "application/json"),
        };
        var response = await client.SendAsync(request);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out var messages), $"errors should name '{field}': {problem}");
        Assert.NotEmpty(messages.EnumerateArray().First().GetString()!);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task Endpoint_OversizeBody_Is413ProblemAndWritesNothing()
    {
        var project = await app.NewProjectAsync();
        var before = await CountRowsAsync();
        var huge = "{\"title\": \"t\", \"description\": \"" + new string('d', 1_100_000) + "\", \"proposedSeverity\": \"sev3\"}";

        var response = await project[ProjectRole.Reporter].Client.PostAsync(project.Issues, new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(before, await CountRowsAsync());
    }

    [Fact]
    public async Task List_BadQueryValues_NameTheParameter()
    {
        var project = await app.NewProjectAsync();
        var client = project[ProjectRole.Triage].Client;

        foreach (var (query, field) in new[] { ("status=sleeping", "status"), ("severity=sev0", "severity"), ("page=0", "page"), ("pageSize=1000", "pageSize"), ("open=maybe", "open"), ("assigneeId=x", "assigneeId"), ("sort=random", "sort"), ("q=a%00b", "q"), ("q=%1B", "q") })
        {
            var response = await client.GetAsync($"{project.Issues}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{query} should name {field}: {problem}");
        }
    }

    [Fact]
    public async Task UnknownIds_Are404Problems()
    {
        var project = await app.NewProjectAsync();
        var client = project[ProjectRole.Triage].Client;

        foreach (var url in new[] { $"{project.Issues}/999999", "/api/v1/projects/999999", "/api/v1/projects/999999/issues", $"{project.Url}/members/999999" })
        {
            var response = url.EndsWith("/members/999999", StringComparison.Ordinal)
                ? await project[ProjectRole.HypercareLead].Client.PatchAsJsonAsync(url, new { role = "triage" })
                : await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }
    }

    private static async Task<int> ReportAsync(HttpClient client, string url)
    {
        var response = await client.PostAsJsonAsync(url, new { title = "t", description = "d", proposedSeverity = "sev3" });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
    }

    /// <summary>{k} a known issue (no workaround), {pt} a planned patch, {ph} the project's first plan phase: made only when the url names them.</summary>
    private async Task<string> FillKnownIssuesAndPatchesAsync(string url, TestProject project)
    {
        var lead = project[ProjectRole.HypercareLead].Client;
        string Text(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (url.Contains("{k}", StringComparison.Ordinal))
        {
            var known = await lead.PostAsJsonAsync($"{project.Url}/known-issues", new { title = "Known", symptoms = "Symptoms" });
            known.EnsureSuccessStatusCode();
            url = url.Replace("{k}", Text((await known.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("knownIssue").GetProperty("id").GetInt32()), StringComparison.Ordinal);
        }

        if (url.Contains("{pt}", StringComparison.Ordinal))
        {
            var patch = await lead.PostAsJsonAsync($"{project.Url}/patches", new { plannedFor = app.Clock.GetUtcNow().AddDays(1) });
            patch.EnsureSuccessStatusCode();
            url = url.Replace("{pt}", Text((await patch.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("patch").GetProperty("id").GetInt32()), StringComparison.Ordinal);
        }

        if (url.Contains("{ph}", StringComparison.Ordinal))
        {
            var phases = await lead.GetFromJsonAsync<JsonElement>($"{project.Url}/plan/phases");
            url = url.Replace("{ph}", Text(phases[0].GetProperty("id").GetInt32()), StringComparison.Ordinal);
        }

        return url;
    }

    private static string Fill(string text, TestProject project, int issue, int foreign) => text
        .Replace("{p}", project.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{i}", issue.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{u}", project[ProjectRole.Reporter].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{l}", project[ProjectRole.HypercareLead].Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
        .Replace("{foreignIssue}", foreign.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    /// <summary>Rows in every table that a request could write to, audit trail included.</summary>
    private Task<long> CountRowsAsync() => app.WithServicesAsync(async services =>
    {
        var db = services.GetRequiredService<HypercareDbContext>();
        return await db.AuditEntries.LongCountAsync() + await db.Issues.LongCountAsync() + await db.IssueComments.LongCountAsync()
            + await db.Projects.LongCountAsync() + await db.ProjectMembers.LongCountAsync() + await db.Users.LongCountAsync()
            + await db.KnownIssues.LongCountAsync() + await db.KnownIssueLinks.LongCountAsync() + await db.Patches.LongCountAsync()
            + await db.PatchIssues.LongCountAsync() + await db.PatchCadences.LongCountAsync() + await db.StatusPageLinks.LongCountAsync()
            + await db.Notifications.LongCountAsync() + await db.OutboxMessages.LongCountAsync()
            + await db.RotaSettings.LongCountAsync() + await db.RotaAvailability.LongCountAsync() + await db.RotaTimeOff.LongCountAsync()
            + await db.TeamShifts.LongCountAsync() + await db.ShiftSwaps.LongCountAsync()
            + await db.StandupSchedules.LongCountAsync() + await db.StandupSeries.LongCountAsync() + await db.StandupMinutes.LongCountAsync()
            + await db.StandupActionItems.LongCountAsync()
            + await db.SowPlans.LongCountAsync();
    });

    /// <summary>A valid SOW plan request as JSON with the value of one field replaced (raw JSON).</summary>
    private static string Sow(string field, string json)
    {
        var fields = new List<(string Name, string Json)>
        {
            ("system", "\"CRM\""), ("licensedUsers", "100"), ("sites", "1"), ("timeZones", "[\"Europe/Berlin\"]"), ("integrations", "1"),
            ("migratedRecords", "0"), ("customisation", "\"low\""), ("criticality", "\"low\""), ("rollout", "\"pilot\""), ("goLive", "\"2026-06-01\""),
            ("team", "[{\"role\": \"hypercareLead\", \"people\": 1, \"dayRate\": 1000}]"),
        };
        return "{" + string.Join(", ", fields.Select(f => $"\"{f.Name}\": {(f.Name == field ? json : f.Json)}")) + "}";
    }
}

public sealed class BadInputTests_Sqlite(SqliteApp app) : BadInputTests(app), IClassFixture<SqliteApp>;

public sealed class BadInputTests_Postgres(PostgresApp app) : BadInputTests(app), IClassFixture<PostgresApp>;
