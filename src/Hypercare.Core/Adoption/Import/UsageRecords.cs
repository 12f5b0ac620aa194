using nietras.SeparatedValues;

namespace Hypercare.Core.Adoption.Import;

internal readonly record struct UsageRecord(string Key, string User, DateTimeOffset At, UsageSource Source, string? PageUrl,
    string? EntityType, string? App, string? Component, string? Feature);

/// <summary>
/// Reads Event Log File <c>LightningPageView</c>, <c>LightningInteraction</c> and <c>URI</c> files (also the
/// CamelCase Event Log Object exports), and a generic "user, time, feature" CSV. Rows are keyed by
/// REQUEST_ID + time + event type (+ UI event sequence), or by a hash of the row when there is no request id.
/// </summary>
internal sealed class UsageRecordReader
{
    private readonly int _eventType;
    private readonly int _user;
    private readonly int _time;
    private readonly int _timeFallback;
    private readonly int _requestId;
    private readonly int _sequence;
    private readonly int _pageUrl;
    private readonly int _uri;
    private readonly int _entityType;
    private readonly int _app;
    private readonly int _component;
    private readonly int _feature;

    public UsageRecordReader(CsvInput csv)
    {
        _eventType = csv.Find("EVENT_TYPE");
        _user = csv.Require("USER_ID_DERIVED", "USER_ID_DERIVED", "UserIdentifier", "USER_ID", "UserId", "User", "Username", "User Name", "Email");
        _time = csv.Find("TIMESTAMP_DERIVED", "Timestamp", "Time", "At", "Date");
        _timeFallback = csv.Find("TIMESTAMP");
        if (_time < 0 && _timeFallback < 0)
        {
            csv.Require("TIMESTAMP_DERIVED", "TIMESTAMP_DERIVED", "TIMESTAMP", "Timestamp", "Time");
        }

        _requestId = csv.Find("REQUEST_ID", "RequestIdentifier");
        _sequence = csv.Find("UI_EVENT_SEQUENCE_NUM", "UiEventSequenceNumber");
        _pageUrl = csv.Find("PAGE_URL", "PageUrl");
        _uri = csv.Find("URI", "Uri");
        _entityType = csv.Find("PAGE_ENTITY_TYPE", "PageObjectType", "RECORD_TYPE", "Entity Type", "EntityType");
        _app = csv.Find("PAGE_APP_NAME", "PageAppName", "APP_NAME", "App");
        _component = csv.Find("COMPONENT_NAME", "ComponentName", "Component");
        _feature = csv.Find("Feature");
        Format = _eventType >= 0 ? "EventLogFile" : _feature >= 0 ? "Generic usage" : "Event Log Object";
        if (_eventType < 0 && _feature < 0 && _pageUrl < 0 && _uri < 0 && _component < 0 && _entityType < 0)
        {
            csv.Require("Feature", "Feature", "PAGE_URL", "URI", "COMPONENT_NAME", "PAGE_ENTITY_TYPE");
        }
    }

    public string Format { get; }

    public bool TryRead(CsvInput csv, SepReader.Row row, long line, out UsageRecord record, out Rejection? rejection)
    {
        record = default;
        rejection = csv.CheckRow(row, line);
        if (rejection is not null)
        {
            return false;
        }

        var userCell = CsvInput.Cell(row, _user);
        if (userCell.Length == 0)
        {
            rejection = new(line, csv.ColumnName(_user), "the user is empty.");
            return false;
        }

        var user = SalesforceId.Canonical(userCell) ?? userCell.ToString().ToLowerInvariant();
        if (user.Length > AdoptionModel.KeyMaxLength)
        {
            rejection = new(line, csv.ColumnName(_user), $"the user is longer than {AdoptionModel.KeyMaxLength} characters.");
            return false;
        }

        var timeColumn = CsvInput.Cell(row, _time).Length > 0 ? _time : _timeFallback;
        var timeCell = CsvInput.Cell(row, timeColumn);
        if (!SalesforceTime.TryParse(timeCell, out var at))
        {
            rejection = new(line, csv.ColumnName(timeColumn >= 0 ? timeColumn : _time),
                timeCell.Length == 0 ? "the time is empty." : $"'{timeCell}' is not a time.");
            return false;
        }

        var eventType = CsvInput.Cell(row, _eventType);
        var source = eventType switch
        {
            "LightningPageView" => UsageSource.LightningPageView,
            "LightningInteraction" => UsageSource.LightningInteraction,
            "URI" => UsageSource.Uri,
            _ when _eventType < 0 && _feature >= 0 => UsageSource.Generic,
            _ when _eventType < 0 && _component >= 0 => UsageSource.LightningInteraction,
            _ when _eventType < 0 && _pageUrl >= 0 => UsageSource.LightningPageView,
            _ when _eventType < 0 && _uri >= 0 => UsageSource.Uri,
            _ => (UsageSource?)null,
        };
        if (source is null)
        {
            rejection = new(line, csv.ColumnName(_eventType), $"event type '{eventType}' is not a usage event (LightningPageView, LightningInteraction or URI).");
            return false;
        }

        var page = CsvInput.Text(row, _pageUrl, 1000) ?? (source == UsageSource.Uri ? CsvInput.Text(row, _uri, 1000) : null);
        string key;
        if (CsvInput.Cell(row, _requestId) is { Length: > 0 } request)
        {
            var sequence = CsvInput.Cell(row, _sequence);
            key = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"r:{request}@{at.UtcTicks}#{source.Value}{sequence}");
            if (key.Length > AdoptionModel.KeyMaxLength)
            {
                key = CsvInput.ContentKey("h:", row);
            }
        }
        else
        {
            key = CsvInput.ContentKey("h:", row);
        }

        record = new UsageRecord(key, user, at, source.Value, page, CsvInput.Text(row, _entityType), CsvInput.Text(row, _app),
            CsvInput.Text(row, _component), CsvInput.Text(row, _feature));
        return true;
    }
}
