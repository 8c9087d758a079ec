using Microsoft.AspNetCore.Razor.TagHelpers;

namespace DoiThoai.Web.Infrastructure;

/// <summary>
/// The framework's validation summary puts an empty &lt;li style="display:none"&gt; in a form
/// without errors, for client-side validation scripts we do not use. The Content-Security-Policy
/// refuses inline styles (ADR 0017), so the browser would report it; site.css already hides the
/// valid summary. This runs after the framework's tag helper and takes the item out.
/// </summary>
[HtmlTargetElement("div", Attributes = "asp-validation-summary")]
public sealed class ValidationSummaryWithoutStyle : TagHelper
{
    private const string HiddenItem = "<li style=\"display:none\"></li>";

    public override int Order => 1000;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var content = output.PostContent.GetContent();
        if (content.Contains(HiddenItem, StringComparison.Ordinal))
            output.PostContent.SetHtmlContent(content.Replace(HiddenItem, "", StringComparison.Ordinal));
    }
}
