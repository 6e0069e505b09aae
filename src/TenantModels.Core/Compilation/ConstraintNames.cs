using System.Collections.Generic;

namespace TenantModels.Core.Compilation;

/// <summary>
/// Names TenantModels gives constraints, indexes and identity sequences, following PostgreSQL's own conventions but
/// explicitly, so they are checked for the 63-byte limit instead of being truncated by the server.
/// </summary>
internal static class ConstraintNames
{
    public static string PrimaryKey(string table) => table + "_pkey";

    public static string Unique(string table, IEnumerable<string> columns) => table + "_" + string.Join("_", columns) + "_key";

    public static string ForeignKey(string table, IEnumerable<string> columns) => table + "_" + string.Join("_", columns) + "_fkey";

    public static string Index(string table, IEnumerable<string> columns) => table + "_" + string.Join("_", columns) + "_idx";

    public static string IdentitySequence(string table, string column) => table + "_" + column + "_seq";
}
