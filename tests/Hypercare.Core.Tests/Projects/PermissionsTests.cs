using Hypercare.Core.Projects;

namespace Hypercare.Core.Tests.Projects;

public class PermissionsTests
{
    /// <summary>docs/permissions.md is the matrix people read; it must say exactly what the code enforces.</summary>
    [Fact]
    public void Matrix_DocsTable_EqualsCode()
    {
        var doc = File.ReadAllLines(Path.Combine(RepositoryRoot(), "docs", "permissions.md"));
        var header = doc.First(l => l.StartsWith("| Permission", StringComparison.Ordinal));
        var roles = Cells(header).Skip(1).Select(Enum.Parse<ProjectRole>).ToList();
        Assert.Equal(Enum.GetValues<ProjectRole>().Order(), roles.Order());

        var rows = doc.SkipWhile(l => l != header).Skip(2).TakeWhile(l => l.StartsWith('|')).ToList();
        Assert.Equal(Enum.GetValues<Permission>().Length, rows.Count);
        foreach (var row in rows)
        {
            var cells = Cells(row);
            var permission = Enum.Parse<Permission>(cells[0].Trim('`'));
            for (var i = 0; i < roles.Count; i++)
            {
                Assert.True(Permissions.Allows(roles[i], permission) == (cells[i + 1] == "yes"),
                    $"docs/permissions.md says {roles[i]} {(cells[i + 1] == "yes" ? "may" : "may not")} {permission}; the code disagrees.");
            }
        }
    }

    [Fact]
    public void Sponsor_ReadsAndSignsOffOnly()
    {
        Assert.Equal([Permission.ViewProject, Permission.ViewAllIssues, Permission.ViewExit, Permission.SignOffExit, Permission.ViewRota,
            Permission.ViewPlan], Permissions.Of(ProjectRole.Sponsor).Order());
    }

    [Fact]
    public void Reporter_CannotSeeOthersIssues() => Assert.False(Permissions.Allows(ProjectRole.Reporter, Permission.ViewAllIssues));

    private static List<string> Cells(string row) => row.Trim().Trim('|').Split('|').Select(c => c.Trim()).ToList();

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hypercare.slnx")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Hypercare.slnx not found above the test folder.");
    }
}
