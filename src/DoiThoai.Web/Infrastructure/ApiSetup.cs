using System.Text.Json;
using System.Text.Json.Serialization;
using DoiThoai.Web.Features.Accounts;
using Microsoft.AspNetCore.Http.Json;

namespace DoiThoai.Web.Infrastructure;

public static class ApiSetup
{
    public static WebApplicationBuilder AddApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddExceptionHandler<AppExceptionHandler>();
        services.AddOpenApi("v1");
        services.Configure<JsonOptions>(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        });
        // Malformed JSON and wrong parameter types raise BadHttpRequestException, which the
        // exception handler turns into a 400 with a readable message instead of an empty body.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication MapApi(this WebApplication app, Action<RouteGroupBuilder> mapFeatures)
    {
        app.MapOpenApi("/openapi/{documentName}.json");
        var api = app.MapGroup("/api/v1").RequireAuthorization(Policies.Api);
        mapFeatures(api);
        return app;
    }
}

/// <summary>page and pageSize of a list request; pageSize above 200 is refused rather than clamped.</summary>
public readonly record struct Paging(int Page, int PageSize)
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;

    public int Skip => (Page - 1) * PageSize;

    public static Paging From(int? page, int? pageSize)
    {
        var p = page ?? 1;
        var size = pageSize ?? DefaultPageSize;
        if (p < 1 || p > 1_000_000)
            throw new DomainValidationException("page", "page phải là số nguyên từ 1 đến 1.000.000.");
        if (size < 1 || size > MaxPageSize)
            throw new DomainValidationException("pageSize", $"pageSize phải từ 1 đến {MaxPageSize}.");
        return new Paging(p, size);
    }
}

/// <summary>A page of a list, as every list endpoint answers it.</summary>
public sealed record ListResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);
