using System.Data;
using Npgsql;

namespace TenantModels.Runner.Connection;

/// <summary>What the runner asks of a connection after an error.</summary>
internal static class Connections
{
    /// <summary>
    /// After an error that ended the session (57P01 when an administrator terminates it, a crash, a lost socket) there is
    /// nothing to roll back: the server already did, and trying would replace the error that says why with one about a
    /// closed transaction (the "NpgsqlTransaction" of an apply whose backend was terminated).
    /// </summary>
    public static bool IsBroken(NpgsqlConnection connection) =>
        (connection.FullState & ConnectionState.Broken) != 0 || connection.State == ConnectionState.Closed;
}
