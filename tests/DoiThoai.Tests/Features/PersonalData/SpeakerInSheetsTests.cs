using DoiThoai.Tests.Features.Security;

namespace DoiThoai.Tests.Features.PersonalData;

/// <summary>The .xlsx downloads follow the same rule as the pages: the speaker only for those who may see it (ADR 0021).</summary>
public sealed class SpeakerInSheetsTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_items_sheets_name_the_speaker_for_the_host_office_only()
    {
        var seedId = await app.SeedSessionIdAsync();
        var speaker = await app.WithDbAsync(db => db.Items.Where(i => i.SessionId == seedId && i.RaisedByPersonId != null
                && i.Confidentiality == DoiThoai.Web.Features.Items.Confidentiality.Public)
            .Select(i => i.RaisedByPerson!.FullName).FirstAsync());
        // XML escapes nothing in a Vietnamese name; the sheet's text is read from its parts.
        var checkedReaders = 0;
        foreach (var url in new[] { $"/api/v1/sessions/{seedId}/documents/items.xlsx", $"/api/v1/items.xlsx?sessionId={seedId}" })
        {
            var office = await Readable.TextAsync(await (await app.ApiClientAsync("vanphong")).GetAsync(url));
            Assert.Contains(speaker.Normalize(), office.Normalize(), StringComparison.Ordinal);
            foreach (var reader in new[] { "bientap", "bantochuc" })
            {
                var response = await (await app.ApiClientAsync(reader)).GetAsync(url);
                if (response.StatusCode != System.Net.HttpStatusCode.OK) continue; // a reader without the session at all
                checkedReaders++;
                Assert.DoesNotContain(speaker.Normalize(), (await Readable.TextAsync(response)).Normalize(), StringComparison.Ordinal);
            }
        }
        Assert.True(checkedReaders > 0, "no reader other than the office could download the sheets");
    }
}
