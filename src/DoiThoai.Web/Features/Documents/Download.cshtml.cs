using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoiThoai.Web.Features.Documents;

/// <summary>/Sessions/{id}/Documents/Minutes, …/Conclusions, …/ItemsSummary: the session's documents for the signed-in reader.</summary>
public sealed class SessionDocumentModel(SessionDocuments documents) : PageModel
{
    public Task<IActionResult> OnGetAsync(int id, string document) => this.TryLoadAsync(async () =>
    {
        // By name only: Enum.TryParse would also take "1".
        var name = Enum.GetNames<SessionDocument>().FirstOrDefault(n => string.Equals(n, document, StringComparison.OrdinalIgnoreCase))
            ?? throw new NotFoundException("Không có văn bản này.");
        var kind = Enum.Parse<SessionDocument>(name);
        var file = await documents.BuildAsync(id, kind);
        file.WriteHeaders(Response);
        return File(file.Content, DocumentFile.ContentType);
    });
}
