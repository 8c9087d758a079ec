using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace DoiThoai.Tests.Features.Accounts;

public sealed class ApiAuthTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Login_returns_a_bearer_token_that_opens_the_api()
    {
        var client = app.CreateClient();
        var token = await client.PostJsonAsync("/api/v1/auth/login", new { userName = "vanphong", password = AppFactory.DemoPassword }, HttpStatusCode.OK);
        Assert.False(string.IsNullOrEmpty(token["accessToken"]!.GetValue<string>()));
        Assert.True(token["expiresIn"]!.GetValue<long>() > 0);

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token["accessToken"]!.GetValue<string>());
        var sessions = await client.GetJsonAsync("/api/v1/sessions");
        Assert.True(sessions["total"]!.GetValue<int>() > 0);
    }

    [Theory]
    [InlineData("vanphong", "sai-mat-khau")]
    [InlineData("khong-ton-tai", "DoiThoai#2017")]
    public async Task Wrong_credentials_answer_401_problem(string userName, string password)
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/v1/auth/login", new { userName, password });
        var problem = await ApiJson.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Contains("không đúng", problem["detail"]!.GetValue<string>());
    }

    [Fact]
    public async Task Missing_fields_and_malformed_json_answer_400_problem()
    {
        var client = app.CreateClient();
        await ApiJson.AssertProblemAsync(await client.PostAsJsonAsync("/api/v1/auth/login", new { userName = "" }), HttpStatusCode.BadRequest);
        var broken = await ApiJson.AssertProblemAsync(await client.PostRawAsync("/api/v1/auth/login", "{\"userName\": \"vanphong\", "), HttpStatusCode.BadRequest);
        Assert.Contains("JSON", broken["detail"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("/api/v1/sessions")]
    [InlineData("/api/v1/items/1")]
    [InlineData("/api/v1/units")]
    [InlineData("/api/v1/topics")]
    public async Task Without_a_token_the_api_answers_401_not_a_redirect(string url)
    {
        var response = await app.Browser().GetAsync(url);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_forged_token_is_refused()
    {
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "CfDJ8-not-a-real-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/sessions")).StatusCode);
    }

    [Fact]
    public async Task A_sign_in_cookie_does_not_open_the_api()
    {
        // The API takes bearer tokens only, so a page visited in a signed-in browser cannot be
        // made to call it on the user's behalf (no cross-site request forgery through cookies).
        var browser = await app.SignedInBrowserAsync("vanphong");
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/v1/sessions")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_document_describes_the_api()
    {
        var doc = await app.CreateClient().GetJsonAsync("/openapi/v1.json");
        var paths = doc["paths"]!.AsObject().Select(p => p.Key).ToList();
        Assert.Contains("/api/v1/auth/login", paths);
        Assert.Contains("/api/v1/sessions", paths);
        Assert.Contains("/api/v1/items/{id}/actions/{action}", paths);
    }
}
