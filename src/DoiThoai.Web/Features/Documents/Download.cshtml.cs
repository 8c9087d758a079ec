using DoiThoai.Web.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoiThoai.Web.Features.Documents;

/// <summary>/Sessions/{id}/Documents/Minutes, …/Conclusions, …/ItemsSummary: the session's documents for the signed-in reader.</summary>
public sealed class SessionDocumentModel(SessionDocuments documents) : PageModel
{
    public Task<IActionResult> OnGetAsync(int id, string document) => this.TryLoadAsync(async () =>
    {
        if (!Enum.TryParse<SessionDocument>(document, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
            throw new NotFoundException("Không có văn bản này.");
        var file = await documents.BuildAsync(id, kind);
        file.WriteHeaders(Response);
        return File(file.Content, DocumentFile.ContentType);
    });
}
