using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace Hypercare.Core.Communications;

/// <summary>Settings under <c>Hypercare:Reports</c> and the product's public address for links in messages.</summary>
public sealed record ReportSettings
{
    /// <summary>A slot missed while no node ran (a restart, an outage) is still sent when this much late at most; older ones are skipped.</summary>
    public TimeSpan CatchUpWindow { get; init; } = TimeSpan.FromHours(6);

    /// <summary>The address people open the product at (https://hypercare.example.com); links to full reports start with it.</summary>
    public string? PublicUrl { get; init; }

    public static ReportSettings From(IConfiguration? configuration)
    {
        Func<string, string?> value = configuration is null
            ? key => Environment.GetEnvironmentVariable(key.Replace(":", "__", StringComparison.Ordinal))
            : key => configuration[key];
        var defaults = new ReportSettings();
        return new ReportSettings
        {
            CatchUpWindow = double.TryParse(value("Hypercare:Reports:CatchUpHours"), NumberStyles.Float, CultureInfo.InvariantCulture, out var hours) && hours >= 0
                ? TimeSpan.FromHours(hours) : defaults.CatchUpWindow,
            PublicUrl = value("Hypercare:PublicUrl") is { Length: > 0 } url ? url.TrimEnd('/') : null,
        };
    }

    public string? ReportUrl(int projectId, string key) => PublicUrl is null ? null : $"{PublicUrl}/projects/{projectId}/communications/archive/{key}";
}
