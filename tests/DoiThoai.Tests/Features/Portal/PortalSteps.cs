using System.Net;
using System.Text.RegularExpressions;
using SkiaSharp;

namespace DoiThoai.Tests.Features.Portal;

/// <summary>What an editor does through the pages, for the portal tests.</summary>
public static partial class PortalSteps
{
    public static string Unique(string text) => $"{text} {Guid.NewGuid().ToString("N")[..6]}";

    [GeneratedRegex(@"^/Portal/Admin/(\d+)$")]
    private static partial Regex EditAddress();

    /// <summary>Posts the create form; returns the response (302 to the edit page when saved).</summary>
    public static async Task<HttpResponseMessage> PostCreateAsync(HttpClient client, params (string Name, string Value)[] values)
    {
        var form = await Html.GetFormAsync(client, "/Portal/Admin/Create", "form.article-form");
        var defaults = new List<(string, string)>
        {
            ("Input.CategoryId", "1"), ("Input.Title", Unique("Bài viết thử")), ("Input.Lead", "Đoạn mở đầu của bài."),
            ("Input.BodyMarkdown", "Nội dung **chính** của bài."), ("Input.AuthorName", "Danh Thắng"),
        };
        var names = values.Select(v => v.Name).ToHashSet();
        return await client.PostAsync("/Portal/Admin/Create", form.With(defaults.Where(d => !names.Contains(d.Item1)).Concat(values).ToArray()));
    }

    /// <summary>Creates a draft and returns its id.</summary>
    public static async Task<int> CreateAsync(HttpClient client, params (string Name, string Value)[] values)
    {
        var response = await PostCreateAsync(client, values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var match = EditAddress().Match(response.Headers.Location!.OriginalString);
        Assert.True(match.Success, response.Headers.Location.OriginalString);
        return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Posts one of the action forms of the edit page (Submit, Publish, Unpublish, SendBack).</summary>
    public static async Task<HttpResponseMessage> ActAsync(HttpClient client, int id, string handler, params (string Name, string Value)[] values)
    {
        var token = await TokenAsync(client, id);
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        fields.AddRange(values.Select(v => new KeyValuePair<string, string>(v.Name, v.Value)));
        return await client.PostAsync($"/Portal/Admin/{id}?handler={handler}", new FormUrlEncodedContent(fields));
    }

    public static async Task<HttpResponseMessage> PublishAsync(HttpClient client, int id, string? publishAt = null) =>
        await ActAsync(client, id, "Publish", ("Act.PublishAt", publishAt ?? ""));

    public static async Task<HttpResponseMessage> UploadPhotoAsync(HttpClient client, int id, byte[] bytes, string fileName, string? alt, string? caption)
    {
        var token = await TokenAsync(client, id);
        using var content = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(bytes), "NewPhoto.Photo", fileName },
        };
        if (alt is not null) content.Add(new StringContent(alt), "NewPhoto.AltText");
        if (caption is not null) content.Add(new StringContent(caption), "NewPhoto.Caption");
        return await client.PostAsync($"/Portal/Admin/{id}?handler=Photo", content);
    }

    private static async Task<string> TokenAsync(HttpClient client, int id)
    {
        var page = await Html.GetDocumentAsync(client, $"/Portal/Admin/{id}");
        return page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
    }

    public static async Task<AngleSharp.Html.Dom.IHtmlDocument> FollowAsync(HttpClient client, HttpResponseMessage response)
    {
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            var page = await Html.ParseAsync(response);
            Assert.Fail($"{(int)response.StatusCode}: {page.QuerySelector(".errors")?.TextContent ?? page.Body?.TextContent}");
        }
        return await Html.GetDocumentAsync(client, response.Headers.Location!.OriginalString);
    }

    /// <summary>A picture drawn here (no downloaded images), encoded as PNG or JPEG.</summary>
    public static byte[] Picture(int width, int height, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height);
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(new SKColor(200, 16, 46));
            using var paint = new SKPaint { Color = new SKColor(246, 210, 0) };
            canvas.DrawCircle(width / 2f, height / 2f, Math.Min(width, height) / 3f, paint);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(format, 90);
        return data.ToArray();
    }
}
