using DoiThoai.Text;

namespace DoiThoai.Tests.Text;

public sealed class MinHashTests
{
    private const string Recommendation =
        "Đề nghị Ban Thường vụ Tỉnh ủy sớm có hướng dẫn về chế độ phụ cấp cho bí thư chi bộ thôn, tổ dân phố, " +
        "vì mức phụ cấp hiện nay quá thấp so với khối lượng công việc và nhiều đồng chí không muốn nhận nhiệm vụ";

    [Theory]
    [InlineData("Đề nghị xem xét chế độ phụ cấp cho bí thư chi bộ", "đề nghị xem xét chế độ phụ cấp cho bí thư chi bộ")]
    [InlineData("Hòa giải ở cơ sở, Thủy lợi, sức khỏe", "Hoà giải ở cơ sở, Thuỷ lợi, sức khoẻ")]
    [InlineData("Đề nghị Tỉnh ủy quan tâm", "De nghi tinh uy quan tam")]
    [InlineData("Đề nghị TU quan tâm", "Đề nghị Tỉnh ủy quan tâm")]
    [InlineData("Ban\u200BTổ chức huyện", "ban tổ chức huyện")]
    public void Spellings_of_the_same_text_get_the_same_band_keys(string a, string b)
    {
        Assert.Equal(MinHash.Default.BandHashes(a), MinHash.Default.BandHashes(b));
        Assert.Equal(1.0, MinHash.Jaccard(MinHash.Default.Shingles(a), MinHash.Default.Shingles(b)));
    }

    [Theory]
    [InlineData("a b c d", "a b c d", 1.0)]
    [InlineData("a b c d", "a b c e", 2.0 / 4)]    // {ab, bc, cd} vs {ab, bc, ce}: 2 shared of 4
    [InlineData("a b c d", "d c b a", 0.0)]        // same words, every pair reversed
    [InlineData("a b", "x y", 0.0)]
    [InlineData("một", "một", 1.0)]                // shorter than a shingle: the whole text is one
    [InlineData("", "", 0.0)]
    public void Jaccard_of_syllable_bigrams(string a, string b, double expected)
    {
        var scheme = new MinHash(2, 4, 2);
        Assert.Equal(expected, MinHash.Jaccard(scheme.Shingles(a), scheme.Shingles(b)), 6);
    }

    [Theory]
    [InlineData(new[] { "a", "b", "c" }, new[] { "a", "b", "c", "d", "e", "f" }, 1.0)]
    [InlineData(new[] { "a", "b" }, new[] { "b", "c" }, 0.5)]
    [InlineData(new string[0], new[] { "a" }, 0.0)]
    public void Overlap_is_the_share_of_the_smaller_set_found_in_the_other(string[] a, string[] b, double expected)
    {
        Assert.Equal(expected, MinHash.Overlap(a.ToHashSet(), b.ToHashSet()), 6);
    }

    [Fact]
    public void Band_hashes_are_the_same_in_every_process_and_one_per_band()
    {
        var hashes = MinHash.Default.BandHashes("Đề nghị tăng phụ cấp");
        Assert.Equal(MinHash.Default.Bands, hashes.Length);
        Assert.Equal(hashes.Length, hashes.Distinct().Count());
        // Fixed seeds, no string.GetHashCode: this value is the same on every machine and in every release.
        Assert.Equal(FirstBandOfTheExample, hashes[0]);
        // A new scheme with the same parameters (a fresh process, another node) computes the same hashes.
        Assert.Equal(hashes, new MinHash(MinHash.Default.ShingleSize, MinHash.Default.Bands, MinHash.Default.Rows).BandHashes("Đề nghị tăng phụ cấp"));
        Assert.Empty(MinHash.Default.BandHashes(" ,.;- "));
    }

    private const uint FirstBandOfTheExample = 1_922_189_441u;

    [Theory]
    [InlineData(0.9, 0.999)]
    [InlineData(0.8, 0.99)]
    [InlineData(0.6, 0.85)]
    public void Band_count_and_rows_make_close_texts_candidates(double similarity, double atLeast)
    {
        Assert.True(MinHash.Default.CandidateProbability(similarity) >= atLeast);
    }

    [Theory]
    [InlineData(0.05, 0.0005)]
    [InlineData(0.1, 0.004)]
    public void Unrelated_texts_rarely_become_candidates(double similarity, double atMost)
    {
        Assert.True(MinHash.Default.CandidateProbability(similarity) <= atMost);
    }

    [Fact]
    public void The_estimate_from_signatures_follows_the_exact_jaccard()
    {
        var edited = Recommendation.Replace("quá thấp", "thấp").Replace("nhiều đồng chí", "một số đồng chí");
        var scheme = MinHash.Default;
        var (a, b) = (scheme.Shingles(Recommendation), scheme.Shingles(edited));
        var (sa, sb) = (scheme.Signature(a), scheme.Signature(b));
        var estimate = sa.Zip(sb).Count(p => p.First == p.Second) / (double)sa.Length;
        var exact = MinHash.Jaccard(a, b);
        Assert.InRange(exact, 0.6, 0.95);
        Assert.InRange(estimate, exact - 0.15, exact + 0.15);
        var (ha, hb) = (scheme.BandHashesOf(a), scheme.BandHashesOf(b));
        Assert.Contains(Enumerable.Range(0, scheme.Bands), band => ha[band] == hb[band]);
    }

    [Theory]
    [InlineData("Đề nghị Ban Thường vụ Tỉnh ủy sớm có hướng dẫn về chế độ phụ cấp cho bí thư chi bộ thôn, tổ dân phố, vì mức phụ cấp hiện nay quá thấp so với khối lượng công việc và nhiều đồng chí không muốn nhận nhiệm vụ", SimilarStage.NearCopy)]
    [InlineData("de nghi ban thuong vu tinh uy som co huong dan ve che do phu cap cho bi thu chi bo thon to dan pho vi muc phu cap hien nay qua thap", SimilarStage.NearCopy)]
    [InlineData("Phụ cấp của bí thư chi bộ ở thôn và tổ dân phố hiện nay quá thấp so với công việc nên nhiều đồng chí không muốn nhận; kiến nghị Thường vụ Tỉnh ủy sớm hướng dẫn chế độ phụ cấp", SimilarStage.Reworded)]
    [InlineData("Đề nghị nâng cấp tuyến đường liên xã bị xuống cấp nghiêm trọng sau mùa mưa lũ", null)]
    [InlineData("Đề nghị Ban Thường vụ Tỉnh ủy không hướng dẫn", null)]
    public void Near_copies_and_reworded_texts_are_told_apart_from_unrelated_ones(string candidate, SimilarStage? expected)
    {
        var match = SimilarText.Compare(SimilarText.Fingerprint(Recommendation), SimilarText.Fingerprint(candidate));
        Assert.Equal(expected, match?.Stage);
    }
    [Theory]
    [InlineData(Recommendation)]
    [InlineData("TU, HU và ĐU; QĐ 11 — “hòa” hay ‘hoà’?")]
    [InlineData("một")]
    [InlineData("!!!")]
    [InlineData("Ｔỉｎｈ ủｙ Vie\u0302\u0323t Nam lặp lặp lặp lặp")]
    public void A_fingerprint_holds_the_shingle_and_syllable_sets_of_the_texts_tokens(string text)
    {
        var print = SimilarText.Fingerprint(text);
        var syllables = Tokens.Of(text).FoldSyllables;
        Assert.Equal(syllables, print.FoldSyllables);
        Assert.Equal(MinHash.Default.Shingles(text).Order(), print.Shingles);
        Assert.Equal(syllables.Distinct().Count(), print.Syllables.Length);
        Assert.Equal(print.Syllables.Order().Distinct(), print.Syllables);
        Assert.Equal(MinHash.Default.BandHashes(text), MinHash.Default.BandHashesOf(print.Shingles));
    }

    [Theory]
    [InlineData("Phụ cấp của bí thư chi bộ ở thôn và tổ dân phố hiện nay quá thấp so với công việc nên nhiều đồng chí không muốn nhận; kiến nghị Thường vụ Tỉnh ủy sớm hướng dẫn chế độ phụ cấp")]
    [InlineData("de nghi ban thuong vu tinh uy som co huong dan ve che do phu cap cho bi thu chi bo thon to dan pho vi muc phu cap hien nay qua thap")]
    [InlineData("Đề nghị Ban Thường vụ Tỉnh ủy không hướng dẫn")]
    public void Scores_are_the_jaccard_of_the_shingle_or_syllable_sets(string candidate)
    {
        var match = SimilarText.Compare(SimilarText.Fingerprint(Recommendation), SimilarText.Fingerprint(candidate), 0.5, 0);
        var near = MinHash.Jaccard(MinHash.Default.Shingles(Recommendation), MinHash.Default.Shingles(candidate));
        var words = MinHash.Jaccard(Tokens.Of(Recommendation).FoldSyllables.ToHashSet(), Tokens.Of(candidate).FoldSyllables.ToHashSet());
        Assert.Equal(near >= 0.5 ? near : words, match!.Value.Score, 9);
    }
}
