using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace DoiThoai.BrowserTests.Infrastructure;

/// <summary>axe-core and keyboard checks, usable on any page of the app (staff UI now, the portal later).</summary>
public static class Accessibility
{
    /// <summary>The rule tags of WCAG 2.0 and 2.1, levels A and AA: the level the issue asks for.</summary>
    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>Saves a full-page screenshot as artifacts/browser/<paramref name="name"/>.png, then runs axe-core and fails with every violation listed.</summary>
    public static async Task AssertNoAxeViolationsAsync(IPage page, string name)
    {
        await page.ScreenshotAsync(new() { Path = Artifacts.Screenshot(name), FullPage = true });
        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags } });
        Assert.True(result.Violations.Length == 0, Describe(name, page.Url, result.Violations));
    }

    private static string Describe(string name, string url, AxeResultItem[] violations)
    {
        var text = new StringBuilder($"axe-core: {violations.Length} violation(s) on {name} ({url})\n");
        foreach (var v in violations)
        {
            text.AppendLine($"- {v.Id} ({v.Impact}): {v.Help} {v.HelpUrl}");
            foreach (var node in v.Nodes.Take(5))
            {
                var why = node.Any.Concat(node.All).Concat(node.None).Select(c => c.Message);
                text.AppendLine($"    {node.Target} {node.Html}: {string.Join("; ", why)}");
            }
        }
        return text.ToString();
    }

    /// <summary>
    /// Presses Tab until <paramref name="target"/> has the focus, asserting on the way that every focused
    /// element shows a visible focus indicator; fails if it is not reached within <paramref name="maxPresses"/>.
    /// </summary>
    public static async Task TabToAsync(IPage page, ILocator target, int maxPresses = 40)
    {
        for (var i = 0; i < maxPresses; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            await AssertFocusVisibleAsync(page);
            if (await target.EvaluateAsync<bool>("el => el === document.activeElement")) return;
        }
        Assert.Fail($"{maxPresses} presses of Tab did not reach {target} on {page.Url}");
    }

    /// <summary>
    /// Tabs from where the focus is now through every focus stop of the page until the focus leaves it,
    /// asserting each one shows its focus; returns how many stops there were.
    /// </summary>
    public static async Task<int> AssertEveryFocusVisibleAsync(IPage page, int maxStops = 300)
    {
        for (var stops = 0; stops < maxStops; stops++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("() => !document.activeElement || document.activeElement === document.body"))
                return stops;
            await AssertFocusVisibleAsync(page);
        }
        Assert.Fail($"{page.Url}: more than {maxStops} focus stops, or the focus never leaves the page");
        return maxStops;
    }

    /// <summary>The focused element has an outline (or ring) at least 2px wide and lies inside the viewport.</summary>
    public static async Task AssertFocusVisibleAsync(IPage page)
    {
        var problem = await page.EvaluateAsync<string>("""
            () => {
              const el = document.activeElement;
              if (!el || el === document.body) return 'nothing has the focus';
              const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "' + (el.textContent || el.value || '').trim().slice(0, 40) + '"';
              const s = getComputedStyle(el);
              const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
              const ring = s.boxShadow && s.boxShadow !== 'none';
              if (!outline && !ring) return name + ' has no visible focus indicator';
              const r = el.getBoundingClientRect();
              if (r.width < 1 || r.height < 1 || r.bottom < 0 || r.right < 0 || r.top > innerHeight || r.left > innerWidth)
                return name + ' is focused but not on screen';
              return '';
            }
            """);
        Assert.True(problem.Length == 0, $"{page.Url}: {problem}");
    }
}
