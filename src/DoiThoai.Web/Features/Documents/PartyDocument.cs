using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using WordText = DocumentFormat.OpenXml.Wordprocessing.Text;

namespace DoiThoai.Web.Features.Documents;

/// <summary>The top of a Party document (HD 36-HD/VPTW): who issues it, its number, place and date.</summary>
/// <param name="SuperiorBody">"ĐẢNG BỘ TỈNH BẮC GIANG" above the issuing body, or null at the top of the tree.</param>
/// <param name="IssuingBody">"TỈNH ỦY BẮC GIANG", bold.</param>
/// <param name="Number">"Số    -BB/TU": the number is given when the paper is registered, so it is left blank.</param>
/// <param name="PlaceAndDate">"Việt Yên, ngày 08 tháng 9 năm 2017", italic.</param>
public sealed record PartyHeader(string? SuperiorBody, string IssuingBody, string? Number, string PlaceAndDate);

/// <summary>One signature block: "T/M BAN THƯỜNG VỤ", the position, room to sign, the name (or a dotted line).</summary>
public sealed record Signature(IReadOnlyList<string> Lines, string? Name);

/// <summary>
/// Writes a .docx in the layout of Party documents (Hướng dẫn 36-HD/VPTW, ADR 0014): A4, margins
/// 20/20/30/15 mm, Times New Roman 14 pt, the two-column header with "ĐẢNG CỘNG SẢN VIỆT NAM" on the
/// right, a centred bold title, signature blocks and "Nơi nhận:". The documents of Features/Documents
/// are built from these pieces so the layout rules live in one place.
/// </summary>
public sealed class PartyDocument : IDisposable
{
    /// <summary>A dotted line to fill in by hand, where the record holds nothing.</summary>
    public const string Blank = "……………………";

    // Sizes in half-points, lengths in twentieths of a point (1 mm = 56.7 twips).
    private const int BodySize = 28;        // 14 pt
    private const int SmallSize = 26;       // 13 pt, tables and "Nơi nhận"
    private const int NationalSize = 30;    // 15 pt, "ĐẢNG CỘNG SẢN VIỆT NAM" and titles
    private const int A4Short = 11906, A4Long = 16838;
    private const int Top = 1134, Bottom = 1134, Left = 1701, Right = 851; // 20, 20, 30, 15 mm

    private readonly MemoryStream stream = new();
    private readonly WordprocessingDocument package;
    private readonly Body body;
    private readonly bool landscape;
    private bool closed;

    public PartyDocument(bool landscape = false)
    {
        this.landscape = landscape;
        package = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document);
        var main = package.AddMainDocumentPart();
        main.Document = new Document(body = new Body());
        AddStyles(main);
    }

    /// <summary>The width between the margins, for tables.</summary>
    public int TextWidth => (landscape ? A4Long : A4Short) - Left - Right;

    public void Dispose()
    {
        if (!closed) package.Dispose();
        closed = true;
        stream.Dispose();
    }

    /// <summary>Times New Roman 14 pt, Vietnamese, single spacing with a little air after each paragraph.</summary>
    private static void AddStyles(MainDocumentPart main)
    {
        var styles = main.AddNewPart<StyleDefinitionsPart>();
        styles.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(
                    new RunFonts { Ascii = "Times New Roman", HighAnsi = "Times New Roman", ComplexScript = "Times New Roman", EastAsia = "Times New Roman" },
                    new FontSize { Val = BodySize.ToString() },
                    new FontSizeComplexScript { Val = BodySize.ToString() },
                    new Languages { Val = "vi-VN" })),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                    new SpacingBetweenLines { After = "120", Line = "264", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle()) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(new StyleName { Val = "Table Grid" }, new StyleTableProperties(new TableBorders(
                    new TopBorder { Val = BorderValues.Single, Size = 4 }, new LeftBorder { Val = BorderValues.Single, Size = 4 },
                    new BottomBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
                    new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 })))
            { Type = StyleValues.Table, StyleId = "TableGrid" });
    }

    /// <summary>
    /// The header table: left the superior body, the issuing body in bold with "*" under it and the
    /// number; right "ĐẢNG CỘNG SẢN VIỆT NAM" bold and underlined, under it the italic place and date.
    /// </summary>
    public void Header(PartyHeader header)
    {
        var left = new List<Paragraph>();
        if (header.SuperiorBody is { } superior) left.Add(Line(superior, JustificationValues.Center));
        left.Add(Line(header.IssuingBody, JustificationValues.Center, bold: true));
        left.Add(Line("*", JustificationValues.Center));
        if (header.Number is { } number) left.Add(Line(number, JustificationValues.Center));
        var right = new List<Paragraph>
        {
            Line("ĐẢNG CỘNG SẢN VIỆT NAM", JustificationValues.Center, bold: true, underline: true, size: NationalSize),
            Line(""),
            Line(header.PlaceAndDate, JustificationValues.Center, italic: true),
        };
        var leftWidth = TextWidth * 42 / 100;
        body.Append(new Table(
            TableProperties(borders: false),
            new TableGrid(new GridColumn { Width = leftWidth.ToString() }, new GridColumn { Width = (TextWidth - leftWidth).ToString() }),
            new TableRow(Cell(leftWidth, left), Cell(TextWidth - leftWidth, right))));
        body.Append(Line(""));
    }

    /// <summary>
    /// The document's name in bold capitals, centred, with its subject in bold under it, an italic
    /// note if any ("(Kèm theo …)"), and the short rule that closes the title.
    /// </summary>
    public void Title(string title, string subject, string? note = null)
    {
        body.Append(Line(title.ToUpper(VietnameseText.Culture), JustificationValues.Center, bold: true, size: NationalSize, after: 0));
        body.Append(Line(subject, JustificationValues.Center, bold: true, after: 0));
        if (note is not null) body.Append(Line(note, JustificationValues.Center, italic: true, after: 0));
        body.Append(Line("-----", JustificationValues.Center));
    }

    /// <summary>A paragraph of body text, justified, first line indented 1 cm; a bold lead-in if given.</summary>
    public void Text(string text, string? lead = null, bool italic = false)
    {
        var paragraph = new Paragraph(new ParagraphProperties(
            new SpacingBetweenLines { After = "120" },
            new Indentation { FirstLine = "567" },
            new Justification { Val = JustificationValues.Both }));
        if (lead is not null) paragraph.Append(Run(lead, bold: true));
        paragraph.Append(Run(text, italic: italic));
        body.Append(paragraph);
    }

    /// <summary>Several paragraphs from a text typed with line breaks (minutes, agenda).</summary>
    public void Lines(string text)
    {
        foreach (var line in text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0)) Text(line);
    }

    /// <summary>A section heading in bold ("I. Ý KIẾN PHÁT BIỂU").</summary>
    public void Heading(string text)
    {
        var paragraph = new Paragraph(new ParagraphProperties(
            new KeepNext(),
            new SpacingBetweenLines { Before = "120", After = "120" },
            new Indentation { FirstLine = "567" },
            new Justification { Val = JustificationValues.Both }));
        paragraph.Append(Run(text, bold: true));
        body.Append(paragraph);
    }

    /// <summary>
    /// A bordered table with a repeated header row. A row of one cell spans the whole width in bold
    /// (a group heading such as a topic or a unit).
    /// </summary>
    public void Table(IReadOnlyList<(string Header, int Percent)> columns, IEnumerable<IReadOnlyList<string>> rows)
    {
        var widths = columns.Select(c => TextWidth * c.Percent / 100).ToList();
        var table = new Table(TableProperties(borders: true),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString() })));
        var head = new TableRow(new TableRowProperties(new TableHeader(), new CantSplit()));
        for (var i = 0; i < columns.Count; i++)
            head.Append(Cell(widths[i], [Line(columns[i].Header, JustificationValues.Center, bold: true, size: SmallSize, after: 0)]));
        table.Append(head);
        foreach (var row in rows)
        {
            var tr = new TableRow();
            if (row.Count == 1)
            {
                tr.Append(Cell(widths.Sum(), [Line(row[0], JustificationValues.Left, bold: true, size: SmallSize, after: 0)], span: columns.Count));
            }
            else
            {
                for (var i = 0; i < columns.Count; i++)
                {
                    var align = i == 0 ? JustificationValues.Center : JustificationValues.Left;
                    var text = i < row.Count ? row[i] : "";
                    var paragraphs = text.Split('\n').Select(t => Line(t, align, size: SmallSize, after: 0)).ToList();
                    tr.Append(Cell(widths[i], paragraphs));
                }
            }
            table.Append(tr);
        }
        body.Append(table);
        body.Append(Line(""));
    }

    /// <summary>
    /// The foot of the document: "Nơi nhận:" with its list (left, 12 pt) or a signature (left), and
    /// a signature on the right. Each signature leaves room to sign above the name.
    /// </summary>
    public void Foot(IReadOnlyList<string>? recipients, Signature? leftSignature, Signature rightSignature)
    {
        var leftWidth = TextWidth / 2;
        var left = new List<Paragraph>();
        if (recipients is not null)
        {
            left.Add(new Paragraph(new ParagraphProperties(new SpacingBetweenLines { After = "0" }),
                Run("Nơi nhận:", bold: true, italic: true, underline: true, size: 24)));
            left.AddRange(recipients.Select(r => Line("- " + r, JustificationValues.Left, size: 22, after: 0)));
        }
        else if (leftSignature is not null)
        {
            left.AddRange(SignatureLines(leftSignature));
        }
        if (left.Count == 0) left.Add(Line(""));
        var table = new Table(TableProperties(borders: false),
            new TableGrid(new GridColumn { Width = leftWidth.ToString() }, new GridColumn { Width = (TextWidth - leftWidth).ToString() }),
            new TableRow(new TableRowProperties(new CantSplit()), Cell(leftWidth, left), Cell(TextWidth - leftWidth, SignatureLines(rightSignature))));
        body.Append(table);
    }

    private static List<Paragraph> SignatureLines(Signature signature)
    {
        var lines = signature.Lines.Select(l => Line(l.ToUpper(VietnameseText.Culture), JustificationValues.Center, bold: true, after: 0)).ToList();
        for (var i = 0; i < 4; i++) lines.Add(Line("", after: 0));
        lines.Add(Line(signature.Name ?? Blank, JustificationValues.Center, bold: signature.Name is not null, after: 0));
        return lines;
    }

    /// <summary>The finished file. The section (A4, portrait or landscape, margins) is the body's last child.</summary>
    public byte[] ToArray()
    {
        var (width, height) = landscape ? (A4Long, A4Short) : (A4Short, A4Long);
        body.Append(new SectionProperties(
            new PageSize { Width = (uint)width, Height = (uint)height, Orient = landscape ? PageOrientationValues.Landscape : PageOrientationValues.Portrait },
            new PageMargin { Top = Top, Bottom = Bottom, Left = (uint)Left, Right = (uint)Right, Header = 720, Footer = 720, Gutter = 0 }));
        // Marked closed first: if writing fails, Dispose must not write (and fail) a second time.
        closed = true;
        package.Dispose();
        return stream.ToArray();
    }

    private static TableProperties TableProperties(bool borders)
    {
        var properties = new TableProperties();
        if (borders) properties.Append(new TableStyle { Val = "TableGrid" });
        properties.Append(new TableWidth { Type = TableWidthUnitValues.Auto, Width = "0" });
        if (!borders)
        {
            properties.Append(new TableBorders(
                new TopBorder { Val = BorderValues.Nil }, new LeftBorder { Val = BorderValues.Nil },
                new BottomBorder { Val = BorderValues.Nil }, new RightBorder { Val = BorderValues.Nil },
                new InsideHorizontalBorder { Val = BorderValues.Nil }, new InsideVerticalBorder { Val = BorderValues.Nil }));
        }
        properties.Append(new TableLayout { Type = TableLayoutValues.Fixed });
        return properties;
    }

    private static TableCell Cell(int width, IEnumerable<Paragraph> paragraphs, int span = 1)
    {
        var properties = new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = width.ToString() });
        if (span > 1) properties.Append(new GridSpan { Val = span });
        var cell = new TableCell(properties);
        cell.Append(paragraphs);
        return cell;
    }

    private static Paragraph Line(string text, JustificationValues? align = null, bool bold = false, bool italic = false,
        bool underline = false, int size = BodySize, int after = 60)
    {
        var properties = new ParagraphProperties(new SpacingBetweenLines { After = after.ToString() });
        if (align is { } a) properties.Append(new Justification { Val = a });
        var paragraph = new Paragraph(properties);
        if (text.Length > 0) paragraph.Append(Run(text, bold, italic, underline, size));
        return paragraph;
    }

    /// <summary>A run; the property elements are added in the order the schema requires.</summary>
    private static Run Run(string text, bool bold = false, bool italic = false, bool underline = false, int size = BodySize)
    {
        var properties = new RunProperties();
        if (bold) properties.Append(new Bold());
        if (italic) properties.Append(new Italic());
        if (size != BodySize) properties.Append(new FontSize { Val = size.ToString() }, new FontSizeComplexScript { Val = size.ToString() });
        if (underline) properties.Append(new Underline { Val = UnderlineValues.Single });
        return new Run(properties, new WordText(XmlSafe(text)) { Space = SpaceProcessingModeValues.Preserve });
    }

    /// <summary>
    /// Text typed or pasted into the app may hold characters XML cannot carry (Word's vertical tab
    /// for a line break, a stray U+0001); writing one would fail the whole file, so they become spaces.
    /// </summary>
    private static string XmlSafe(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                result.Append(text[i]).Append(text[++i]);
            else result.Append(XmlConvert.IsXmlChar(text[i]) ? text[i] : ' ');
        }
        return result.ToString();
    }
}
