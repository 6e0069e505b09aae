using Npgsql;
using NpgsqlTypes;
using TenantModels.Core.Bundling;

namespace TenantModels.Runner.Apply;

/// <summary>
/// Runs a seed artefact with its rows sent by binary COPY into the staging table instead of the script's INSERT:
/// one round trip for the rows, no SQL text to parse per row. Everything else runs exactly as the script says.
/// </summary>
internal static class SeedLoader
{
    public static void Run(NpgsqlConnection connection, NpgsqlTransaction transaction, SeedScript seed)
    {
        Execute(connection, transaction, seed.CreateStaging);
        using (var importer = connection.BeginBinaryImport(seed.CopyCommand))
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

        Execute(connection, transaction, seed.Rest);
    }

    private static void Execute(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction) { CommandTimeout = 0 };
        command.ExecuteNonQuery();
    }
}
