using DoiThoai.Web.Features.Sessions;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DoiThoai.Web.Features.Items.Import;

public enum ImportJobState { Running, Done, Failed }

/// <summary>
/// A sheet import started from the web, as a row every node reads (ADR 0016): who started it, into
/// which session, how far it got, and how it ended. The items themselves are written in one
/// transaction; this row lives outside it, except its last update to <see cref="ImportJobState.Done"/>,
/// which commits with the items, so "done" and the items are saved together or not at all.
/// </summary>
public sealed class ImportJob
{
    /// <summary>A running job whose node has not beaten for this long is taken as dead.</summary>
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);
    /// <summary>Finished jobs (and dead ones) are removed after this long.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(6);
    public const string ServerStoppedError = "Máy chủ đã dừng hoặc khởi động lại trong khi nhập.";
    public const int ErrorMaxLength = 1000;

    private ImportJob() { }

    /// <summary>The uploaded file's token: a second confirmation of the same upload finds this row instead of importing twice.</summary>
    public Guid Id { get; private set; }
    public int SessionId { get; private set; }
    public DialogueSession? Session { get; private set; }
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public int Total { get; private set; }
    /// <summary>Rows written so far (in the open transaction, not yet committed).</summary>
    public int RowsRead { get; private set; }
    public ImportJobState State { get; private set; }
    /// <summary>Why it failed; then nothing was saved.</summary>
    public string? Error { get; private set; }
    public int Imported { get; private set; }
    public DateTime StartedAtUtc { get; private set; }
    /// <summary>When the node running it last reported; a running job whose heartbeat stops is dead (<see cref="StaleAfter"/>).</summary>
    public DateTime HeartbeatAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }

    public bool IsFinished => State != ImportJobState.Running;

    public static ImportJob Start(Guid id, int sessionId, Actor actor, int total, DateTime nowUtc)
    {
        var now = DateTime.SpecifyKind(nowUtc, DateTimeKind.Utc);
        return new()
        {
            Id = id, SessionId = sessionId, UserId = actor.UserId ?? "", UserName = actor.Name, Total = total,
            State = ImportJobState.Running, StartedAtUtc = now, HeartbeatAtUtc = now,
        };
    }

    /// <summary>
    /// The job as a reader sees it at <paramref name="nowUtc"/>. <paramref name="rowsReadHere"/> is the
    /// count of the node that runs it, when that is the reading node (fresher than the row, and the
    /// only count on SQLite, where no second writer may update the row during the import). A running
    /// job that no node runs and whose heartbeat is stale died with its node: its transaction was
    /// rolled back, so it failed with nothing saved.
    /// </summary>
    public ImportJob SeenAt(DateTime nowUtc, int? rowsReadHere)
    {
        if (State != ImportJobState.Running) return this;
        if (rowsReadHere is { } read) RowsRead = Math.Max(RowsRead, read);
        else if (HeartbeatAtUtc < nowUtc - StaleAfter)
        {
            State = ImportJobState.Failed;
            Error = ServerStoppedError;
            FinishedAtUtc = HeartbeatAtUtc;
        }
        return this;
    }

    public static string ShortError(string message) => message.Length <= ErrorMaxLength ? message : message[..(ErrorMaxLength - 1)] + "…";
}

internal sealed class ImportJobConfiguration : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> e)
    {
        e.ToTable("ImportJobs");
        e.Property(j => j.Id).ValueGeneratedNever();
        e.Property(j => j.UserId).HasMaxLength(450);
        e.Property(j => j.UserName).HasMaxLength(256);
        e.Property(j => j.Error).HasMaxLength(ImportJob.ErrorMaxLength);
        e.HasOne(j => j.Session).WithMany().HasForeignKey(j => j.SessionId).OnDelete(DeleteBehavior.Cascade);
        e.HasIndex(j => j.HeartbeatAtUtc);
    }
}
