using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Runner.Connection;

namespace TenantModels.Runner.Check;

/// <summary>
/// Applies every artefact of a bundle, in manifest order, for one tenant to an empty database, and records what PostgreSQL
/// made of each. A failure does not stop the check: what depends on a failed artefact is reported as not checked (its
/// error would only repeat the first), everything else still runs. Then the data tests' queries run on what was created
/// (<see cref="CheckedDataTests"/>).
/// </summary>
/// <remarks>
/// All in one transaction, each artefact behind its own savepoint, rolled back at the end: a secured bundle creates roles,
/// which belong to the whole server and would outlive the scratch database; rolled back, no other session ever sees them.
/// </remarks>
internal sealed class BundleCheck
{
    private readonly Bundle _bundle;
    private readonly BundleTenant _tenant;

    public BundleCheck(Bundle bundle, BundleTenant tenant)
    {
        _bundle = bundle;
        _tenant = tenant;
    }

    /// <returns>What became of each artefact, in manifest order, and of each data test's query run on what they created.</returns>
    public (IReadOnlyList<CheckedArtefact> Artefacts, IReadOnlyList<Output.DataTestResult> DataTests) Run(string scratchConnection, CancellationToken cancellation)
    {
        var results = new List<CheckedArtefact>();
        var missing = new HashSet<string>(StringComparer.Ordinal);
        var rawSchemas = _bundle.Manifest.Sources
            .Select(s => (s.Name, Reference: RawReference(s.RawSchemaPattern.Replace(Core.Naming.NamingPattern.TenantToken, _tenant.Id))))
            .ToList();
        using var dataSource = RunnerDataSource.Create(scratchConnection);
        using var connection = dataSource.OpenConnection();
        using var transaction = connection.BeginTransaction();
        foreach (var artefact in _bundle.Manifest.Artefacts)
        {
            cancellation.ThrowIfCancellationRequested();
            var tenantId = artefact.Scope == ArtefactScope.Tenant ? _tenant.Id : null;
            var result = Check(connection, transaction, artefact, tenantId, rawSchemas, missing, cancellation);
            if (result.Outcome is CheckOutcome.Failed or CheckOutcome.NotChecked && artefact.Kind != ArtefactKind.Refresh)
            {
                missing.Add(artefact.Id);
            }

            results.Add(result);
        }

        cancellation.ThrowIfCancellationRequested();
        var tests = CheckedDataTests.Run(connection, transaction, _bundle, _tenant, results);
        transaction.Rollback();
        return (results, tests);
    }

    private CheckedArtefact Check(NpgsqlConnection connection, NpgsqlTransaction transaction, BundleArtefact artefact, string? tenantId, IReadOnlyList<(string Name, Regex Reference)> rawSchemas,
        HashSet<string> missing, CancellationToken cancellation)
    {
        if (artefact.Kind == ArtefactKind.Refresh)
        {
            return new CheckedArtefact(artefact.Id, tenantId, CheckOutcome.NotChecked, "refresh statements run only under `tenantmodels refresh`");
        }

        var blocker = artefact.DependsOn.FirstOrDefault(missing.Contains);
        if (blocker is not null)
        {
            return new CheckedArtefact(artefact.Id, tenantId, CheckOutcome.NotChecked, $"it depends on '{blocker}', which does not exist in the scratch database", DefinedAt: artefact.DefinedAt);
        }

        var sql = Expand(artefact);
        var raw = rawSchemas.FirstOrDefault(s => s.Reference.IsMatch(sql));
        if (raw.Name is not null)
        {
            var reason = $"it reads the raw tables of source '{raw.Name}', whose columns the bundle does not carry";
            var standIn = StandIn.Sql(artefact, Expand(artefact.Object));
            if (standIn is null)
            {
                return new CheckedArtefact(artefact.Id, tenantId, CheckOutcome.NotChecked, reason);
            }

            var created = Execute(connection, transaction, standIn, cancellation);
            return created is null
                ? new CheckedArtefact(artefact.Id, tenantId, CheckOutcome.StoodIn, reason + "; an empty view of its declared columns stands in for it")
                : new CheckedArtefact(artefact.Id, tenantId, CheckOutcome.NotChecked, reason + "; its stand-in failed too: " + created.MessageText);
        }

        var error = Execute(connection, transaction, sql, cancellation);
        if (error is { SqlState: PostgresErrorCodes.InsufficientPrivilege } && artefact.Kind is ArtefactKind.Roles)
        {
            // A development login without CREATEROLE: the bundle is not at fault, what needs the roles goes unchecked.
            return new CheckedArtefact(artefact.Id, tenantId, CheckOutcome.NotChecked, "the development connection's role may not create roles: " + error.MessageText);
        }

        return error is null
            ? new CheckedArtefact(artefact.Id, tenantId, CheckOutcome.Passed, DefinedAt: artefact.DefinedAt)
            : new CheckedArtefact(artefact.Id, tenantId, CheckOutcome.Failed, Error: error, DefinedAt: artefact.DefinedAt, Statement: sql, SqlAt: artefact.SqlAt);
    }

    /// <summary>The statement for the check tenant, as a deployment runs it (a union over that one tenant).</summary>
    private string Expand(BundleArtefact artefact)
    {
        var sql = _bundle.SqlOf(artefact);
        return artefact.Scope switch
        {
            ArtefactScope.Global => sql,
            ArtefactScope.Union => UnionTemplate.Parse(sql).Expand(new[] { _tenant }),
            _ => ArtefactTemplate.ExpandFor(artefact, sql, _tenant),
        };
    }

    private string Expand(string objectTemplate) => ArtefactTemplate.Expand(objectTemplate, _tenant.Id);

    /// <summary>Runs one artefact behind a savepoint, released when it succeeds so later artefacts can use what it made.</summary>
    private static PostgresException? Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellation)
    {
        transaction.Save("artefact");
        using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        using var cancel = cancellation.Register(command.Cancel);
        try
        {
            command.ExecuteNonQuery();
            transaction.Release("artefact");
            return null;
        }
        catch (PostgresException error) when (!cancellation.IsCancellationRequested)
        {
            transaction.Rollback("artefact");
            return error;
        }
    }

    /// <summary>
    /// A qualified name in a raw schema: quoted as the compiler writes it (<c>"acme_raw_outreach".</c>), or unquoted as a
    /// model's own SQL may (<c>{{ tenant }}_raw_outreach.call</c>), which PostgreSQL folds to lower case.
    /// </summary>
    private static Regex RawReference(string schema) => new(
        "\"" + Regex.Escape(schema.Replace("\"", "\"\"")) + "\"\\s*\\.|(?<![\\w$\"])" + Regex.Escape(schema) + "\\s*\\.",
        RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
}
