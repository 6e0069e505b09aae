namespace TenantModels.Core.CodeModel;

/// <summary>The C# type a column of a given SQL type is read as.</summary>
/// <param name="Name">Fully qualified C# spelling without nullability, e.g. <c>long</c>, <c>global::System.DateOnly</c>, <c>string[]</c>.</param>
/// <param name="IsValueType">Whether <c>?</c> makes it <see cref="System.Nullable{T}"/> (value types) or only annotates it (reference types).</param>
public sealed record ClrType(string Name, bool IsValueType)
{
    /// <summary>The spelling for a column that may hold NULL: <c>long?</c>, <c>string?</c>.</summary>
    public string Nullable => Name + "?";

    public string For(bool nullable) => nullable ? Nullable : Name;

    public override string ToString() => Name;
}
