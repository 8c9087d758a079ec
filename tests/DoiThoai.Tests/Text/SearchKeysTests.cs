using System.Text;
using DoiThoai.Text;

namespace DoiThoai.Tests.Text;

public sealed class SearchKeysTests
{
    [Theory]
    [InlineData("hòa", "hoà")]
    [InlineData("hòa", "ho\u0300a")]
    [InlineData("hòa", "hoa\u0300")]
    [InlineData("Thủy", "Thuỷ")]
    [InlineData("khỏe", "khoẻ")]
    [InlineData("quý", "qúy")]
    [InlineData("TỈNH ỦY", "Tỉnh uỷ")]
    [InlineData("Đảng ủy", "Đảng\u00A0ủy")]
    [InlineData("Việt", "Vie\u0302\u0323t")]
    [InlineData("hoài", "hòai")]
    [InlineData("người", "ngu\u031Bo\u031B\u0300i")]
    [InlineData("Ban Tổ chức", "Ban\u200BTổ chức")]
    [InlineData("Tỉnh ủy", "Ｔỉｎｈ ủｙ")] // full-width letters
    [InlineData("bí thư chi bộ", "  b\u00ADí thư \t chi\u200D bộ ")]
    public void Spellings_of_the_same_words_get_the_same_tone_key(string a, string b)
    {
        Assert.Equal(SearchKeys.ToneKey(a), SearchKeys.ToneKey(b));
    }

    [Theory]
    [InlineData("hòa", "hoà")]
    [InlineData("Thủy", "thuỷ")]
    [InlineData("khỏe", "khoẻ")]
    [InlineData("qúy", "quý")]
    [InlineData("TỈNH ỦY", "tỉnh uỷ")]
    [InlineData("Vie\u0302\u0323t", "việt")]
    [InlineData("ho\u0300a", "hoà")]
    [InlineData("òa", "oà")]
    [InlineData("ủy ban", "uỷ ban")]
    [InlineData("hoàng", "hoàng")]
    [InlineData("hòang", "hoàng")]
    [InlineData("mùa", "mùa")]
    [InlineData("gì", "gì")]
    [InlineData("giữa", "giữa")]
    [InlineData("quốc", "quốc")]
    [InlineData("khủyu", "khuỷu")]
    [InlineData("ngừơi", "người")]
    [InlineData("thủơ", "thuở")]
    [InlineData("hòai", "hoài")]
    [InlineData("11-QĐi/TW", "11-qđi/tw")]
    public void The_tone_key_puts_the_tone_on_its_canonical_vowel(string input, string key)
    {
        Assert.Equal(key, SearchKeys.ToneKey(input));
    }

    [Theory]
    [InlineData("hòa", "hỏa")]
    [InlineData("ma", "mà")]
    [InlineData("Đảng", "Đăng")]
    public void Different_tones_keep_different_tone_keys_but_share_the_fold_key(string a, string b)
    {
        Assert.NotEqual(SearchKeys.ToneKey(a), SearchKeys.ToneKey(b));
        Assert.Equal(SearchKeys.FoldKey(a), SearchKeys.FoldKey(b));
    }

    [Theory]
    [InlineData("bí thư chi bộ", "bi thu chi bo")]
    [InlineData("BÍ THƯ CHI BỘ", "bi thu chi bo")]
    [InlineData("Đảng\u00A0ủy", "dang uy")]
    [InlineData("Vie\u0302\u0323t Nam", "viet nam")]
    [InlineData("Ban\u200BTổ chức", "ban to chuc")]
    [InlineData("Ｈｏà", "hoa")]
    [InlineData("Người dân", "nguoi dan")]
    public void The_fold_key_has_no_marks_and_folds_d_bar(string input, string key)
    {
        Assert.Equal(key, SearchKeys.FoldKey(input));
        Assert.Equal(SearchKeys.FoldKey(key), SearchKeys.FoldKey(input));
    }

    [Theory]
    [InlineData("“Chi bộ”", "\"chi bộ\"")]
    [InlineData("‘a’", "'a'")]
    [InlineData("2020–2025 — nhiệm kỳ", "2020-2025 - nhiệm kỳ")]
    [InlineData("a\u00ADb\uFEFFc\u200Cd", "abcd")]
    [InlineData("dòng 1\r\ndòng\u00A0\u00A02", "dòng 1 dòng 2")]
    [InlineData("ĐẢNG ỦY", "đảng ủy")]
    [InlineData("", "")]
    [InlineData("   ", "")]
    public void Normalize_unifies_spaces_quotes_dashes_and_case(string input, string normalized)
    {
        Assert.Equal(normalized, SearchKeys.Normalize(input));
    }

    [Fact]
    public void Unpaired_surrogates_are_dropped_without_an_exception()
    {
        var text = "x" + (char)0xD800 + "y" + (char)0xDC00 + "z \U0001F600";
        Assert.Equal("xyz \U0001F600", SearchKeys.Normalize(text));
        Assert.Equal("xyz \U0001F600", SearchKeys.ToneKey(text));
    }

    [Fact]
    public void Long_input_is_handled()
    {
        var text = string.Concat(Enumerable.Repeat("Bí thư chi bộ hòa giải ", 500));
        Assert.Equal(string.Concat(Enumerable.Repeat("bi thu chi bo hoa giai ", 500)).TrimEnd(), SearchKeys.FoldKey(text));
        Assert.Equal(3000, Tokens.Of(text).ToneSyllables.Count);
    }

    [Fact]
    public void Normalized_keys_are_nfc()
    {
        var key = SearchKeys.ToneKey("Vie\u0302\u0323t Nam ngu\u031Bo\u031B\u0300i");
        Assert.True(key.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("việt nam người", key);
    }
}

public sealed class TokensTests
{
    [Fact]
    public void Tokens_are_syllables_and_bigrams_of_both_keys()
    {
        var tokens = Tokens.Of("Bí thư chi bộ, hòa giải");
        Assert.Equal(["bí", "thư", "chi", "bộ", "hoà", "giải"], tokens.ToneSyllables);
        Assert.Equal(["bi", "thu", "chi", "bo", "hoa", "giai"], tokens.FoldSyllables);
        Assert.Equal(["bí_thư", "thư_chi", "chi_bộ", "hoà_giải"], tokens.ToneBigrams); // not across the comma
        Assert.Equal(["bi_thu", "thu_chi", "chi_bo", "hoa_giai"], tokens.FoldBigrams);
    }

    [Theory]
    [InlineData("Không đồng ý", "không")]
    [InlineData("Vấn đề chưa được giải quyết", "chưa")]
    [InlineData("chẳng ai trả lời", "chẳng")]
    [InlineData("không", "không")]
    public void Negations_are_never_dropped(string text, string negation)
    {
        var tokens = Tokens.Of(text);
        Assert.Contains(negation, tokens.ToneSyllables);
        Assert.Contains(SearchKeys.FoldKey(negation), tokens.FoldSyllables);
    }

    [Fact]
    public void Negation_changes_the_bigrams()
    {
        Assert.Contains("không_đồng", Tokens.Of("không đồng ý").ToneBigrams);
        Assert.DoesNotContain("không_đồng", Tokens.Of("đồng ý").ToneBigrams);
    }

    [Fact]
    public void Zero_width_space_separates_words()
    {
        Assert.Equal(["ban", "tổ", "chức"], Tokens.Of("Ban\u200BTổ chức").ToneSyllables);
    }

    [Theory]
    [InlineData("")]
    [InlineData("!!! ... ???")]
    [InlineData("\"*\" NEAR : ")]
    public void Bad_input_gives_tokens_without_throwing(string text)
    {
        var tokens = Tokens.Of(text);
        Assert.All(tokens.ToneSyllables, s => Assert.False(string.IsNullOrWhiteSpace(s)));
    }

    [Fact]
    public void Syllables_splits_a_key()
    {
        Assert.Equal(["bi", "thu", "11", "qdi", "tw"], Tokens.Syllables("bi thu 11-qdi/tw"));
    }
}

public sealed class AbbreviationsTests
{
    [Theory]
    [InlineData("Văn phòng TU", "Văn phòng tỉnh ủy")]
    [InlineData("HU Tiên Du", "huyện ủy Tiên Du")]
    [InlineData("ĐU xã", "đảng ủy xã")]
    [InlineData("UBKT Tỉnh ủy", "ủy ban kiểm tra Tỉnh ủy")]
    [InlineData("MTTQ và HĐND", "mặt trận tổ quốc và hội đồng nhân dân")]
    [InlineData("BTV Huyện ủy", "ban thường vụ Huyện ủy")]
    [InlineData("theo QĐ 11", "theo quy định 11-QĐi/TW")]
    [InlineData("theo QĐ số 11", "theo quy định 11-QĐi/TW")]
    [InlineData("theo 11-QĐi/TW", "theo quy định 11-QĐi/TW")]
    [InlineData("Quy định 11-QĐi/TW", "Quy định 11-QĐi/TW")]
    [InlineData("Tu sửa, TUẤN, tu, BTVs", "Tu sửa, TUẤN, tu, BTVs")] // not whole upper-case tokens
    public void Abbreviations_are_expanded_as_whole_upper_case_tokens(string text, string expanded)
    {
        Assert.Equal(expanded, Abbreviations.Expand(text));
    }

    [Fact]
    public void Abbreviated_and_written_out_forms_give_the_same_tokens()
    {
        Assert.Equal(Tokens.Of("tỉnh ủy").ToneSyllables, Tokens.Of("TU").ToneSyllables);
        Assert.Equal(Tokens.Of("Ban thường vụ Tỉnh uỷ").FoldSyllables, Tokens.Of("BTV TU").FoldSyllables);
        Assert.Equal(Tokens.Of("QĐ 11").ToneSyllables, Tokens.Of("11-QĐi/TW").ToneSyllables);
    }
}

public sealed class MojibakeTests
{
    [Theory]
    [InlineData("§¶ng", LegacyEncoding.Tcvn3, "Đảng")]
    [InlineData("§¶ng ñy x· T©n Chi", LegacyEncoding.Tcvn3, "Đảng ủy xã Tân Chi")]
    [InlineData("Bé tr\u00ADëng, c«ng d©n", LegacyEncoding.Tcvn3, "Bộ trưởng, công dân")]
    [InlineData("Ñaûng", LegacyEncoding.Vni, "Đảng")]
    [InlineData("Ñaûng uûy xaõ Taân Chi", LegacyEncoding.Vni, "Đảng ủy xã Tân Chi")]
    [InlineData("Ngöôøi daân hoûi veà vieäc ñeàn buø", LegacyEncoding.Vni, "Người dân hỏi về việc đền bù")]
    [InlineData("Thöôøng tröïc Tænh uûy", LegacyEncoding.Vni, "Thường trực Tỉnh ủy")]
    [InlineData("Đảng ủy xã Tân Chi", LegacyEncoding.None, "Đảng ủy xã Tân Chi")]
    [InlineData("Tan Chi", LegacyEncoding.None, "Tan Chi")]
    [InlineData("«Bonjour» à tous", LegacyEncoding.None, "«Bonjour» à tous")]
    [InlineData("quân hoà", LegacyEncoding.None, "quân hoà")]
    public void Legacy_mojibake_is_detected_and_converted(string text, LegacyEncoding encoding, string unicode)
    {
        Assert.Equal(encoding, Mojibake.Detect(text));
        Assert.Equal(unicode, Mojibake.Repair(text));
    }

    [Theory]
    [InlineData("§¶ng", "TCVN3")]
    [InlineData("Ñaûng", "VNI")]
    public void Legacy_text_can_be_refused_with_a_vietnamese_message(string text, string name)
    {
        var error = Assert.Throws<LegacyEncodingException>(() => Mojibake.EnsureUnicode(text));
        Assert.Contains(name, error.Message);
        Assert.Contains("không phải Unicode", error.Message);
        Assert.Equal("Đảng", Mojibake.EnsureUnicode("Đảng"));
    }

    [Fact]
    public void Tcvn3_table_covers_every_vowel_with_every_tone()
    {
        // Every lower-case vowel and tone in TCVN3, in Unicode order of the vowel families.
        const string tcvn3 = "aµ¸¶·¹ ¨»¾¼½Æ ©ÇÊÈÉË eÌÐÎÏÑ ªÒÕÓÔÖ i×ÝØÜÞ oßãáâä «åèæçé ¬êíëìî uïóñòô \u00ADõøö÷ù yúýûüþ ® ¡¢§£¤¥¦";
        const string unicode = "aàáảãạ ăằắẳẵặ âầấẩẫậ eèéẻẽẹ êềếểễệ iìíỉĩị oòóỏõọ ôồốổỗộ ơờớởỡợ uùúủũụ ưừứửữự yỳýỷỹỵ đ ĂÂĐÊÔƠƯ";
        Assert.Equal(unicode, Mojibake.FromTcvn3(tcvn3));
    }

    [Fact]
    public void Vni_covers_every_vowel_with_every_tone_in_both_cases()
    {
        const string vni = "aù aø aû aõ aï aâ aá aà aå aã aä aê aé aè aú aü aë eù eâ eá eä oø oâ oà ô ôù uû ö öø öï yù yõ î í ì æ ó ò ñ " +
                           "AÙ AØ AÛ AÕ AÏ AÂ AÁ AÀ AÅ AÃ AÄ AÊ AÉ AÈ AÚ AÜ AË EÂ EÄ OÂ OÅ Ô ÔÙ U UÕ Ö ÖÏ YØ Î Í Ì Æ Ó Ò Ñ";
        const string unicode = "á à ả ã ạ â ấ ầ ẩ ẫ ậ ă ắ ằ ẳ ẵ ặ é ê ế ệ ò ô ồ ơ ớ ủ ư ừ ự ý ỹ ỵ í ì ỉ ĩ ị đ " +
                               "Á À Ả Ã Ạ Â Ấ Ầ Ẩ Ẫ Ậ Ă Ắ Ằ Ẳ Ẵ Ặ Ê Ệ Ô Ổ Ơ Ớ U Ũ Ư Ự Ỳ Ỵ Í Ì Ỉ Ĩ Ị Đ";
        Assert.Equal(unicode, Mojibake.FromVni(vni));
    }

    [Fact]
    public void Windows_1258_bytes_are_decoded_to_nfc()
    {
        // "Đảng ủy Việt Nam" in Windows-1258: tones are separate combining bytes
        // (0xD2 hook above, 0xF2 dot below), Đ = 0xD0, ê = 0xEA.
        byte[] bytes = [0xD0, (byte)'a', 0xD2, (byte)'n', (byte)'g', (byte)' ', (byte)'u', 0xD2, (byte)'y', (byte)' ',
                        (byte)'V', (byte)'i', 0xEA, 0xF2, (byte)'t', (byte)' ', (byte)'N', (byte)'a', (byte)'m'];
        var text = Mojibake.DecodeWindows1258(bytes);
        Assert.Equal("Đảng ủy Việt Nam", text);
        Assert.True(text.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("dang uy viet nam", SearchKeys.FoldKey(text));
    }
}

public sealed class VietnameseCollationTests
{
    [Fact]
    public void Letters_sort_in_vietnamese_alphabet_order()
    {
        string[] expected = ["a", "ă", "â", "b", "c", "d", "đ", "e", "ê", "g", "o", "ô", "ơ", "p", "u", "ư", "v", "y"];
        var shuffled = expected.Reverse().ToList();
        shuffled.Sort(VietnameseCollation.Instance);
        Assert.Equal(expected, shuffled);
    }

    [Fact]
    public void Words_sort_by_letters_then_tones()
    {
        string[] expected = ["Đa", "Đà", "Đào", "Đặng", "Điền", "Đinh", "Giang"];
        var sorted = expected.OrderByDescending(x => x, StringComparer.Ordinal).Order(VietnameseCollation.Instance).ToArray();
        Assert.Equal(expected, sorted);
    }

    [Fact]
    public void Decomposed_and_precomposed_names_compare_equal()
    {
        Assert.Equal(0, VietnameseCollation.Instance.Compare("Vie\u0302\u0323t", "Việt"));
    }

    [Fact]
    public void Names_sort_by_given_name_then_family_name()
    {
        string[] expected = ["Trần Văn An", "Nguyễn Thị Ánh", "Lê Văn Bình", "Nguyễn Văn Bình", "Đỗ Thị Đào", "Phạm Thu Hà"];
        var sorted = expected.Reverse().Order(VietnameseCollation.ByGivenName).ToArray();
        Assert.Equal(expected, sorted);
    }
    /// <summary>The fold-key spelt out with the Unicode normalisations, as the key was defined before its table.</summary>
    private static string FoldByNormalising(string text)
    {
        var lowered = VietnameseText.Culture.TextInfo.ToLower(text.Normalize(NormalizationForm.FormKC));
        var marksOff = new StringBuilder();
        foreach (var c in lowered.Normalize(NormalizationForm.FormD))
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            marksOff.Append(c == 'đ' ? 'd' : c);
        }
        return string.Join(' ', marksOff.ToString().Normalize(NormalizationForm.FormC).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void The_fold_table_gives_the_keys_of_the_normalisations_for_every_latin_letter_alone_and_with_a_mark()
    {
        // The letters, alone, before a combining mark (which must then compose first) and full-width.
        var differing = new List<string>();
        foreach (var range in new[] { (0x21, 0x24F), (0x1E00, 0x1EFF) })
            for (var c = range.Item1; c <= range.Item2; c++)
            {
                var letter = ((char)c).ToString();
                // Spaces, controls, quotes and the soft hyphen are Clean's to replace; a compatibility form
                // holding a space (U+00A8 is space and diaeresis) leaves a space the reference would keep.
                if (char.IsWhiteSpace(letter[0]) || char.IsControl(letter[0]) || "\u00AD\u00AB\u00BB`\u00B4".Contains(letter[0])
                    || letter.Normalize(NormalizationForm.FormKC).Contains(' ')) continue;
                foreach (var text in new[] { letter, "x" + letter + "y", letter + "\u0301", letter + "\u0323\u0302", "Ｔ" + letter })
                    if (SearchKeys.FoldKey(text) != FoldByNormalising(text)) differing.Add($"U+{c:X4} in \"{text}\"");
            }
        Assert.Empty(differing);
    }

    [Theory]
    [InlineData("Bí thư chi bộ thôn chỉ hưởng phụ cấp hằng tháng, không được đóng bảo hiểm xã hội.", "bi thu chi bo thon chi huong phu cap hang thang, khong duoc dong bao hiem xa hoi.")]
    [InlineData("ĐẢNG ỦY XÃ Đông Hòa", "dang uy xa dong hoa")]
    [InlineData("Vie\u0302\u0323t Nam", "viet nam")]
    [InlineData("Ｔỉｎｈ ủｙ", "tinh uy")]
    [InlineData("Thủ tục ½ ngày", "thu tuc 1⁄2 ngay")]
    public void Fold_keys_of_whole_texts_are_those_of_the_normalisations(string text, string expected)
    {
        Assert.Equal(expected, SearchKeys.FoldKey(text));
        Assert.Equal(FoldByNormalising(text), SearchKeys.FoldKey(text));
    }
}
