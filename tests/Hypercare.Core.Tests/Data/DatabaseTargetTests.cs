using Hypercare.Core.Data;

namespace Hypercare.Core.Tests.Data;

public class DatabaseTargetTests
{
    [Fact]
    public void Parse_Nothing_IsTheEmbeddedSqliteDefault()
    {
        var target = DatabaseTarget.Parse(null);

        Assert.Equal(DatabaseProvider.Sqlite, target.Provider);
        Assert.Contains("data/hypercare.db", target.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FilePath_IsSqlite()
    {
        var target = DatabaseTarget.Parse("/var/lib/hypercare/prod.db");

        Assert.Equal(DatabaseProvider.Sqlite, target.Provider);
        Assert.Contains("/var/lib/hypercare/prod.db", target.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_KeyValueConnectionString_IsPostgres()
    {
        var target = DatabaseTarget.Parse("Host=db;Database=hypercare;Username=app;Password=secret");

        Assert.Equal(DatabaseProvider.Postgres, target.Provider);
        Assert.DoesNotContain("secret", target.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PostgresUri_BecomesKeyValueString()
    {
        var target = DatabaseTarget.Parse("postgresql://app:p%40ss@db.internal:5433/hypercare");

        Assert.Equal(DatabaseProvider.Postgres, target.Provider);
        Assert.Equal("Host=db.internal;Database=hypercare;Port=5433;Username=app;Password=p@ss", target.ConnectionString);
    }
}
