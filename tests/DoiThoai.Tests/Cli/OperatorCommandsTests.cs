namespace DoiThoai.Tests.Cli;

/// <summary>
/// The operator verbs, run as an operator would: the app's own executable in a separate process,
/// against a database of the test's own on the provider under test.
/// </summary>
public sealed class OperatorCommandsTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task Migrate_then_seed_demo_twice_then_an_unknown_verb()
    {
        var migrate = await app.RunAsync("migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Output);
        Assert.Contains("Schema is up to date", migrate.Output);

        var seed = await app.RunAsync("seed-demo");
        Assert.True(seed.ExitCode == 0, seed.Output);
        Assert.Contains("vanphong", seed.Output);
        Assert.Contains("Demo data loaded", seed.Output);

        var again = await app.RunAsync("seed-demo");
        Assert.True(again.ExitCode == 0, again.Output);
        Assert.Contains("already present", again.Output);

        var unknown = await app.RunAsync("explode");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Unknown verb", unknown.Output);
        Assert.Contains("migrate", unknown.Output);
    }
}
