namespace Hypercare.Core;

/// <summary>An entity guarded by optimistic concurrency: every save bumps <see cref="Version"/>, a stale one is refused.</summary>
public interface IVersioned
{
    int Version { get; set; }
}
