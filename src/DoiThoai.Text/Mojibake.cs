using System.Text;

namespace DoiThoai.Text;

/// <summary>The legacy 8-bit Vietnamese font encodings found in old Word files.</summary>
public enum LegacyEncoding
{
    /// <summary>Not legacy text (Unicode, or nothing recognisable).</summary>
    None,
    /// <summary>TCVN3 / ABC (fonts .VnTime, .VnArial…), one byte per letter.</summary>
    Tcvn3,
    /// <summary>VNI-Windows (fonts VNI-Times…), a base letter followed by a mark byte.</summary>
    Vni,
}

/// <summary>Thrown when text typed in a legacy encoding is refused instead of converted.</summary>
public sealed class LegacyEncodingException(LegacyEncoding encoding) : Exception(MessageFor(encoding))
{
    /// <summary>The encoding that was recognised.</summary>
    public LegacyEncoding Encoding { get; } = encoding;

    private static string MessageFor(LegacyEncoding encoding) => encoding switch
    {
        LegacyEncoding.Tcvn3 => "Văn bản có vẻ được gõ bằng bảng mã TCVN3 (ABC, phông .VnTime), không phải Unicode. " +
                                "Hãy chuyển mã sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại.",
        LegacyEncoding.Vni => "Văn bản có vẻ được gõ bằng bảng mã VNI (phông VNI-Times), không phải Unicode. " +
                              "Hãy chuyển mã sang Unicode (ví dụ bằng công cụ chuyển mã của Unikey) rồi nhập lại.",
        LegacyEncoding.None => "Văn bản không dùng bảng mã cũ.",
    };
}

/// <summary>
/// Text pasted from old documents whose legacy font bytes were read as Windows-1252/Latin-1:
/// TCVN3 "§¶ng" and VNI "Ñaûng" are both "Đảng". <see cref="Detect"/> recognises them,
/// <see cref="Repair"/> converts them to NFC Unicode and <see cref="EnsureUnicode"/> refuses
/// them with a Vietnamese message. Detection is a heuristic: text containing any letter that
/// only Unicode Vietnamese has (ă, đ, ơ, ư, ạ…ỹ) is never legacy; otherwise the characters
/// that only the legacy encodings produce are counted and must be at least two and at least one
/// for every four words. TCVN3 upper-case toned letters (separate ".VnTimeH" fonts) are outside
/// the table: such text is converted in lower case.
/// </summary>
public static class Mojibake
{
    // TCVN3 (ABC) byte, read as Latin-1, → Unicode.
    private const string Tcvn3Chars =
        "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\u00ADõøö÷ùúýûüþ¡¢§£¤¥¦";
    private const string Tcvn3Unicode =
        "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵĂÂĐÊÔƠƯ";

    private static readonly Dictionary<char, char> Tcvn3 = BuildTcvn3();

    // Characters only TCVN3 produces (absent from Unicode Vietnamese and from VNI).
    private static readonly HashSet<char> Tcvn3Signals =
        [.. "¡¢£¤¥¦§¨©ª¬®µ¶·¸¹¼½¾ÇÐÞß×÷çþ\u00AD"];

    // VNI: letters standing alone.
    private static readonly Dictionary<char, string> VniSingle = new()
    {
        ['ñ'] = "đ", ['Ñ'] = "Đ", ['ô'] = "ơ", ['Ô'] = "Ơ", ['ö'] = "ư", ['Ö'] = "Ư",
        ['í'] = "í", ['Í'] = "Í", ['ì'] = "ì", ['Ì'] = "Ì", ['æ'] = "ỉ", ['Æ'] = "Ỉ",
        ['ó'] = "ĩ", ['Ó'] = "Ĩ", ['ò'] = "ị", ['Ò'] = "Ị", ['î'] = "ỵ", ['Î'] = "Ỵ",
    };

    // VNI mark bytes that follow a vowel: tone only (any vowel), circumflex (a, e, o), breve (a).
    private static readonly Dictionary<char, string> VniTone = new()
    {
        ['ù'] = "\u0301", ['ø'] = "\u0300", ['û'] = "\u0309", ['õ'] = "\u0303", ['ï'] = "\u0323",
        ['Ù'] = "\u0301", ['Ø'] = "\u0300", ['Û'] = "\u0309", ['Õ'] = "\u0303", ['Ï'] = "\u0323",
    };
    private static readonly Dictionary<char, string> VniCircumflex = new()
    {
        ['â'] = "\u0302", ['á'] = "\u0302\u0301", ['à'] = "\u0302\u0300", ['å'] = "\u0302\u0309", ['ã'] = "\u0302\u0303", ['ä'] = "\u0302\u0323",
        ['Â'] = "\u0302", ['Á'] = "\u0302\u0301", ['À'] = "\u0302\u0300", ['Å'] = "\u0302\u0309", ['Ã'] = "\u0302\u0303", ['Ä'] = "\u0302\u0323",
    };
    private static readonly Dictionary<char, string> VniBreve = new()
    {
        ['ê'] = "\u0306", ['é'] = "\u0306\u0301", ['è'] = "\u0306\u0300", ['ú'] = "\u0306\u0309", ['ü'] = "\u0306\u0303", ['ë'] = "\u0306\u0323",
        ['Ê'] = "\u0306", ['É'] = "\u0306\u0301", ['È'] = "\u0306\u0300", ['Ú'] = "\u0306\u0309", ['Ü'] = "\u0306\u0303", ['Ë'] = "\u0306\u0323",
    };

    // Characters only VNI (or TCVN3) produces; none of them occurs in Unicode Vietnamese.
    private static readonly HashSet<char> VniSignals = [.. "øûïåäëüñöæîØÛÏÅÄËÜÑÖÆÎ"];

    private static Dictionary<char, char> BuildTcvn3()
    {
        var map = new Dictionary<char, char>();
        for (var k = 0; k < Tcvn3Chars.Length; k++) map[Tcvn3Chars[k]] = Tcvn3Unicode[k];
        return map;
    }

    /// <summary>Which legacy encoding the text looks like, or <see cref="LegacyEncoding.None"/>.</summary>
    public static LegacyEncoding Detect(string? text)
    {
        if (string.IsNullOrEmpty(text)) return LegacyEncoding.None;
        int tcvn = 0, vni = 0, words = 0;
        var inWord = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (IsUnicodeVietnamese(c)) return LegacyEncoding.None;
            var wordChar = !char.IsWhiteSpace(c);
            if (wordChar && !inWord) words++;
            inWord = wordChar;
            var prevLetter = i > 0 && char.IsAsciiLetter(text[i - 1]);
            var nextLetter = i + 1 < text.Length && char.IsAsciiLetter(text[i + 1]);
            if (Tcvn3Signals.Contains(c)) tcvn++;
            else if (c == '«' && prevLetter) tcvn++; // c«ng = công, not a French quote
            else if (c == '»' && prevLetter && nextLetter) tcvn++; // b»ng = bằng
            if (VniSignals.Contains(c)) vni++;
        }
        var needed = Math.Max(2, (words + 3) / 4);
        if (tcvn >= needed) return LegacyEncoding.Tcvn3;
        if (vni >= needed) return LegacyEncoding.Vni;
        return LegacyEncoding.None;
    }

    /// <summary>Converts legacy text to NFC Unicode when it is recognised; other text is returned as is.</summary>
    public static string Repair(string text) => Detect(text) switch
    {
        LegacyEncoding.Tcvn3 => FromTcvn3(text),
        LegacyEncoding.Vni => FromVni(text),
        LegacyEncoding.None => text,
    };

    /// <summary>Returns the text, or throws <see cref="LegacyEncodingException"/> when it is legacy-encoded.</summary>
    public static string EnsureUnicode(string text)
    {
        var encoding = Detect(text);
        return encoding == LegacyEncoding.None ? text : throw new LegacyEncodingException(encoding);
    }

    /// <summary>TCVN3 (ABC) text, read as Latin-1, to NFC Unicode.</summary>
    public static string FromTcvn3(string text)
    {
        var builder = new StringBuilder(text.Length);
        foreach (var c in text) builder.Append(Tcvn3.TryGetValue(c, out var u) ? u : c);
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>VNI-Windows text, read as Latin-1, to NFC Unicode.</summary>
    public static string FromVni(string text)
    {
        var builder = new StringBuilder(text.Length + 8);
        foreach (var c in text)
        {
            var previous = builder.Length > 0 ? char.ToLowerInvariant(builder[^1]) : '\0';
            if (previous is 'a' or 'e' or 'o' && VniCircumflex.TryGetValue(c, out var circumflex))
            {
                builder.Append(circumflex);
            }
            else if (previous == 'a' && VniBreve.TryGetValue(c, out var breve))
            {
                builder.Append(breve);
            }
            else if (previous is 'a' or 'e' or 'o' or 'u' or 'y' or 'ơ' or 'ư' && VniTone.TryGetValue(c, out var tone))
            {
                builder.Append(tone);
            }
            else if (VniSingle.TryGetValue(c, out var single))
            {
                builder.Append(single);
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString().Normalize(NormalizationForm.FormC);
    }

    /// <summary>
    /// Bytes in Windows-1258 (Vietnamese ANSI, which writes tones as separate combining bytes) to
    /// NFC text.
    /// </summary>
    public static string DecodeWindows1258(ReadOnlySpan<byte> bytes) =>
        Windows1258.GetString(bytes).Normalize(NormalizationForm.FormC);

    /// <summary>The Windows-1258 encoding (from the code-pages provider, not registered globally).</summary>
    public static Encoding Windows1258 { get; } = CodePagesEncodingProvider.Instance.GetEncoding(1258)
        ?? throw new InvalidOperationException("Windows-1258 is not available.");

    private static bool IsUnicodeVietnamese(char c) =>
        c is 'Ă' or 'ă' or 'Đ' or 'đ' or 'Ĩ' or 'ĩ' or 'Ũ' or 'ũ' or 'Ơ' or 'ơ' or 'Ư' or 'ư'
        || c is >= '\u1EA0' and <= '\u1EF9'
        || c is '\u0300' or '\u0301' or '\u0303' or '\u0309' or '\u0323';
}
