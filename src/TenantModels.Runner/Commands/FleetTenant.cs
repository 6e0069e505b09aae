using System;
using System.Collections.Generic;
using System.IO;
using Npgsql;
using TenantModels.Core.Bundling;
using TenantModels.Core.Diagnostics;
using TenantModels.Runner.Apply;
using TenantModels.Runner.Cli;
using TenantModels.Runner.Database;
using TenantModels.Runner.Output;
using TenantModels.Runner.Targets;

namespace TenantModels.Runner.Commands;

/// <summary>
/// <c>tenants provision|remove --targets</c>: finds the tenant's database in the map (<see cref="TenantHome"/>). On a
/// server, provisioning creates the tenant's database when it is missing and deploys the global artefacts into it
/// first; if anything then fails, the database it created is dropped, so a failed provisioning leaves nothing behind.
/// <c>remove --drop-database</c> drops the tenant's own database once its objects are removed.
/// </summary>
internal sealed class FleetTenant
{
    private readonly RunnerContext _context;
    private readonly Reporter _reporter;
    private readonly Bundle _bundle;
    private readonly TenantsOptions _options;

    public FleetTenant(RunnerContext context, Reporter reporter, Bundle bundle, TenantsOptions options)
    {
        _context = context;
        _reporter = reporter;
        _bundle = bundle;
        _options = options;
    }

    /// <param name="inDatabase">The provisioning or removal itself, in the tenant's database; returns its exit code.</param>
    public int Run(Func<TenantHome, int> inDatabase)
    {
        var provisioning = _options.Action == "provision";
        if (_options.DropDatabase && !_options.AllowDataLoss)
        {
            // Checked before anything: a dropped database takes every row, raw data included.
            return _reporter.Fail(ExitCodes.Refused, RunnerDiagnostics.DataLossRefused.At(SourceLocation.None, 1, $"database of tenant {_options.TenantId}"));
        }

        TenantHome? home;
        try
        {
            home = TenantHome.Find(TargetMap.Read(_options.Targets!), _options.Targets!, _bundle.Manifest, _options.TenantId!, _context.Environment, out var error, out var exit);
            if (home is null)
            {
                return _reporter.Fail(exit, error!);
            }
        }
        catch (InvalidDataException e)
        {
            return _reporter.Fail(ExitCodes.UsageError, RunnerDiagnostics.InvalidTargetMap.At(SourceLocation.None, _options.Targets!, e.Message));
        }
        catch (NpgsqlException e)
        {
            return _reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "list the server's databases", ErrorCause.Of(e)));
        }

        if (!home.Exists && !provisioning)
        {
            return _reporter.Fail(ExitCodes.UsageError, RunnerDiagnostics.UnknownTenant.At(SourceLocation.None, _options.TenantId!, $"has no database: '{home.Database}' does not exist on its server"));
        }

        if (_options.DropDatabase && home.Maintenance is null)
        {
            return _reporter.Fail(ExitCodes.Refused, RunnerDiagnostics.DataLossRefused.At(SourceLocation.None, 1,
                $"database {home.Database}, which is an entry of the target map shared by its tenants, not tenant {_options.TenantId}'s own database on a server: only the latter is dropped"));
        }

        List<string> others;
        try
        {
            others = _options.DropDatabase ? OtherTenantsIn(home) : new List<string>();
        }
        catch (NpgsqlException e)
        {
            return _reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, $"read which tenants database '{home.Database}' holds", ErrorCause.Of(e)));
        }

        if (others.Count > 0)
        {
            // Checked before the removal: refusing after it would leave the tenant gone and the database kept anyway.
            return _reporter.Fail(ExitCodes.Refused, RunnerDiagnostics.DataLossRefused.At(SourceLocation.None, 1,
                $"database {home.Database}, which also holds tenant {string.Join(", tenant ", others)} (nothing was done; remove without --drop-database to keep the database)"));
        }

        var created = false;
        if (!home.Exists)
        {
            var createdExit = Create(home);
            if (createdExit != ExitCodes.Success)
            {
                return createdExit;
            }

            created = true;
        }

        var result = inDatabase(home);
        if (result != ExitCodes.Success && created)
        {
            DropQuietly(home, "it was created for this provisioning, which failed");
        }
        else if (result == ExitCodes.Success && _options.DropDatabase)
        {
            try
            {
                TenantDatabases.Drop(home.Maintenance!, home.Database);
                _reporter.Line($"Dropped database {home.Database} of tenant {_options.TenantId}.");
            }
            catch (NpgsqlException e)
            {
                return _reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, $"drop database '{home.Database}' (the tenant's objects were removed; drop it by hand)", ErrorCause.Of(e)));
            }
        }

        return result;
    }

    /// <summary>
    /// The tenants other than this one that the tenant's database records as deployed or provisioned: a map can send a
    /// run-time tenant into a database the rule names for no registry tenant, and dropping it would take theirs too.
    /// </summary>
    private List<string> OtherTenantsIn(TenantHome home)
    {
        var others = new List<string>();
        if (!home.Exists)
        {
            return others;
        }

        using var connection = new NpgsqlConnection(home.ConnectionString);
        connection.Open();
        if (RunnerSchema.Version(connection, null) < 2)
        {
            return others;
        }

        using var command = new NpgsqlCommand(
            "SELECT tenant_id FROM tenantmodels.deployed_artefact WHERE tenant_id NOT IN ('', $1) UNION SELECT tenant_id FROM tenantmodels.runtime_tenant WHERE tenant_id <> $1 ORDER BY 1",
            connection);
        command.Parameters.AddWithValue(_options.TenantId!);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            others.Add(reader.GetString(0));
        }

        return others;
    }

    /// <summary>Creates the tenant's database and deploys the global artefacts there (no tenant yet); drops it again if that fails.</summary>
    private int Create(TenantHome home)
    {
        try
        {
            TenantDatabases.Create(home.Maintenance!, home.Database);
        }
        catch (NpgsqlException e)
        {
            return _reporter.Fail(ExitCodes.Failed, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, $"create database '{home.Database}' for tenant {_options.TenantId}", ErrorCause.Of(e)));
        }

        _reporter.Line($"Created database {home.Database} for tenant {_options.TenantId}.");
        var settings = new ApplySettings(TimeSpan.FromSeconds(_options.LockWaitSeconds), ApplyOptions.DefaultLockTimeoutSeconds, 0, false, false, false);
        var output = TargetOutput.Direct(_context.Out, _context.Error, quiet: _options.Json || _options.Quiet);
        var global = new TargetDeployer(_bundle, settings, output, home.Target).Apply(home.ConnectionString, home.Database, _ => false);
        if (global.ExitCode == ExitCodes.Success)
        {
            return ExitCodes.Success;
        }

        DropQuietly(home, "the global artefacts could not be deployed into it");
        _reporter.WriteJson(new RunResult("tenants " + _options.Action, "failed", global.ExitCode, Diagnostics: global.Diagnostics));
        return global.ExitCode;
    }

    private void DropQuietly(TenantHome home, string why)
    {
        try
        {
            TenantDatabases.Drop(home.Maintenance!, home.Database);
            _reporter.Line($"Dropped database {home.Database}: {why}.");
        }
        catch (NpgsqlException e)
        {
            _reporter.Error(RunnerDiagnostics.DatabaseError.At(SourceLocation.None, $"drop database '{home.Database}' ({why}; drop it by hand)", ErrorCause.Of(e)));
        }
    }
}
