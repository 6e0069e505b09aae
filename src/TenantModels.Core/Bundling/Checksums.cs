using System.Security.Cryptography;
using System.Text;

namespace TenantModels.Core.Bundling;

public static class Checksums
{
    public const string Prefix = "sha256:";

    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    public static string Of(byte[] bytes)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(bytes);
        var hex = new StringBuilder(Prefix, Prefix.Length + (hash.Length * 2));
        foreach (var b in hash)
        {
            hex.Append(b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        }

        return hex.ToString();
    }
}
