using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;

namespace TenantModels.Core.Bundling;

public static class Checksums
{
    public const string Prefix = "sha256:";

    public static string Of(string text) => Of(Encoding.UTF8.GetBytes(text));

    public static string Of(byte[] bytes) =>
        // One hasher per thread: creating one per checksum was a visible share of planning a thousand tenants.
        Format((_sha256 ??= SHA256.Create()).ComputeHash(bytes));

    /// <summary>The checksum of the UTF-8 text <paramref name="write"/> writes, hashed as it is written (never held in memory).</summary>
    public static string OfWritten(Action<TextWriter> write)
    {
        using var sha256 = SHA256.Create();
        using (var hashing = new CryptoStream(Stream.Null, sha256, CryptoStreamMode.Write))
        using (var writer = BundleDirectory.OpenText(hashing))
        {
            write(writer);
        }

        return Format(sha256.Hash!);
    }

    /// <summary>The checksum of a file, read as a stream (deploy.sql grows with models × tenants).</summary>
    public static string OfFile(string path)
    {
        using var sha256 = SHA256.Create();
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        return Format(sha256.ComputeHash(file));
    }

    internal static string Format(byte[] hash)
    {
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
