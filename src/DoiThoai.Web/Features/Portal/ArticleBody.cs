using Ganss.Xss;
using Markdig;
using Markdig.Syntax;

namespace DoiThoai.Web.Features.Portal;

/// <summary>
/// An article body is written in Markdown (simple HTML allowed), rendered by Markdig and then cleaned
/// by HtmlSanitizer against a short allow-list. Whatever the sanitiser would have to remove — a
/// script, an event handler, a javascript: link, a style — makes the save fail with a message naming
/// it, so the writer sees the problem instead of a body silently changed; the typed text stays in the form.
/// </summary>
public static class ArticleBody
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoLinks()
        .UseEmphasisExtras()
        .Build();

    private static readonly string[] Tags =
    [
        "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "del", "sub", "sup",
        "blockquote", "ul", "ol", "li", "a", "code", "pre", "table", "thead", "tbody", "tr", "th", "td", "caption",
    ];

    private static readonly string[] Attributes = ["href", "title", "colspan", "rowspan", "scope", "start"];

    /// <summary>The sanitised HTML of <paramref name="markdown"/>; throws when something unsafe had to go.</summary>
    public static string Render(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        // The page's title is the only h1: the body's top headings become h2, whether the writer typed
        // "#" or "##" (the form's hint and the session draft use "##"); a fixed +1 made them h3 after
        // the h1, a skipped level that screen-reader users navigating by headings trip over.
        var headings = document.Descendants<HeadingBlock>().ToList();
        var shift = headings.Count == 0 ? 0 : 2 - headings.Min(h => h.Level);
        foreach (var heading in headings)
            heading.Level = Math.Clamp(heading.Level + shift, 2, 6);
        var html = document.ToHtml(Pipeline);

        var removed = new List<string>();
        var sanitizer = Create();
        sanitizer.RemovingTag += (_, e) => removed.Add("<" + e.Tag.NodeName.ToLowerInvariant() + ">");
        sanitizer.RemovingAttribute += (_, e) => removed.Add(e.Attribute.Name.ToLowerInvariant() +
            (e.Reason == RemoveReason.NotAllowedUrlValue ? "=\"" + Shorten(e.Attribute.Value) + "\"" : ""));
        sanitizer.RemovingStyle += (_, e) => removed.Add("style");
        sanitizer.RemovingAtRule += (_, e) => removed.Add("@" + e.Rule.Type);
        var clean = sanitizer.Sanitize(html);
        if (removed.Count > 0)
            throw new DomainValidationException("bodyMarkdown",
                "Nội dung có thành phần không được phép (" + string.Join(", ", removed.Distinct().Take(5)) +
                "). Hãy bỏ chúng rồi lưu lại; nội dung chỉ nhận định dạng văn bản, liên kết http(s) và bảng.");
        return clean;
    }

    /// <summary>The plain text of a body (for search and feeds).</summary>
    public static string PlainText(string markdown) => Markdown.ToPlainText(markdown, Pipeline).Trim();

    private static HtmlSanitizer Create()
    {
        var options = new HtmlSanitizerOptions
        {
            AllowedTags = new HashSet<string>(Tags, StringComparer.OrdinalIgnoreCase),
            AllowedAttributes = new HashSet<string>(Attributes, StringComparer.OrdinalIgnoreCase),
            AllowedSchemes = new HashSet<string>(["http", "https", "mailto"], StringComparer.OrdinalIgnoreCase),
            UriAttributes = new HashSet<string>(["href"], StringComparer.OrdinalIgnoreCase),
        };
        return new HtmlSanitizer(options);
    }

    private static string Shorten(string value) => value.Length <= 40 ? value : value[..40] + "…";
}
