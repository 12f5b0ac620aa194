namespace Hypercare.Cli;

/// <summary>The exit codes of ARCHITECTURE.md §6; scripts and CI gates rely on them.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;
    public const int Failure = 1;
    public const int Usage = 2;
    public const int CriteriaNotMet = 3;

    public const string Help = """
        Exit codes:
          0  success
          1  failure: something was not found or refused, or the database failed
          2  bad usage or input; the message names the option at fault
          3  criteria not met (reserved for gating commands such as exit-criteria checks)
        """;
}
