using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace DoiThoai.Web.Infrastructure;

/// <summary>
/// Turns the exceptions that mean "the request was wrong" into 4xx problem details for the API.
/// Pages catch these themselves to show the message next to the form; anything else falls through
/// to the generic error page, without a stack trace.
/// </summary>
public sealed class AppExceptionHandler(IProblemDetailsService problems, ILogger<AppExceptionHandler> log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        // By now the middleware has rewritten Request.Path to the error page; the feature keeps the original.
        var path = http.Features.Get<IExceptionHandlerFeature>()?.Path ?? http.Request.Path;
        if (!path.StartsWith("/api", StringComparison.OrdinalIgnoreCase)) return false;
        ProblemDetails? problem = exception switch
        {
            WorkflowException w => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Thao tác không được phép ở trạng thái hiện tại.",
                Detail = w.Message,
                Extensions = { ["state"] = JsonNames.Camel(w.CurrentState), ["action"] = w.Action, ["allowedActions"] = w.AllowedActions },
            },
            ConcurrencyConflictException c => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Bản ghi đã được người khác thay đổi.",
                Detail = c.Message,
                Extensions =
                {
                    ["currentVersion"] = c.CurrentVersion, ["changedBy"] = c.ChangedBy, ["changedAt"] = c.ChangedAtUtc,
                    ["change"] = c.ChangeLabel, ["changeNote"] = c.ChangeNote,
                },
            },
            // A save that raced another without a version check of ours (the entity's token caught it).
            DbUpdateConcurrencyException => new ProblemDetails
            {
                Status = StatusCodes.Status409Conflict,
                Title = "Bản ghi đã được người khác thay đổi.",
                Detail = "Bản ghi vừa được người khác thay đổi; hãy tải lại rồi gửi lại nếu vẫn cần.",
            },
            DomainValidationException v => new ValidationProblemDetails(new Dictionary<string, string[]> { [v.Field] = [v.Message] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Dữ liệu không hợp lệ.",
                Detail = v.Message,
            },
            BadHttpRequestException b => new ProblemDetails
            {
                Status = b.StatusCode,
                Title = "Yêu cầu không hợp lệ.",
                Detail = DescribeBadRequest(b),
            },
            AccessDeniedException d => new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Không có quyền.", Detail = d.Message },
            NotFoundException n => new ProblemDetails { Status = StatusCodes.Status404NotFound, Title = "Không tìm thấy.", Detail = n.Message },
            _ => null,
        };
        if (problem is null)
        {
            log.LogError(exception, "Unhandled error on {Path}", path);
            problem = new ProblemDetails { Status = 500, Title = "Lỗi hệ thống. Vui lòng thử lại sau." };
        }
        http.Response.StatusCode = problem.Status ?? 500;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem, Exception = exception });
    }

    // The framework's messages name parameters and types; keep them, but never the inner stack.
    private static string DescribeBadRequest(BadHttpRequestException b) =>
        b.InnerException is System.Text.Json.JsonException
            ? "Nội dung JSON không đúng định dạng."
            : b.Message;
}

public static class JsonNames
{
    /// <summary>The API spells enum values in camelCase (answeredAtSession); history and errors use the same.</summary>
    public static string Camel(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
