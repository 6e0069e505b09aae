using Npgsql;
using NpgsqlTypes;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.Apply;

/// <summary>
/// Runs a seed from its data: the staging table, its rows sent by binary COPY (one round trip, no SQL text per row),
/// then the seed's upsert, exactly as the bundle has it.
/// </summary>
internal static class SeedLoader
{
    public static void Run(NpgsqlConnection connection, NpgsqlTransaction transaction, SeedData seed)
    {
        Execute(connection, transaction, SeedScript.CreateStaging(seed.Columns));
        using (var importer = connection.BeginBinaryImport(SeedScript.CopyCommand(seed.Columns)))
        {
            foreach (var row in seed.Rows)
            {
                importer.StartRow();
                foreach (var value in row)
                {
                    if (value is null)
                    {
                        importer.WriteNull();
                    }
                    else
                    {
                        importer.Write(value, NpgsqlDbType.Text);
                    }
                }
            }

            importer.Complete();
        }

        Execute(connection, transaction, seed.Upsert);
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }
}
