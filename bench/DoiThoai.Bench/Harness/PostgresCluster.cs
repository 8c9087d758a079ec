using System.Diagnostics;

namespace DoiThoai.Bench.Harness;

/// <summary>
/// A throwaway PostgreSQL cluster as test.sh starts one: initdb and pg_ctl run as the postgres user
/// (they refuse root), trust authentication on 127.0.0.1 and a free port, durability switched off
/// because the data is thrown away. Stopped (and its folder removed unless kept) on dispose.
/// </summary>
internal sealed class PostgresCluster : IDisposable
{
    private readonly string bin;
    private readonly string folder;
    private readonly bool keep;

    public int Port { get; }
    public string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Password=unused;Database={database};Maximum Pool Size=50";

    private PostgresCluster(string bin, string folder, int port, bool keep) => (this.bin, this.folder, Port, this.keep) = (bin, folder, port, keep);

    /// <summary>Starts the cluster in <paramref name="folder"/>, creating it there first when it holds none.</summary>
    public static PostgresCluster Start(string folder, bool keep)
    {
        var bin = Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, "initdb")))
            .OrderBy(d => int.Parse(Path.GetFileName(Path.GetDirectoryName(d))!, System.Globalization.CultureInfo.InvariantCulture))
            .LastOrDefault() ?? throw new InvalidOperationException("No PostgreSQL server under /usr/lib/postgresql (apt-get install postgresql).");
        Directory.CreateDirectory(folder);
        Run("chown", "postgres:", folder);
        Run("chmod", "700", folder);
        var data = Path.Combine(folder, "data");
        if (!Directory.Exists(data))
            AsPostgres(folder, Path.Combine(bin, "initdb"), "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8");
        var port = AppProcess.FreePort();
        AsPostgres(folder, Path.Combine(bin, "pg_ctl"), "-D", data, "-l", Path.Combine(folder, "log"), "-w", "-t", "60",
            "-o", $"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 -c shared_buffers=512MB",
            "start");
        Console.WriteLine($"PostgreSQL ({bin}) on 127.0.0.1:{port}, data in {data}");
        return new PostgresCluster(bin, folder, port, keep);
    }

    public void Dispose()
    {
        try { AsPostgres(folder, Path.Combine(bin, "pg_ctl"), "-D", Path.Combine(folder, "data"), "-m", "fast", "-w", "-t", "60", "stop"); }
        catch (InvalidOperationException e) { Console.Error.WriteLine(e.Message); }
        if (!keep) Directory.Delete(folder, recursive: true);
    }

    private static void AsPostgres(string workingDirectory, string program, params string[] args) =>
        Run("runuser", ["-u", "postgres", "--", program, .. args], workingDirectory);

    private static void Run(string program, params string[] args) => Run(program, args, null);

    private static void Run(string program, string[] args, string? workingDirectory)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory ?? "" };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {output.Result}{error}");
    }
}
