using System;
using System.Collections.Generic;
using Npgsql;

namespace TenantModels.Runner.Database;

/// <summary>
/// The runner's own bookkeeping schema in the target database, versioned: each migration is idempotent
/// (<c>IF NOT EXISTS</c>) and runs once, under the deployment lock, in one transaction with the version bump.
/// A database at the current version is never touched, so re-applying runs no DDL.
/// </summary>
internal static class RunnerSchema
{
    public const string Name = "tenantmodels";

    /// <summary>Index i holds the step from version i to i + 1. Append only: never edit a shipped migration.</summary>
    private static readonly IReadOnlyList<string> Migrations = new[]
    {
        // 1: tenant_id is '' for global artefacts rather than NULL so it can be part of the primary key.
        // No grants to PUBLIC: what was deployed is for the deploying role and admins only.
        """
        CREATE SCHEMA IF NOT EXISTS tenantmodels;
        REVOKE ALL ON SCHEMA tenantmodels FROM PUBLIC;
        CREATE TABLE IF NOT EXISTS tenantmodels.deployed_artefact (
            artefact_id text NOT NULL,
            tenant_id text NOT NULL DEFAULT '',
            checksum text NOT NULL,
            definition text NOT NULL,
            bundle_version text NOT NULL,
            applied_at timestamptz NOT NULL,
            PRIMARY KEY (artefact_id, tenant_id)
        );
        CREATE TABLE IF NOT EXISTS tenantmodels.deployment (
            id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            project text NOT NULL,
            bundle_version text NOT NULL,
            content_hash text NOT NULL,
            steps int NOT NULL,
            applied_at timestamptz NOT NULL
        );
        """,

        // 2: what the planner needs to drop and recreate (kind, object, signature, edges, union members), what
        // verify compares with (the catalog right after apply), per-tenant outcomes, and runtime tenants.
        """
        ALTER TABLE tenantmodels.deployed_artefact
            ADD COLUMN IF NOT EXISTS kind text,
            ADD COLUMN IF NOT EXISTS scope text,
            ADD COLUMN IF NOT EXISTS object_name text,
            ADD COLUMN IF NOT EXISTS signature text,
            ADD COLUMN IF NOT EXISTS depends_on text[],
            ADD COLUMN IF NOT EXISTS included_tenants text[],
            ADD COLUMN IF NOT EXISTS catalog_columns text,
            ADD COLUMN IF NOT EXISTS catalog_definition text,
            ADD COLUMN IF NOT EXISTS catalog_options text;
        ALTER TABLE tenantmodels.deployment
            ADD COLUMN IF NOT EXISTS outcome text NOT NULL DEFAULT 'applied',
            ADD COLUMN IF NOT EXISTS failed_units text[] NOT NULL DEFAULT '{}';
        CREATE TABLE IF NOT EXISTS tenantmodels.runtime_tenant (
            tenant_id text PRIMARY KEY,
            name text NOT NULL,
            sources text[] NOT NULL,
            provisioned_at timestamptz NOT NULL DEFAULT now()
        );
        CREATE TABLE IF NOT EXISTS tenantmodels.schema_version (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            version int NOT NULL
        );
        """,

        // 3: a view's recorded definition becomes the version of its stored query tree (the xmin of its pg_rewrite
        // row: no lock to read it, unlike pg_get_viewdef, and no cost that grows with the view's size). Rows still matching the live view are converted; a view already changed by hand keeps its
        // old text, so it stays drift until the next apply replaces it.
        """
        UPDATE tenantmodels.deployed_artefact d
        SET catalog_definition = 'rule:' || r.xmin::text
        FROM pg_catalog.pg_class c JOIN pg_catalog.pg_rewrite r ON r.ev_class = c.oid AND r.rulename = '_RETURN'
        WHERE d.kind IN ('view', 'materialized_view') AND d.catalog_definition IS NOT NULL AND d.catalog_definition NOT LIKE 'rule:%'
          AND c.oid = to_regclass(d.object_name) AND d.catalog_definition = pg_get_viewdef(c.oid);
        """,

        // 4: the record keeps only what the database cannot tell. Other kinds' SQL text goes (the bundle has it, the
        // catalog knows what exists); a table's CREATE TABLE text becomes its shape as data (LegacyTableRecords, below).
        """
        UPDATE tenantmodels.deployed_artefact SET definition = '' WHERE kind IS NOT NULL AND kind <> 'table' AND definition <> '';
        """,

        // 5: the deployment lock's key becomes a secret that changes at each release (DeploymentLock). It starts as the
        // fixed key every earlier runner used, which the runner running this migration holds.
        """
        CREATE TABLE IF NOT EXISTS tenantmodels.deployment_lock (
            singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
            key bigint NOT NULL
        );
        INSERT INTO tenantmodels.deployment_lock (key) VALUES (x'544D6D6F64656C73'::bigint) ON CONFLICT (singleton) DO NOTHING;
        """,

        // 6: why each failed unit failed (beside failed_units, same order), so that plan and status can say why a
        // transaction that failed is tried again instead of retrying it silently.
        """
        ALTER TABLE tenantmodels.deployment ADD COLUMN IF NOT EXISTS failure_reasons text[] NOT NULL DEFAULT '{}';
        """,

        // 7: the tenant selection an apply was limited to, so status does not present a canary's version as everyone's.
        """
        ALTER TABLE tenantmodels.deployment ADD COLUMN IF NOT EXISTS selection text;
        """,

        // 8: for each managed schema found as the record says, the key of what was compared (SchemaFingerprints), so that
        // the next plan and verify compare object by object only the schemas that changed since.
        """
        CREATE TABLE IF NOT EXISTS tenantmodels.schema_fingerprint (
            schema_name text PRIMARY KEY,
            fingerprint text NOT NULL
        );
        """,

        // 9: when each tenant's materialized views and canonical rows were last refreshed ('' for the global ones), for
        // status and the documentation site.
        """
        CREATE TABLE IF NOT EXISTS tenantmodels.refresh (
            tenant_id text PRIMARY KEY,
            refreshed_at timestamptz NOT NULL
        );
        """,

        // 10: a tenant provisioned at run time keeps the tier and attributes it was given, so that selections (--tier,
        // --where, waves) find it and the SQL's {{ tier }} and {{ attr('…') }} get its own values.
        """
        ALTER TABLE tenantmodels.runtime_tenant
            ADD COLUMN IF NOT EXISTS tier text,
            ADD COLUMN IF NOT EXISTS attributes jsonb;
        """,

        // 11: the key of what a tenant instance's SQL was expanded from (template, tenant values, sources), beside its
        // checksum, so that planning compares keys instead of expanding and hashing every tenant's SQL (ExpansionKeys).
        // Rows without one are expanded as before, then given theirs.
        """
        ALTER TABLE tenantmodels.deployed_artefact ADD COLUMN IF NOT EXISTS expansion_key text;
        """,
    };

    /// <summary>Steps written in C#, run after the SQL step of the same index, in its transaction.</summary>
    private static readonly IReadOnlyDictionary<int, Action<NpgsqlConnection, NpgsqlTransaction>> CodeSteps =
        new Dictionary<int, Action<NpgsqlConnection, NpgsqlTransaction>> { [3] = LegacyTableRecords.Convert };

    public static int CurrentVersion => Migrations.Count;

    /// <summary>0: never deployed to; 1: written by a runner before versioning (no version table); else the recorded version.</summary>
    public static int Version(NpgsqlConnection connection, NpgsqlTransaction? transaction)
    {
        // Two queries: a reference to a missing table fails at parse time even in a branch that is never taken.
        using var probe = new NpgsqlCommand(
            "SELECT to_regclass('tenantmodels.schema_version') IS NOT NULL, to_regclass('tenantmodels.deployed_artefact') IS NOT NULL",
            connection,
            transaction);
        bool versioned, deployed;
        using (var reader = probe.ExecuteReader())
        {
            reader.Read();
            versioned = reader.GetBoolean(0);
            deployed = reader.GetBoolean(1);
        }

        if (!versioned)
        {
            return deployed ? 1 : 0;
        }

        using var read = new NpgsqlCommand("SELECT version FROM tenantmodels.schema_version", connection, transaction);
        return read.ExecuteScalar() is int version ? version : 1;
    }

    public static bool Exists(NpgsqlConnection connection, NpgsqlTransaction? transaction) => Version(connection, transaction) > 0;

    /// <exception cref="InvalidOperationException">A newer runner upgraded this database: an older one must not write to it.</exception>
    public static void EnsureCurrent(NpgsqlConnection connection)
    {
        var version = Version(connection, null);
        RefuseNewer(version);
        if (version == CurrentVersion)
        {
            return;
        }

        using var transaction = connection.BeginTransaction();
        for (var step = version; step < CurrentVersion; step++)
        {
            using var migrate = new NpgsqlCommand(Migrations[step], connection, transaction);
            migrate.ExecuteNonQuery();
            if (CodeSteps.TryGetValue(step, out var code))
            {
                code(connection, transaction);
            }
        }

        using var bump = new NpgsqlCommand(
            "INSERT INTO tenantmodels.schema_version (version) VALUES ($1) ON CONFLICT (singleton) DO UPDATE SET version = excluded.version",
            connection,
            transaction);
        bump.Parameters.AddWithValue(CurrentVersion);
        bump.ExecuteNonQuery();
        transaction.Commit();
    }

    public static void RefuseNewer(int version)
    {
        if (version > CurrentVersion)
        {
            throw new InvalidOperationException(
                $"the runner schema in this database is at version {version}, newer than this runner's {CurrentVersion}: use a newer tenantmodels");
        }
    }
}
