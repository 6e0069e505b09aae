using System.Security.Cryptography;
using System.Text;

namespace TenantModels.Core.Bundling;

public static class Checksums
{
    public const string Prefix = "sha256:";

    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    public static string Of(byte[] bytes)
    {
        // One hasher per thread: creating one per checksum was a visible share of planning a thousand tenants.
        var hash = (_sha256 ??= SHA256.Create()).ComputeHash(bytes);
        var hex = new char[Prefix.Length + (hash.Length * 2)];
        Prefix.CopyTo(0, hex, 0, Prefix.Length);
        for (var i = 0; i < hash.Length; i++)
        {
            hex[Prefix.Length + (2 * i)] = HexDigits[hash[i] >> 4];
            hex[Prefix.Length + (2 * i) + 1] = HexDigits[hash[i] & 0xF];
        }

        return new string(hex);
    }

    private const string HexDigits = "0123456789abcdef";

    [System.ThreadStatic]
    private static SHA256? _sha256;
}
