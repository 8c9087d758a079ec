namespace DoiThoai.Web.Features.Documents;

/// <summary>
/// GET /api/v1/sessions/{id}/documents/minutes.docx, conclusions.docx, items-summary.docx: the
/// same documents and the same checks as the links on the session page.
/// </summary>
public static class DocumentsApi
{
    public static RouteGroupBuilder MapDocumentsApi(this RouteGroupBuilder api)
    {
        var documents = api.MapGroup("/sessions/{id:int}/documents").WithTags("Documents");
        foreach (var (name, document) in SessionDocuments.ApiNames)
        {
            documents.MapGet("/" + name, async (int id, SessionDocuments builder, HttpContext http) =>
                    Send(http.Response, await builder.BuildAsync(id, document)))
                .Produces(StatusCodes.Status200OK, contentType: DocumentFile.ContentType)
                .WithSummary(Summaries[document]);
        }
        return api;
    }

    private static readonly Dictionary<SessionDocument, string> Summaries = new()
    {
        [SessionDocument.Minutes] = "Biên bản hội nghị (.docx, HD 16-HD/VPTW) với những ý kiến và trả lời người gọi được xem.",
        [SessionDocument.Conclusions] = "Thông báo kết luận (.docx) với bảng phân công thực hiện; chỉ khi kết luận đã ban hành hoặc người gọi chủ trì hội nghị.",
        [SessionDocument.ItemsSummary] = "Bảng tổng hợp ý kiến, kiến nghị (.docx, khổ ngang) theo lĩnh vực và đơn vị chủ trì giải quyết.",
    };

    private static IResult Send(HttpResponse response, DocumentFile file)
    {
        file.WriteHeaders(response);
        return TypedResults.File(file.Content, DocumentFile.ContentType);
    }
}
