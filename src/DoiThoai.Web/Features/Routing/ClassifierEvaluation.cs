using System.Diagnostics;
using System.Globalization;

namespace DoiThoai.Web.Features.Routing;

/// <summary>
/// `classifier evaluate`: the routing engine trained on one labelled folder and scored on another,
/// each holding sents.txt and topics.txt with one sentence and one label a line (the uit-vsfc layout).
/// The last line printed is always "weighted F1: 0.xxxx" so that scripts can read it.
/// </summary>
public static class ClassifierEvaluation
{
    public sealed class DatasetException(string message) : Exception(message);

    public sealed record Dataset(IReadOnlyList<string> Texts, IReadOnlyList<string> Labels);

    public static Dataset Load(string? folder)
    {
        if (string.IsNullOrWhiteSpace(folder)) throw new DatasetException("Thiếu thư mục dữ liệu. A data folder is missing.");
        folder = FromWhereTyped(folder);
        var sentsPath = Path.Combine(folder, "sents.txt");
        var topicsPath = Path.Combine(folder, "topics.txt");
        foreach (var path in new[] { sentsPath, topicsPath })
            if (!File.Exists(path)) throw new DatasetException($"Không tìm thấy tệp {path}. File not found.");
        // A final newline is optional (some uit-vsfc files lack it), so lines, not newlines, are counted.
        var texts = File.ReadAllLines(sentsPath);
        var labels = File.ReadAllLines(topicsPath).Select(l => l.Trim()).ToArray();
        if (texts.Length != labels.Length)
            throw new DatasetException($"{sentsPath} có {texts.Length} dòng nhưng {topicsPath} có {labels.Length} dòng. Line counts differ.");
        if (texts.Length == 0) throw new DatasetException($"{sentsPath} không có dòng nào. The file is empty.");
        if (Array.FindIndex(labels, l => l.Length == 0) is var blank and >= 0)
            throw new DatasetException($"{topicsPath} dòng {blank + 1} không có nhãn. Line {blank + 1} has no label.");
        return new Dataset(texts, labels);
    }

    /// <summary>
    /// `dotnet run` starts the app in the project folder, but a relative path is meant from where the
    /// command was typed, which the shell keeps in PWD: that folder is used when it has the path.
    /// </summary>
    private static string FromWhereTyped(string folder)
    {
        if (Path.IsPathRooted(folder) || Directory.Exists(folder)) return folder;
        var typedIn = Environment.GetEnvironmentVariable("PWD");
        return typedIn is { Length: > 0 } && Directory.Exists(Path.Combine(typedIn, folder)) ? Path.Combine(typedIn, folder) : folder;
    }

    /// <summary>Prints the report to <paramref name="output"/>; 0 when done, 2 for bad input.</summary>
    public static int Run(string? trainFolder, string? testFolder, TextWriter output, TextWriter errors)
    {
        Dataset train, test;
        try
        {
            train = Load(trainFolder);
            test = Load(testFolder);
            if (train.Labels.Distinct().Count() < 2) throw new DatasetException("Dữ liệu huấn luyện cần ít nhất 2 nhãn. Training data needs at least two labels.");
        }
        catch (DatasetException e)
        {
            errors.WriteLine(e.Message);
            errors.WriteLine("Cách dùng / usage: classifier evaluate --train DIR --test DIR");
            return 2;
        }

        var watch = Stopwatch.StartNew();
        var classifier = TextClassifier.Train(train.Texts, train.Labels);
        var trainingTime = watch.Elapsed;
        var predicted = test.Texts.Select(t => classifier.Predict(t)[0].Label).ToList();

        var inv = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(inv, $"train: {train.Texts.Count} lines, test: {test.Texts.Count} lines"));
        output.WriteLine(string.Create(inv, $"{"label",-12} {"precision",9} {"recall",9} {"F1",9} {"support",8}"));
        var weighted = 0.0;
        foreach (var label in test.Labels.Union(train.Labels).Order(StringComparer.Ordinal))
        {
            int tp = 0, fp = 0, fn = 0;
            for (var i = 0; i < predicted.Count; i++)
            {
                var (p, a) = (predicted[i] == label, test.Labels[i] == label);
                if (p && a) tp++; else if (p) fp++; else if (a) fn++;
            }
            var support = tp + fn;
            var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
            var recall = support == 0 ? 0 : (double)tp / support;
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            weighted += f1 * support / test.Labels.Count;
            output.WriteLine(string.Create(inv, $"{label,-12} {precision,9:F4} {recall,9:F4} {f1,9:F4} {support,8}"));
        }
        var accuracy = (double)predicted.Where((p, i) => p == test.Labels[i]).Count() / predicted.Count;
        output.WriteLine(string.Create(inv, $"accuracy: {accuracy:F4}"));
        output.WriteLine(string.Create(inv, $"training time: {trainingTime.TotalSeconds:F1} s"));
        output.WriteLine(string.Create(inv, $"weighted F1: {weighted:F4}"));
        return 0;
    }
}
