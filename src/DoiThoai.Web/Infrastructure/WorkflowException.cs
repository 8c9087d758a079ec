namespace DoiThoai.Web.Infrastructure;

/// <summary>
/// Thrown by an entity's transition method when the requested action is not allowed in the
/// entity's current state. Pages show <see cref="Exception.Message"/>; the API answers 409 with
/// the state and the actions that are allowed.
/// </summary>
/// <remarks>A <c>message</c> replaces the usual one when the state alone does not explain the refusal.</remarks>
public sealed class WorkflowException(string action, string currentState, IReadOnlyList<string> allowedActions, string? message = null)
    : Exception(message ?? $"Không thể thực hiện thao tác \"{action}\" khi trạng thái là \"{currentState}\".")
{
    public string Action { get; } = action;
    public string CurrentState { get; } = currentState;
    public IReadOnlyList<string> AllowedActions { get; } = allowedActions;
}

/// <summary>
/// A rule about the data itself (a deadline in the past, an empty answer) rather than the state.
/// Pages show the message beside the form; the API answers 400.
/// </summary>
public sealed class DomainValidationException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Who performs an action; recorded in history entries.</summary>
public sealed record Actor(string? UserId, string Name)
{
    public static readonly Actor System = new(null, "Hệ thống");
}

/// <summary>The caller may see the record but not do this to it. Pages and the API answer 403.</summary>
public sealed class AccessDeniedException(string message = "Bạn không có quyền thực hiện thao tác này.") : Exception(message);

/// <summary>The record does not exist or the caller may not see it: both answer 404, so nothing leaks.</summary>
public sealed class NotFoundException(string message = "Không tìm thấy bản ghi.") : Exception(message);
