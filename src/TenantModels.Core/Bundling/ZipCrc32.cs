namespace TenantModels.Core.Bundling;

/// <summary>
/// The CRC-32 a zip entry carries (ISO 3309, polynomial 0xEDB88320). .NET's zip reader does not compare it with what it
/// inflates, so a damaged <c>.tmbundle</c> entry would otherwise be read as if it were whole.
/// </summary>
internal static class ZipCrc32
{
    private static readonly uint[] Table = BuildTable();

    public const uint Initial = 0xFFFFFFFFu;

    public static uint Update(uint crc, byte[] buffer, int offset, int count)
    {
        for (var i = offset; i < offset + count; i++)
        {
            crc = Table[(crc ^ buffer[i]) & 0xFF] ^ (crc >> 8);
        }

        return crc;
    }

    public static uint Finish(uint crc) => crc ^ 0xFFFFFFFFu;

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
