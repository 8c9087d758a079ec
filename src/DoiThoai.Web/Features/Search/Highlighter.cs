using System.Globalization;
using DoiThoai.Text;

namespace DoiThoai.Web.Features.Search;

/// <summary>A run of characters to mark in an excerpt.</summary>
public readonly record struct TextSpan(int Start, int Length);

/// <summary>One piece of an excerpt, marked or not; pages write <see cref="Text"/> HTML-encoded.</summary>
public readonly record struct TextSegment(string Text, bool Marked);

/// <summary>
/// Marks, in the original text, every word whose fold-key is one of the query's fold syllables, so
/// "bi thu" marks "bí thư" as typed (any tone placement, đ or d). Works on offsets, never on HTML.
/// </summary>
public static class Highlighter
{
    public const int ExcerptLength = 300;

    public static (string Excerpt, IReadOnlyList<TextSpan> Marks) Excerpt(string text, IReadOnlySet<string> foldSyllables, int maxLength = ExcerptLength)
    {
        var marks = Words(text).Where(w => foldSyllables.Contains(SearchKeys.FoldKey(text.Substring(w.Start, w.Length)))).ToList();
        if (text.Length <= maxLength) return (text, marks);

        // A window around the first match, cut at spaces.
        var start = marks.Count > 0 ? Math.Max(0, marks[0].Start - maxLength / 4) : 0;
        if (start > 0)
        {
            var space = text.IndexOf(' ', start);
            start = space >= 0 && space < (marks.Count > 0 ? marks[0].Start : text.Length) ? space + 1 : start;
        }
        var end = Math.Min(text.Length, start + maxLength);
        if (end < text.Length)
        {
            var space = text.LastIndexOf(' ', end - 1, end - start);
            if (space > start) end = space;
        }
        var prefix = start > 0 ? "… " : "";
        var excerpt = prefix + text[start..end] + (end < text.Length ? " …" : "");
        var shifted = marks.Where(m => m.Start >= start && m.Start + m.Length <= end)
            .Select(m => new TextSpan(m.Start - start + prefix.Length, m.Length)).ToList();
        return (excerpt, shifted);
    }

    /// <summary>The excerpt cut into marked and unmarked pieces, in order.</summary>
    public static IReadOnlyList<TextSegment> Segments(string excerpt, IReadOnlyList<TextSpan> marks)
    {
        var segments = new List<TextSegment>();
        var at = 0;
        foreach (var mark in marks.OrderBy(m => m.Start))
        {
            if (mark.Start < at || mark.Start + mark.Length > excerpt.Length) continue;
            if (mark.Start > at) segments.Add(new TextSegment(excerpt[at..mark.Start], false));
            segments.Add(new TextSegment(excerpt.Substring(mark.Start, mark.Length), true));
            at = mark.Start + mark.Length;
        }
        if (at < excerpt.Length) segments.Add(new TextSegment(excerpt[at..], false));
        return segments;
    }

    /// <summary>Runs of letters, digits and combining marks (a Vietnamese syllable as typed).</summary>
    private static IEnumerable<TextSpan> Words(string text)
    {
        var i = 0;
        while (i < text.Length)
        {
            if (!IsWordChar(text[i]))
            {
                i++;
                continue;
            }
            var start = i;
            while (i < text.Length && IsWordChar(text[i])) i++;
            yield return new TextSpan(start, i - start);
        }
    }

    private static bool IsWordChar(char c) =>
        char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
}
