namespace DoiThoai.BrowserTests.Infrastructure;

/// <summary>Where the build output and the kept screenshots are: found from the test assembly's folder.</summary>
public static class Artifacts
{
    // tests/DoiThoai.BrowserTests/bin/<Configuration>/net10.0/
    private static readonly DirectoryInfo TestBin = new(AppContext.BaseDirectory);

    public static string RepositoryRoot { get; } = TestBin.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;

    /// <summary>artifacts/browser/: one PNG per visited page, the last state of every page, the app's log.</summary>
    public static string Folder { get; } = Directory.CreateDirectory(Path.Combine(RepositoryRoot, "artifacts", "browser")).FullName;

    public static string WebProjectFolder { get; } = Path.Combine(RepositoryRoot, "src", "DoiThoai.Web");

    /// <summary>The web project's own build output, same configuration as the tests.</summary>
    public static string WebAssemblyPath()
    {
        var path = Path.Combine(WebProjectFolder, "bin", TestBin.Parent!.Name, TestBin.Name, "DoiThoai.Web.dll");
        return File.Exists(path) ? path : throw new FileNotFoundException("build the solution first", path);
    }

    /// <summary>A file name safe on every file system for a screenshot called <paramref name="name"/>.</summary>
    public static string Screenshot(string name)
    {
        var safe = string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-'));
        return Path.Combine(Folder, safe + ".png");
    }
}
