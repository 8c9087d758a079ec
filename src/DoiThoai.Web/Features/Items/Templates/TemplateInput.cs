using DoiThoai.Web.Features.Organisation;

namespace DoiThoai.Web.Features.Items.Templates;

/// <summary>An answer template as the form posts it; <see cref="ApplyToAsync"/> checks it and copies it onto the row.</summary>
public sealed class TemplateInput
{
    public const int MaxTitleLength = 200;

    public string? Title { get; set; }
    /// <summary>Empty: the template is offered for every topic.</summary>
    public int? TopicId { get; set; }
    public string? Text { get; set; }
    public bool IsActive { get; set; } = true;

    public static TemplateInput Of(AnswerTemplate template) =>
        new() { Title = template.Title, TopicId = template.TopicId, Text = template.Text, IsActive = template.IsActive };

    public async Task ApplyToAsync(AnswerTemplate template, References refs)
    {
        var title = Check.Required(Title, "title", "Tên mẫu", MaxTitleLength);
        var text = Check.Required(Text, "text", "Nội dung mẫu", ItemRules.MaxTextLength);
        // A template may keep a topic that was retired after it was written; a new choice must be in use.
        if (TopicId is { } topicId && topicId != template.TopicId) await refs.TopicAsync(topicId);
        template.Title = title;
        template.Text = text;
        template.TopicId = TopicId;
        template.IsActive = IsActive;
    }
}
