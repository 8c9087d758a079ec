using DoiThoai.Web.Data;
using Npgsql;

namespace DoiThoai.Tests.Data;

/// <summary>The PostgreSQL connection string the app uses: automatic preparation on unless the operator chose.</summary>
public sealed class DatabaseSetupTests
{
    [Fact]
    public void Automatic_preparation_is_on_by_default()
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare("Host=db;Database=doithoai;Username=app;Password=x"));
        Assert.Equal(100, built.MaxAutoPrepare);
        Assert.Equal(2, built.AutoPrepareMinUsages);
        Assert.Equal(("db", "doithoai", "app", "x"), (built.Host, built.Database, built.Username, built.Password));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0)]
    [InlineData("Host=db;Max Auto Prepare=7", 7)]
    [InlineData("Host=db;Auto Prepare Min Usages=5", 0)]
    public void The_operators_choice_is_kept(string connectionString, int maxAutoPrepare) =>
        Assert.Equal(maxAutoPrepare, new NpgsqlConnectionStringBuilder(DatabaseSetup.WithAutoPrepare(connectionString)).MaxAutoPrepare);
}
