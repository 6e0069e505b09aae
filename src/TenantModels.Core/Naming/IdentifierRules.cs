using System.Text;

namespace TenantModels.Core.Naming;

/// <summary>The one definition of a name TenantModels accepts or derives: <c>[a-z][a-z0-9_]*</c>, at most 63 bytes.</summary>
public static class IdentifierRules
{
    /// <summary>PostgreSQL's NAMEDATALEN - 1; longer names are truncated with only a NOTICE.</summary>
    public const int MaxBytes = 63;

    public static bool IsValidName(string? name) =>
        !string.IsNullOrEmpty(name) && HasNameShape(name!) && ByteLength(name!) <= MaxBytes;

    /// <summary>Lowercase ASCII letter first, then lowercase letters, digits and underscores; length not checked.</summary>
    public static bool HasNameShape(string name)
    {
        if (name.Length == 0 || name[0] < 'a' || name[0] > 'z')
        {
            return false;
        }

        foreach (var c in name)
        {
            var ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    public static int ByteLength(string name) => Encoding.UTF8.GetByteCount(name);
}
