using DoiThoai.Web.Features.Routing;

namespace DoiThoai.Tests.Features.Routing;

/// <summary>The routing engine on its own: determinism, storage round trip, text typed without diacritics.</summary>
public sealed class TextClassifierTests
{
    private static readonly string[] Texts =
    [
        "Đề nghị sửa chữa đường liên thôn bị xuống cấp", "Kiến nghị nâng cấp cầu qua kênh của xã",
        "Mặt đường trục xã hư hỏng nặng sau mưa lũ", "Đề nghị làm đường giao thông nội đồng",
        "Kiến nghị tăng phụ cấp cho bí thư chi bộ thôn", "Đề nghị kiện toàn cấp ủy chi bộ sau sáp nhập",
        "Phụ cấp cán bộ không chuyên trách còn thấp", "Đề nghị bồi dưỡng nghiệp vụ cho cấp ủy viên mới",
    ];

    private static readonly string[] Labels = ["giao-thong", "giao-thong", "giao-thong", "giao-thong", "to-chuc", "to-chuc", "to-chuc", "to-chuc"];

    [Theory]
    [InlineData(0)] // with the second, ratio-scaled model
    [InlineData(int.MaxValue)] // one model, as for a small history
    public void The_same_data_gives_the_same_probabilities_and_storage_keeps_them(int ratioModelMinimumItems)
    {
        var options = ClassifierOptions.Default with { RatioModelMinimumItems = ratioModelMinimumItems };
        var first = TextClassifier.Train(Texts, Labels, options);
        var second = TextClassifier.Train(Texts, Labels, options);
        var loaded = TextClassifier.Load(first.Save());
        const string text = "Đề nghị sửa đường thôn Đông";

        Assert.Equal(first.Predict(text), second.Predict(text));
        Assert.Equal(first.Predict(text), loaded.Predict(text));
        Assert.Equal("giao-thong", first.Predict(text)[0].Label);
        Assert.Equal(1.0, first.Predict(text).Sum(s => s.Confidence), 3);
    }

    [Fact]
    public void Text_typed_without_diacritics_gets_the_same_topic()
    {
        var classifier = TextClassifier.Train(Texts, Labels);

        Assert.Equal("to-chuc", classifier.Predict("de nghi tang phu cap bi thu chi bo")[0].Label);
        Assert.Equal("giao-thong", classifier.Predict("DE NGHI SUA CHUA DUONG LIEN THON")[0].Label);
    }

    [Fact]
    public void One_label_is_refused()
    {
        Assert.Throws<ArgumentException>(() => TextClassifier.Train(Texts, Labels.Select(_ => "x").ToList()));
    }
}
