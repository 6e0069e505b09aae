namespace TenantModels.Core.Sql;

/// <summary>A supported column type in its canonical SQL spelling (what the compiler writes in casts).</summary>
/// <param name="ElementType">For arrays, the element type; otherwise null.</param>
public sealed record PostgresType(string SqlName, TypeCategory Category, PostgresType? ElementType = null)
{
    public override string ToString() => SqlName;
}
