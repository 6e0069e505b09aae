using System;
using TenantModels.Core.Sql;

namespace TenantModels.Core.CodeModel;

/// <summary>
/// The CLR type of each supported SQL type: the type Npgsql returns for it by default (<c>GetValue</c>), except
/// <c>date</c>, read as <see cref="DateOnly"/> rather than midnight <see cref="DateTime"/> (Npgsql supports both).
/// </summary>
/// <remarks>
/// <c>timestamptz</c> is <see cref="DateTime"/> with <see cref="DateTimeKind.Utc"/>, Npgsql's default since 6.0
/// (<c>GetFieldValue&lt;DateTimeOffset&gt;</c> would also work, always with offset zero); <c>timestamp</c> is
/// <see cref="DateTime"/> with <see cref="DateTimeKind.Unspecified"/>. Arrays map element-wise to <c>T[]</c> whose
/// elements are not nullable: PostgreSQL allows NULL elements, which Npgsql refuses for value-type elements.
/// </remarks>
public static class ClrTypes
{
    public static ClrType Map(PostgresType type)
    {
        switch (type.Category)
        {
            case TypeCategory.Integer:
                return type.SqlName switch
                {
                    "smallint" => Value("short"),
                    "integer" => Value("int"),
                    _ => Value("long"),
                };
            case TypeCategory.Numeric:
                return Value("decimal");
            case TypeCategory.Float:
                return type.SqlName == "real" ? Value("float") : Value("double");
            case TypeCategory.Text:
            case TypeCategory.Json:
                return Reference("string");
            case TypeCategory.Boolean:
                return Value("bool");
            case TypeCategory.Date:
                return Value("global::System.DateOnly");
            case TypeCategory.Timestamp:
                return Value("global::System.DateTime");
            case TypeCategory.Uuid:
                return Value("global::System.Guid");
            case TypeCategory.Array:
                return Reference(Map(type.ElementType!).Name + "[]");
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type.SqlName, "Only bound (known) types have a CLR type.");
        }
    }

    private static ClrType Value(string name) => new(name, IsValueType: true);

    private static ClrType Reference(string name) => new(name, IsValueType: false);
}
