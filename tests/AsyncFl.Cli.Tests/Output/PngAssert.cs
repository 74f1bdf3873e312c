using System.Buffers.Binary;
using Xunit;

namespace AsyncFl.Cli.Tests.Output;

internal static class PngAssert
{
    private static readonly byte[] Signature = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Checks the PNG signature and the IHDR chunk's width and height.</summary>
    public static void IsPng(string path, int width, int height)
    {
        byte[] bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length > 33, path + " is too short to be a PNG");
        Assert.Equal(Signature, bytes[..8]);
        Assert.Equal(13, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(8)));
        Assert.Equal("IHDR"u8.ToArray(), bytes[12..16]);
        Assert.Equal(width, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
        Assert.Equal(height, BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(20)));
        Assert.Equal("IEND"u8.ToArray(), bytes[^8..^4]);
    }
}
