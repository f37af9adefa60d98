using Concord.Cli.Web.Security;
using Concord.Cli.Web.Text;
using Concord.Core;
using Concord.Core.Auditing;
using Concord.Core.Storage;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;

namespace Concord.Cli.Web.App.Shared;

/// <summary>
/// What every signed-in page shares: the caller as an <see cref="Actor"/>, a database context per unit of work (a circuit
/// lives long and its events may overlap), and one way of showing the workflows' expected failures.
/// </summary>
public abstract class ConcordPage : ComponentBase
{
    [Inject] protected IDbContextFactory<ConcordDbContext> Dbs { get; set; } = default!;
    /// <summary>Where the read-only pages read (<see cref="ReadDatabase"/>): a standby, when the node was started with --read-db.</summary>
    [Inject] protected ReadDatabase Reads { get; set; } = default!;
    [Inject] protected NavigationManager Navigation { get; set; } = default!;
    [Inject] protected ISnackbar Snackbar { get; set; } = default!;
    /// <summary>The node's queue for audit entries of reads (<see cref="AuditQueue"/>).</summary>
    [Inject] protected AuditQueue Audit { get; set; } = default!;
    [Inject] private UiText Texts { get; set; } = default!;
    [CascadingParameter] protected Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>The last failure to show on the page, in the officer's language where the workflow's text is not.</summary>
    protected string? Error { get; set; }

    /// <summary>The places of a refused file's problems (file, row, column), when the last failure was one.</summary>
    protected IReadOnlyList<InputProblem> Problems { get; set; } = [];

    protected async Task<Actor> ActorAsync(ConcordDbContext db) => await (await AuthState).User.ActorAsync(db, CancellationToken.None);

    /// <summary>
    /// A page showing personal data says so in the audit trail before it shows it. Reads change nothing, so their
    /// entries are committed together with other officers' reads of the same moment (<see cref="AuditQueue"/>).
    /// </summary>
    protected Task AuditReadAsync(Actor actor, string page, string entityType, Guid entityId, string? details = null) =>
        AuditReadAsync(Audit, actor, page, entityType, entityId, details);

    /// <summary>The same, for a page's read written as a static method (so that the load benchmark runs exactly the page's read).</summary>
    internal static Task AuditReadAsync(AuditQueue audit, Actor actor, string page, string entityType, Guid entityId, string? details = null) =>
        audit.RecordAsync(actor, "page.read", entityType, entityId, details is null ? page : $"{page} {details}");

    /// <summary>
    /// Runs a read-only unit of work on the read database, as <see cref="RunAsync"/> does on the primary. The caller is
    /// still found on the primary, where a lock or a role taken away counts at once.
    /// </summary>
    protected Task<bool> RunReadAsync(Func<ConcordDbContext, Actor, Task> work) => RunAsync(async (_, actor) =>
    {
        await using var reads = Reads.Open();
        await work(reads, actor);
    });

    /// <summary>
    /// A record's page reached inside the circuit (a link followed, with no prerender before it): whether the caller may
    /// see the record is answered on the primary, where a refusal is audited, and only then is the record read on the
    /// read database.
    /// </summary>
    protected async Task<bool> CheckThenReadAsync(Func<ConcordDbContext, Actor, Task> check, Func<ConcordDbContext, Actor, Task> read) =>
        await RunAsync(check) && await RunReadAsync(read);

    /// <summary>Runs a unit of work; a record the caller may not see shows the not-found page, other failures show in place.</summary>
    /// <param name="notFoundInPlace">A part of a page acting on something the officer named (an upload's item): its record not found is said in place, the page stays.</param>
    protected async Task<bool> RunAsync(Func<ConcordDbContext, Actor, Task> work, string? done = null, bool notFoundInPlace = false)
    {
        Error = null;
        Problems = [];
        try
        {
            await using var db = await Dbs.CreateDbContextAsync();
            await work(db, await ActorAsync(db));
            if (done is not null) Snackbar.Add(done, Severity.Success);
            return true;
        }
        catch (ConcordException e) when (e.Error is NotFoundError && !notFoundInPlace)
        {
            Navigation.NotFound();
            return false;
        }
        catch (ConcordException e)
        {
            Error = Texts[e.Error];
            if (e.Error is InvalidInputError input) Problems = input.Problems;
            Snackbar.Add(Error, Severity.Error);
            return false;
        }
    }
}
