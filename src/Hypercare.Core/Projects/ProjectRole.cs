namespace Hypercare.Core.Projects;

public enum ProjectRole
{
    HypercareLead,
    Triage,
    ChangeManager,
    Sponsor,
    SteadyStateSupport,
    Reporter,
}
