using System.Text.Json;
using System.Text.Json.Serialization;
using Hypercare.Core.Projects;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Planning;

/// <summary>
/// The SOW plan a project's lead last generated, kept as the request it came from: the generator is pure, so the plan is
/// generated again from it when read, and a sponsor reads exactly what the lead saw.
/// </summary>
public sealed class ProjectSowPlan : IVersioned
{
    public const int RequestMaxLength = 64_000;

    public int ProjectId { get; private set; }

    /// <summary>The <see cref="PlanRequest"/> as JSON (camelCase, enums as names).</summary>
    public string RequestJson { get; private set; } = "";

    public DateTimeOffset GeneratedAt { get; private set; }

    public int? GeneratedByUserId { get; private set; }

    public int Version { get; set; }

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static ProjectSowPlan Create(int projectId) => new() { ProjectId = projectId, Version = 1 };

    public void Set(PlanRequest request, DateTimeOffset now, int? userId)
    {
        RequestJson = JsonSerializer.Serialize(request, Json);
        GeneratedAt = now;
        GeneratedByUserId = userId;
    }

    public PlanRequest Request() => JsonSerializer.Deserialize<PlanRequest>(RequestJson, Json)!;
}

public static class PlanningModel
{
    public static void Configure(ModelBuilder model) =>
        model.Entity<ProjectSowPlan>(b =>
        {
            b.HasKey(p => p.ProjectId);
            b.Property(p => p.ProjectId).ValueGeneratedNever();
            b.Property(p => p.RequestJson).HasMaxLength(ProjectSowPlan.RequestMaxLength);
            b.Property(p => p.Version).IsConcurrencyToken();
            b.HasOne<Project>().WithOne().HasForeignKey<ProjectSowPlan>(p => p.ProjectId);
        });
}
