using System.Text;
using DoiThoai.Text;

namespace DoiThoai.Web.Features.Items.Import;

/// <summary>One line of an import file: who raised it (null: not written) and what they said.</summary>
public sealed record ImportLine(int LineNumber, string? Speaker, string Text);

/// <summary>
/// The file `import-items` reads: UTF-8, one item per line, either the text alone or
/// "speaker⇥text" (a tab between them, as a two-column Excel sheet pastes). Blank lines are skipped.
/// Everything is checked before anything is written, and a problem names its line.
/// </summary>
public static class ImportFile
{
    /// <summary>As long as the item form allows.</summary>
    public const int MaxSpeakerLength = 120;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The lines of the file, or <see cref="DomainValidationException"/> with a Vietnamese message.</summary>
    public static IReadOnlyList<ImportLine> Parse(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("\uFEFF"u8)) bytes = bytes[3..];
        var lines = new List<ImportLine>();
        for (var number = 1; !bytes.IsEmpty; number++)
        {
            var end = bytes.IndexOf((byte)'\n');
            var raw = end < 0 ? bytes : bytes[..end];
            bytes = end < 0 ? [] : bytes[(end + 1)..];
            string line;
            try
            {
                line = StrictUtf8.GetString(raw).TrimEnd('\r');
            }
            catch (DecoderFallbackException)
            {
                throw new DomainValidationException("file", $"Dòng {number}: tệp không phải UTF-8 hợp lệ; hãy lưu lại tệp với mã hóa UTF-8.");
            }
            if (string.IsNullOrWhiteSpace(line)) continue;
            var tab = line.IndexOf('\t');
            var speaker = tab < 0 ? null : line[..tab].Trim();
            var text = (tab < 0 ? line : line[(tab + 1)..]).Trim();
            if (text.Length == 0)
                throw new DomainValidationException("file", $"Dòng {number}: thiếu nội dung ý kiến sau tên người nêu.");
            Check.MaxLength(text, "file", $"Dòng {number}: nội dung", ItemRules.MaxTextLength);
            Check.MaxLength(speaker, "file", $"Dòng {number}: tên người nêu", MaxSpeakerLength);
            if (Mojibake.Detect(line) is not LegacyEncoding.None and var legacy)
                throw new DomainValidationException("file", $"Dòng {number}: chữ bị lỗi mã hóa (có vẻ là {legacy}); hãy chuyển tệp sang Unicode trước khi nhập.");
            lines.Add(new ImportLine(number, string.IsNullOrEmpty(speaker) ? null : speaker, text));
        }
        if (lines.Count == 0) throw new DomainValidationException("file", "Tệp không có ý kiến nào để nhập.");
        return lines;
    }
}
