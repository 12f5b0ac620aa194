using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Hypercare.Core.Cluster;

/// <summary>EF mapping of what nodes share: the data-protection key ring and the scheduled jobs' leases (ADR 0060).</summary>
public static class ClusterModel
{
    public static void Configure(ModelBuilder model)
    {
        model.Entity<DataProtectionKey>(b => b.ToTable("DataProtectionKeys"));

        model.Entity<JobLease>(b =>
        {
            b.HasKey(l => l.Name);
            b.Property(l => l.Name).HasMaxLength(JobLease.NameMaxLength);
            b.Property(l => l.HeldBy).HasMaxLength(JobLease.NodeMaxLength);
        });
    }
}
