using System.Collections.Generic;

namespace TenantModels.Core.Planning;

/// <summary>
/// How a deployed table really is, where that differs from its record: ALTER planning diffs the bundle against this,
/// so that a column whose type or nullability was changed by hand is altered back, a dropped column, constraint or index is added
/// again, and a column added by hand that the bundle now declares with another type is altered, not silently kept.
/// </summary>
/// <param name="LostParts">The (quoted) names of recorded constraints and indexes the live table no longer has.</param>
/// <param name="ColumnTypes">Every live column, by quoted name, with its type as <c>format_type</c> prints it.</param>
/// <param name="NotNullColumns">The live columns that are NOT NULL, by quoted name.</param>
/// <param name="DefaultsChanged">Some column default was set, changed or dropped by hand (which one is not known): every default is set again.</param>
public sealed record LiveTable(IReadOnlyCollection<string> LostParts, IReadOnlyDictionary<string, string> ColumnTypes, IReadOnlyCollection<string> NotNullColumns,
    bool DefaultsChanged = false)
{
    /// <summary>Stands for a default the live table may have in place of the recorded one; no expression is written so.</summary>
    public const string UnknownDefault = "\0unknown";
}
