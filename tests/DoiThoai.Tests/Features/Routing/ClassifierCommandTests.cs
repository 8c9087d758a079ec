namespace DoiThoai.Tests.Features.Routing;

/// <summary>
/// `classifier evaluate` and `classifier train`, run as an operator would. The data set is a small
/// synthetic one written here (the uit-vsfc benchmark is never part of the tests).
/// </summary>
public sealed class ClassifierCommandTests(AppProcess app) : IClassFixture<AppProcess>, IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "doithoai-classifier", Guid.NewGuid().ToString("N"));

    /// <summary>Two topics whose sentences share no word: any working classifier separates them.</summary>
    private string WriteSeparable(string name, int perTopic, int offset)
    {
        string[] roads = ["đường", "cầu", "cống", "mặt đường", "đường liên thôn"];
        string[] schools = ["trường học", "học sinh", "giáo viên", "lớp học", "học phí"];
        var sents = new List<string>();
        var topics = new List<string>();
        for (var i = 0; i < perTopic; i++)
        {
            sents.Add($"đề nghị sửa {roads[(i + offset) % roads.Length]} bị hư hỏng ở thôn số {i + offset}");
            topics.Add("giao-thong");
            sents.Add($"kiến nghị hỗ trợ {schools[(i + offset) % schools.Length]} vùng khó khăn năm {i + offset}");
            topics.Add("giao-duc");
        }
        var dir = Path.Combine(folder, name);
        Directory.CreateDirectory(dir);
        File.WriteAllLines(Path.Combine(dir, "sents.txt"), sents);
        // No final newline on one file, as in some uit-vsfc files: lines are what count.
        File.WriteAllText(Path.Combine(dir, "topics.txt"), string.Join('\n', topics));
        return dir;
    }

    [Fact]
    public async Task Evaluate_prints_per_class_scores_and_ends_with_the_weighted_f1()
    {
        var train = WriteSeparable("train", 30, 0);
        var test = WriteSeparable("test", 10, 100);

        var (exitCode, output) = await app.RunAsync("classifier", "evaluate", "--train", train, "--test", test);

        Assert.True(exitCode == 0, output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal("weighted F1: 1.0000", lines[^1]);
        Assert.Matches(@"^training time: \d+\.\d s$", lines[^2]);
        Assert.Contains(lines, l => l.StartsWith("giao-duc", StringComparison.Ordinal) && l.EndsWith("10", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Missing_files_and_mismatched_lines_get_a_clear_message_and_exit_code_2()
    {
        var train = WriteSeparable("train", 5, 0);
        var missing = Path.Combine(folder, "nowhere");
        var (exitCode, output) = await app.RunAsync("classifier", "evaluate", "--train", train, "--test", missing);
        Assert.Equal(2, exitCode);
        Assert.Contains("Không tìm thấy tệp", output);
        Assert.Contains(Path.Combine(missing, "sents.txt"), output);

        var uneven = WriteSeparable("uneven", 5, 0);
        File.AppendAllText(Path.Combine(uneven, "topics.txt"), "\ngiao-duc\ngiao-duc");
        (exitCode, output) = await app.RunAsync("classifier", "evaluate", "--train", train, "--test", uneven);
        Assert.Equal(2, exitCode);
        Assert.Contains("có 10 dòng nhưng", output);
        Assert.Contains("Line counts differ", output);

        (exitCode, output) = await app.RunAsync("classifier", "evaluate", "--train", train);
        Assert.Equal(2, exitCode);
        Assert.Contains("classifier evaluate --train DIR --test DIR", output);
    }

    [Fact]
    public async Task Train_stores_a_model_from_the_demo_items()
    {
        var seed = await app.RunAsync("seed-demo");
        Assert.True(seed.ExitCode == 0, seed.Output);

        var (exitCode, output) = await app.RunAsync("classifier", "train");

        Assert.True(exitCode == 0, output);
        Assert.Matches(@"Đã huấn luyện từ [1-9]\d* ý kiến", output);
    }

    public void Dispose()
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
