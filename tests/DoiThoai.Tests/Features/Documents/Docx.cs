using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;

namespace DoiThoai.Tests.Features.Documents;

/// <summary>A downloaded .docx read back: its paragraphs' text, its runs, its section, and the validator's verdict.</summary>
internal sealed class Docx
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public required byte[] Bytes { get; init; }
    public required IReadOnlyList<string> Paragraphs { get; init; }
    public required string FileName { get; init; }
    public required SectionProperties Section { get; init; }
    public required IReadOnlyList<string> ValidationErrors { get; init; }
    /// <summary>Every run with its text and whether it is bold, italic, underlined.</summary>
    public required IReadOnlyList<(string Text, bool Bold, bool Italic, bool Underline)> Runs { get; init; }
    public required string DefaultFont { get; init; }

    public string AllText => string.Join("\n", Paragraphs);

    public static async Task<Docx> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
        Assert.Equal(ContentType, response.Content.Headers.ContentType?.MediaType);
        var disposition = response.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        return Read(bytes, disposition.FileNameStar ?? "");
    }

    public static Docx Read(byte[] bytes, string fileName)
    {
        using var stream = new MemoryStream(bytes);
        using var doc = WordprocessingDocument.Open(stream, false);
        var body = doc.MainDocumentPart!.Document!.Body!;
        var errors = new OpenXmlValidator().Validate(doc).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        var fonts = doc.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.Descendants<RunFonts>().Single();
        return new Docx
        {
            Bytes = bytes,
            FileName = fileName,
            Paragraphs = body.Descendants<Paragraph>().Select(p => p.InnerText).ToList(),
            Section = (SectionProperties)body.Elements<SectionProperties>().Single().CloneNode(true),
            ValidationErrors = errors,
            Runs = body.Descendants<Run>().Select(r => (r.InnerText, r.RunProperties?.Bold is not null,
                r.RunProperties?.Italic is not null, r.RunProperties?.Underline is not null)).ToList(),
            DefaultFont = fonts.Ascii!.Value!,
        };
    }

    public (string Text, bool Bold, bool Italic, bool Underline) Run(string text) => Runs.First(r => r.Text == text);
}
