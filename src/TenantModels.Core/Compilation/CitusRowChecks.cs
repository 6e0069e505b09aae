using TenantModels.Core.Binding;
using TenantModels.Core.Sql;

namespace TenantModels.Core.Compilation;

/// <summary>
/// verify's row-visibility checks for a distributed table (shared isolation on Citus). On one server they SET ROLE to each
/// tenant role and read the table; on Citus that read needs a connection to a worker as the tenant role, which is NOLOGIN
/// and refused there. So the check runs where the rows are, on each shard placement, through the verifier's own
/// connections (<c>run_command_on_placements</c>): a DO block there SET LOCAL ROLEs, reads the shard, whose policies are
/// the table's, and fails when rows it must not see are visible. Every placement that fails — rows visible, or the check
/// could not read it — is a finding, never a silent pass.
/// </summary>
internal static class CitusRowChecks
{
    /// <param name="role">The role the shard is read as.</param>
    /// <param name="tenantSetting">For the app: the tenant its transaction sets (a quoted literal), or null for none.</param>
    /// <param name="filter">Which rows must not be visible (a WHERE clause), or null for none at all.</param>
    /// <param name="who">Whose view it is, as the finding says it ("as wl_acme_partner").</param>
    /// <param name="rows">What the visible rows are, as the finding says it ("row(s) of other tenants").</param>
    public static void NoVisibleRows(SqlWriter sql, string table, string role, string? tenantSetting, string? filter, string who, string rows)
    {
        var command = new SqlWriter()
            .Append("DO ").Append(SqlWriter.DollarQuote).Append(" DECLARE visible bigint; BEGIN SET LOCAL ROLE ").Identifier(role).Append("; ");
        if (tenantSetting is not null)
        {
            command.Append("SET LOCAL ").Append(BoundSecurity.TenantSetting).Append(" = ").Append(tenantSetting).Append("; ");
        }

        // run_command_on_placements formats the command: %s is the placement's shard, %% a literal % (RAISE's placeholder).
        command.Append("SELECT count(*) INTO visible FROM %s").Append(filter is null ? string.Empty : " WHERE " + filter).Append("; ")
            .Append("IF visible > 0 THEN RAISE EXCEPTION '%% ").Append(rows).Append(" are visible', visible; END IF; END ").Append(SqlWriter.DollarQuote);
        sql.Append("SELECT ").Literal(table).Append("::text AS object, ").Literal(who + ": ")
            .Append(" || result || ' (shard ' || shardid || ' on ' || nodename || ':' || nodeport || ')' AS problem FROM pg_catalog.run_command_on_placements(")
            // Not in parallel: one connection per worker rather than one per shard, so a verify never crowds the workers.
            .Literal(table).Append(", ").Literal(command.ToString()).Line(", parallel => false) WHERE NOT success;");
    }
}
