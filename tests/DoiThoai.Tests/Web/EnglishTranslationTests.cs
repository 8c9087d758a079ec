using System.Text.RegularExpressions;
using System.Xml.Linq;
using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Sessions;

namespace DoiThoai.Tests.Web;

/// <summary>
/// The UI is written in Vietnamese, which is also the resource key; English comes from
/// SharedResource.en.resx. Every key the code uses must have an English entry, or an English
/// reader would meet Vietnamese in the middle of a page.
/// </summary>
public sealed partial class EnglishTranslationTests
{
    private static readonly string WebRoot = Path.Combine(RepoRoot(), "src", "DoiThoai.Web");

    [GeneratedRegex("""\b[Tt]\["((?:[^"\\]|\\.)+)"\]""")]
    private static partial Regex LocalizerCall();

    [GeneratedRegex("""ErrorMessage\s*=\s*"((?:[^"\\]|\\.)+)"\s*""")]
    private static partial Regex AnnotationMessage();

    [Fact]
    public void Every_text_the_pages_show_has_an_english_translation()
    {
        var english = Translations();
        var missing = UsedKeys().Where(k => !english.ContainsKey(k)).Distinct().Order().ToList();
        Assert.True(missing.Count == 0, "Missing in Infrastructure/SharedResource.en.resx:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void Translations_are_english_and_not_left_empty()
    {
        foreach (var (key, value) in Translations())
        {
            Assert.False(string.IsNullOrWhiteSpace(value), $"empty translation for '{key}'");
            Assert.DoesNotMatch("[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", value.ToLowerInvariant());
        }
    }

    private static IEnumerable<string> UsedKeys()
    {
        foreach (var file in Directory.EnumerateFiles(WebRoot, "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cshtml") || f.EndsWith(".cs")) && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")
                                 && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LocalizerCall().Matches(text)) yield return Regex.Unescape(m.Groups[1].Value);
            foreach (Match m in AnnotationMessage().Matches(text)) yield return Regex.Unescape(m.Groups[1].Value);
        }
        // Labels reach the localizer through T[Labels.Of(value)].
        foreach (var s in Enum.GetValues<SessionStatus>()) yield return SessionLabels.Of(s);
        foreach (var a in DialogueSession.Actions.All) yield return SessionLabels.OfAction(a);
        foreach (var s in Enum.GetValues<ItemStatus>()) yield return ItemLabels.Of(s);
        foreach (var k in Enum.GetValues<ItemKind>()) yield return ItemLabels.Of(k);
        foreach (var s in Enum.GetValues<RaisedStage>()) yield return ItemLabels.Of(s);
        foreach (var u in Enum.GetValues<Urgency>()) yield return ItemLabels.Of(u);
        foreach (var c in Enum.GetValues<Confidentiality>()) yield return ItemLabels.Of(c);
        foreach (var o in Enum.GetValues<AnswerOutcome>()) yield return ItemLabels.Of(o);
        foreach (var a in Item.Actions.All) yield return ItemLabels.OfAction(a);
        foreach (var r in Roles.All) yield return Roles.DisplayName(r);
        foreach (var s in Enum.GetValues<DoiThoai.Web.Features.Portal.ArticleStatus>()) yield return DoiThoai.Web.Features.Portal.ArticleLabels.OfStatus(s);
        foreach (var a in typeof(DoiThoai.Web.Features.Portal.Article.Actions).GetFields().Select(f => (string)f.GetValue(null)!))
            yield return DoiThoai.Web.Features.Portal.ArticleLabels.OfAction(a);
        foreach (var s in Enum.GetValues<DoiThoai.Web.Features.FollowUp.FollowUpStatus>()) yield return DoiThoai.Web.Features.FollowUp.TaskLabels.Of(s);
        foreach (var a in DoiThoai.Web.Features.FollowUp.FollowUpTask.Actions.All) yield return DoiThoai.Web.Features.FollowUp.TaskLabels.OfAction(a);
        // The import progress page shows a job's error through T[job.Error].
        yield return DoiThoai.Web.Features.Items.Import.ImportJob.ServerStoppedError;
        yield return DoiThoai.Web.Features.Items.Import.ImportJobs.SystemError;
    }

    private static Dictionary<string, string> Translations()
    {
        var path = Path.Combine(WebRoot, "Infrastructure", "SharedResource.en.resx");
        Assert.True(File.Exists(path), $"missing {path}");
        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "DoiThoai.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("repository root not found");
    }
}
