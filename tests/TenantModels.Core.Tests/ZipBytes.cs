using System;
using System.IO;
using System.Text;

namespace TenantModels.Core.Tests;

/// <summary>Edits a zip's raw bytes, for damage the zip API cannot write.</summary>
internal static class ZipBytes
{
    private const uint LocalHeader = 0x04034b50;
    private const uint CentralHeader = 0x02014b50;

    /// <summary>Inverts the CRC-32 recorded for <paramref name="entryName"/> in its local header and in the central directory.</summary>
    public static void FlipRecordedCrc(string path, string entryName)
    {
        var bytes = File.ReadAllBytes(path);
        var name = Encoding.UTF8.GetBytes(entryName);
        var flipped = 0;
        for (var at = IndexOf(bytes, name, 0); at >= 0; at = IndexOf(bytes, name, at + 1))
        {
            // The name follows a fixed-size header: 30 bytes for a local header (CRC at 14), 46 for a central one (CRC at 16).
            if (at >= 30 && BitConverter.ToUInt32(bytes, at - 30) == LocalHeader)
            {
                Flip(bytes, at - 30 + 14);
                flipped++;
            }
            else if (at >= 46 && BitConverter.ToUInt32(bytes, at - 46) == CentralHeader)
            {
                Flip(bytes, at - 46 + 16);
                flipped++;
            }
        }

        if (flipped != 2)
        {
            throw new InvalidOperationException($"expected the name '{entryName}' in one local and one central header, found {flipped}");
        }

        File.WriteAllBytes(path, bytes);
    }

    private static void Flip(byte[] bytes, int offset)
    {
        for (var i = 0; i < 4; i++)
        {
            bytes[offset + i] ^= 0xFF;
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        for (var i = from; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
