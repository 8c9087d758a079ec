using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace DoiThoai.Web.Features.Items;

/// <summary>
/// Lets the pages with upload forms take files up to the configured limit (Uploads:MaxBytes per
/// file, <see cref="AttachmentStore.MaxFiles"/> files), and answers a larger body with 413 and a
/// readable page instead of a server error. A file over the per-file limit but within the body
/// limit is refused beside its field (400) by <see cref="AttachmentStore"/>.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class UploadLimitsAttribute : Attribute, IAsyncAuthorizationFilter, IAsyncResourceFilter, IOrderedFilter
{
    /// <summary>
    /// Before every other filter: the antiforgery check (an authorization filter) reads the form,
    /// so the limits must be in place, and an oversize body refused, before it runs.
    /// </summary>
    public int Order => int.MinValue;

    public Task OnAuthorizationAsync(AuthorizationFilterContext context)
    {
        var http = context.HttpContext;
        if (!HttpMethods.IsPost(http.Request.Method)) return Task.CompletedTask;
        var limit = http.RequestServices.GetRequiredService<AttachmentStore>().MaxRequestBytes;
        if (http.Request.ContentLength > limit)
        {
            context.Result = TooLarge();
            return Task.CompletedTask;
        }
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            size.MaxRequestBodySize = limit;
        // What [RequestFormLimits] does, with a limit read from configuration.
        if (http.Features.Get<IFormFeature>()?.Form is null)
            http.Features.Set<IFormFeature>(new FormFeature(http.Request, new FormOptions { MultipartBodyLengthLimit = limit }));
        return Task.CompletedTask;
    }

    /// <summary>A body without a declared length that turns out too large fails while the form is bound.</summary>
    public async Task OnResourceExecutionAsync(ResourceExecutingContext context, ResourceExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not null && !executed.ExceptionHandled && IsTooLarge(executed.Exception))
        {
            executed.ExceptionHandled = true;
            executed.Result = TooLarge();
        }
    }

    private static bool IsTooLarge(Exception e) => e switch
    {
        BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => true,
        InvalidDataException => true,
        _ when e.InnerException is { } inner => IsTooLarge(inner),
        _ => false,
    };

    // The status-code page (/Error?code=413) explains it; the body was not read, so nothing is kept.
    private static StatusCodeResult TooLarge() => new(StatusCodes.Status413PayloadTooLarge);
}
