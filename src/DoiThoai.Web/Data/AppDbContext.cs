using DoiThoai.Web.Features.Accounts;
using DoiThoai.Web.Features.Calendar;
using DoiThoai.Web.Features.FollowUp;
using DoiThoai.Web.Features.Notifications;
using DoiThoai.Web.Features.History;
using DoiThoai.Web.Features.Items;
using DoiThoai.Web.Features.Items.Import;
using DoiThoai.Web.Features.Organisation;
using DoiThoai.Web.Features.PersonalData;
using DoiThoai.Web.Features.Portal;
using DoiThoai.Web.Features.Routing;
using DoiThoai.Web.Features.Search;
using DoiThoai.Web.Features.Sessions;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace DoiThoai.Web.Data;

/// <summary>
/// The one DbContext, used directly by pages and endpoints (no repositories). Each provider has a
/// thin subclass only so that each keeps its own migration set (see docs/decisions/0001).
/// </summary>
public abstract class AppDbContext(DbContextOptions options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>The key ring behind cookies, bearer and antiforgery tokens, shared by every app node (ADR 0020).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<OrgUnitKind> OrgUnitKinds => Set<OrgUnitKind>();
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<OrgUnitSuccession> OrgUnitSuccessions => Set<OrgUnitSuccession>();
    public DbSet<Term> Terms => Set<Term>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<DialogueSession> Sessions => Set<DialogueSession>();
    public DbSet<SessionChair> SessionChairs => Set<SessionChair>();
    public DbSet<Conclusion> Conclusions => Set<Conclusion>();
    public DbSet<Item> Items => Set<Item>();
    public DbSet<Assignment> Assignments => Set<Assignment>();
    public DbSet<HistoryEntry> History => Set<HistoryEntry>();
    public DbSet<ExtensionRequest> ExtensionRequests => Set<ExtensionRequest>();
    public DbSet<Contribution> Contributions => Set<Contribution>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AnswerTemplate> AnswerTemplates => Set<AnswerTemplate>();
    public DbSet<CalendarDay> CalendarDays => Set<CalendarDay>();
    public DbSet<DeadlineRule> DeadlineRules => Set<DeadlineRule>();
    public DbSet<FollowUpTask> Tasks => Set<FollowUpTask>();
    public DbSet<TaskTimelineEntry> TaskTimeline => Set<TaskTimelineEntry>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<JobLease> JobLeases => Set<JobLease>();
    public DbSet<SearchChange> SearchChanges => Set<SearchChange>();
    public DbSet<RoutingModel> RoutingModels => Set<RoutingModel>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleCategory> ArticleCategories => Set<ArticleCategory>();
    public DbSet<ArticlePhoto> ArticlePhotos => Set<ArticlePhoto>();
    public DbSet<ArticleRevision> ArticleRevisions => Set<ArticleRevision>();
    public DbSet<PortalDocument> PortalDocuments => Set<PortalDocument>();
    public DbSet<PersonalDataAction> PersonalDataActions => Set<PersonalDataAction>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<DataVersion> DataVersions => Set<DataVersion>();

    // Every save that changes what a session page shows writes that session's new page version in
    // the same transaction (ADR 0023): in the caller's transaction when there is one, else in one
    // opened here around EF's own work, accepting the changes only once it has committed.
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (SessionPageVersions.Of(ChangeTracker) is not { } versions) return base.SaveChanges(acceptAllChangesOnSuccess);
        if (Database.CurrentTransaction is not null)
        {
            var savedInCallers = base.SaveChanges(acceptAllChangesOnSuccess);
            versions.Write(this);
            return savedInCallers;
        }
        using var transaction = Database.BeginTransaction();
        var saved = base.SaveChanges(acceptAllChangesOnSuccess: false);
        versions.Write(this);
        transaction.Commit();
        if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
        return saved;
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (SessionPageVersions.Of(ChangeTracker) is not { } versions) return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        if (Database.CurrentTransaction is not null)
        {
            var savedInCallers = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await versions.WriteAsync(this, cancellationToken);
            return savedInCallers;
        }
        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
        await versions.WriteAsync(this, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (acceptAllChangesOnSuccess) ChangeTracker.AcceptAllChanges();
        return saved;
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => t.Namespace?.StartsWith("DoiThoai.Web.Features", StringComparison.Ordinal) == true);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Enums are stored by name: readable in the database and safe when members are added.
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options) : AppDbContext(options);

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options);
