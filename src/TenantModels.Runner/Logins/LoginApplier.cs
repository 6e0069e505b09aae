using System;
using System.Collections.Generic;
using System.Linq;
using Npgsql;
using TenantModels.Core.Diagnostics;
using TenantModels.Core.Provisioning;
using TenantModels.Runner.Connection;
using TenantModels.Runner.Output;

namespace TenantModels.Runner.Logins;

/// <summary>
/// Creates or updates the logins that belong in one database, all in one transaction: either every login is as the
/// file says, or none changed. Prints login and role names only; neither the SQL (it holds the verifier) nor a password.
/// </summary>
internal static class LoginApplier
{
    /// <param name="holdsTenant">Which tenants live in this database (a target map); null for a single connection.</param>
    public static TargetResult Apply(string target, string connectionString, IReadOnlyList<LoginSpec> logins, Func<string, bool>? holdsTenant, TargetOutput output)
    {
        var mine = logins.Where(l => l.Tenant is null || holdsTenant is null || holdsTenant(l.Tenant)).ToList();
        try
        {
            using var dataSource = RunnerDataSource.Create(connectionString);
            using var connection = dataSource.OpenConnection();
            using var transaction = connection.BeginTransaction();
            foreach (var login in mine)
            {
                if (!Exists(connection, transaction, login.Role))
                {
                    return Fail(target, output, RunnerDiagnostics.LoginRoleMissing.At(SourceLocation.None, login.Name, login.Role, login.Tenant ?? "-"));
                }

                var existed = Exists(connection, transaction, login.Name);
                using var command = new NpgsqlCommand(LoginStatements.Ensure(login.Name, login.Role, login.Verifier), connection, transaction);
                command.ExecuteNonQuery();
                output.Line($"  login {login.Name}: {(existed ? "updated" : "created")}, member of {login.Role}");
            }

            transaction.Commit();
        }
        catch (NpgsqlException e)
        {
            // The message can quote a statement: only its text is printed, and the statement never holds a clear password.
            return Fail(target, output, RunnerDiagnostics.DatabaseError.At(SourceLocation.None, "create or update the logins", ErrorCause.Of(e)));
        }

        output.Line($"Logins: {mine.Count} created or updated.");
        return new TargetResult(target, "applied", ExitCodes.Success, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), Array.Empty<DiagnosticResult>());
    }

    private static bool Exists(NpgsqlConnection connection, NpgsqlTransaction transaction, string role)
    {
        using var command = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = $1)", connection, transaction);
        command.Parameters.AddWithValue(role);
        return (bool)command.ExecuteScalar()!;
    }

    private static TargetResult Fail(string target, TargetOutput output, Diagnostic diagnostic)
    {
        output.Error(Reporter.Format(diagnostic));
        return new TargetResult(target, "failed", ExitCodes.Failed, Array.Empty<StepResult>(), Array.Empty<UnitResult>(), new[] { new DiagnosticResult(diagnostic.Code, diagnostic.Message) });
    }
}
