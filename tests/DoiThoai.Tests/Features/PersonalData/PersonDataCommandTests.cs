using System.Text.Json.Nodes;

namespace DoiThoai.Tests.Features.PersonalData;

/// <summary>The `person-data` verb, run as an operator would: the app's executable in its own process.</summary>
public sealed class PersonDataCommandTests(AppProcess app) : IClassFixture<AppProcess>
{
    [Fact]
    public async Task Export_writes_the_persons_data_only_with_the_requests_reference()
    {
        var seed = await app.RunAsync("seed-demo");
        Assert.True(seed.ExitCode == 0, seed.Output);
        var file = Path.Combine(app.DataPath, "person-1.json");

        var withoutReason = await app.RunAsync("person-data", "export", "--person", "1", "--out", file);
        Assert.Equal(2, withoutReason.ExitCode);
        Assert.Contains("Cần ghi căn cứ của yêu cầu", withoutReason.Output);
        Assert.False(File.Exists(file));

        var unknown = await app.RunAsync("person-data", "export", "--person", "999999", "--out", file, "--reason", "Đơn đề nghị ngày 20/11/2026");
        Assert.Equal(2, unknown.ExitCode);
        Assert.Contains("Không tìm thấy người này.", unknown.Output);

        var export = await app.RunAsync("person-data", "export", "--person", "1", "--out", file, "--reason", "Đơn đề nghị ngày 20/11/2026");
        Assert.True(export.ExitCode == 0, export.Output);
        var data = JsonNode.Parse(await File.ReadAllTextAsync(file))!;
        Assert.Equal(1, data["person"]!["id"]!.GetValue<int>());
        Assert.False(string.IsNullOrWhiteSpace(data["person"]!["fullName"]!.GetValue<string>()));
        Assert.DoesNotContain("password", await File.ReadAllTextAsync(file), StringComparison.OrdinalIgnoreCase);

        var anonymise = await app.RunAsync("person-data", "anonymise", "--person", "1", "--reason", "Đơn đề nghị ngày 20/11/2026");
        Assert.Equal(2, anonymise.ExitCode); // not without --yes
        Assert.Contains("--yes", anonymise.Output);
    }
}
