using System.Globalization;
using System.Text;

namespace DoiThoai.Text;

/// <summary>
/// The storage form of Vietnamese text. Keyboards and old documents send the same letter in
/// several byte sequences ("ệ" precomposed, "ê" + dot below, "e" + circumflex + dot below); stored
/// text is always NFC so that equal words are equal strings. Search keys (tone-key, fold-key) are a
/// separate, later concern built on top of this form.
/// </summary>
public static class VietnameseText
{
    /// <summary>
    /// NFC, line breaks as \n, and no invisible control characters (other than tab and newline),
    /// which arrive from copy-paste out of old Word files and break exports later.
    /// </summary>
    public static string ToStorageForm(string text)
    {
        if (text.Length == 0) return text;
        var needsCleaning = false;
        foreach (var c in text)
        {
            if (c == '\r' || (char.IsControl(c) && c is not '\n' and not '\t'))
            {
                needsCleaning = true;
                break;
            }
        }
        if (needsCleaning)
        {
            var builder = new StringBuilder(text.Length);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == '\r')
                {
                    builder.Append('\n');
                    if (i + 1 < text.Length && text[i + 1] == '\n') i++;
                }
                else if (!char.IsControl(c) || c is '\n' or '\t')
                {
                    builder.Append(c);
                }
            }
            text = builder.ToString();
        }
        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    /// <summary>Whether the text is already in storage form (cheap check before copying).</summary>
    public static bool IsInStorageForm(string text) =>
        text.IsNormalized(NormalizationForm.FormC) && !text.Any(c => c == '\r' || (char.IsControl(c) && c is not '\n' and not '\t'));

    /// <summary>The vi-VN culture, for sorting names and lower-casing.</summary>
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("vi-VN");
}
