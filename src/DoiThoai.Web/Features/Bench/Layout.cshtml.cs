using Microsoft.AspNetCore.Mvc.RazorPages;

namespace DoiThoai.Web.Features.Bench;

/// <summary>The signed-in layout and nothing else: what every staff page costs before its own work (BenchSetup).</summary>
public sealed class LayoutModel : PageModel
{
    public void OnGet() { }
}
