using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoiThoai.Web.Features;

/// <summary>The page shown for 4xx and 5xx answers; it never shows a stack trace.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel : PageModel
{
    public string Heading { get; private set; } = "Có lỗi xảy ra";
    public string Explanation { get; private set; } = "Hệ thống gặp lỗi khi xử lý yêu cầu. Vui lòng thử lại sau.";

    // The code is read from the query by hand, without model binding: binding builds every value
    // provider, the form's too, and a re-executed POST whose body was refused as too large (413)
    // would fail reading it there and lose its explanation.
    public void OnGet() => Describe(QueryCode());
    public void OnPost() => Describe(QueryCode());

    private int? QueryCode() =>
        int.TryParse(Request.Query["code"], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var code) ? code : null;

    private void Describe(int? code)
    {
        var status = code ?? 500;
        (Heading, Explanation) = status switch
        {
            404 => ("Không tìm thấy trang", "Trang hoặc bản ghi bạn tìm không tồn tại, hoặc bạn không có quyền xem."),
            403 => ("Không có quyền truy cập", "Tài khoản của bạn không có quyền thực hiện thao tác này."),
            400 => ("Yêu cầu không hợp lệ", "Dữ liệu gửi lên không hợp lệ. Vui lòng kiểm tra và thử lại."),
            429 => ("Quá nhiều yêu cầu", "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng đợi một lát rồi thử lại."),
            413 => ("Dữ liệu gửi lên quá lớn", "Tệp đính kèm vượt quá giới hạn cho phép. Hãy gửi tệp nhỏ hơn hoặc ít tệp hơn mỗi lần."),
            _ => (Heading, Explanation),
        };
        if (code is >= 400 and < 600) Response.StatusCode = status;
    }
}
