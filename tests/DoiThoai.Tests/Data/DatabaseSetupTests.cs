using DoiThoai.Web.Data;
using Npgsql;

namespace DoiThoai.Tests.Data;

/// <summary>The PostgreSQL connection string the app uses: automatic preparation and no reset on close unless the operator chose.</summary>
public sealed class DatabaseSetupTests
{
    [Fact]
    public void Automatic_preparation_and_no_reset_are_on_by_default()
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseSetup.Tuned("Host=db;Database=doithoai;Username=app;Password=x"));
        Assert.Equal(50, built.MaxAutoPrepare);
        Assert.True(built.NoResetOnClose);
        Assert.Equal(("db", "doithoai", "app", "x"), (built.Host, built.Database, built.Username, built.Password));
    }

    [Theory]
    [InlineData("Host=db;Max Auto Prepare=0", 0, true)]
    [InlineData("Host=db;MaxAutoPrepare=7;No Reset On Close=false", 7, false)]
    public void The_operators_choice_is_kept(string connectionString, int maxAutoPrepare, bool noResetOnClose)
    {
        var built = new NpgsqlConnectionStringBuilder(DatabaseSetup.Tuned(connectionString));
        Assert.Equal((maxAutoPrepare, noResetOnClose), (built.MaxAutoPrepare, built.NoResetOnClose));
    }
}
