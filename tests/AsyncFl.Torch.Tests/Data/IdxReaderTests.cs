using System.Buffers.Binary;
using System.IO.Compression;
using AsyncFl.Torch.Data;
using Xunit;

namespace AsyncFl.Torch.Tests.Data;

public class IdxReaderTests
{
    private static byte[] Images(int count, int rows, int cols, int? magic = null, int dataBytes = -1)
    {
        int n = dataBytes >= 0 ? dataBytes : count * rows * cols;
        var bytes = new byte[16 + n];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic ?? IdxReader.ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(12), cols);
        for (int i = 0; i < n; i++)
        {
            bytes[16 + i] = (byte)(i * 7);
        }

        return bytes;
    }

    private static byte[] Labels(int count, int? magic = null)
    {
        var bytes = new byte[8 + count];
        BinaryPrimitives.WriteInt32BigEndian(bytes, magic ?? IdxReader.LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(4), count);
        for (int i = 0; i < count; i++)
        {
            bytes[8 + i] = (byte)(i % 10);
        }

        return bytes;
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Fastest, leaveOpen: true))
        {
            gz.Write(raw);
        }

        return ms.ToArray();
    }

    private static IdxFormatException ImagesError(byte[] bytes) =>
        Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(new MemoryStream(bytes), "test"));

    [Fact]
    public void Reads_raw_and_gzip_images_and_labels()
    {
        var raw = Images(3, 2, 4);
        var images = IdxReader.ReadImages(new MemoryStream(raw));
        Assert.Equal((3, 2, 4), (images.Count, images.Rows, images.Columns));
        Assert.Equal(24, images.Pixels.Length);
        Assert.Equal((byte)(5 * 7), images.Pixels[5]);
        var gz = IdxReader.ReadImages(new MemoryStream(Gzip(raw)));
        Assert.Equal(images.Pixels, gz.Pixels);
        var labels = IdxReader.ReadLabels(new MemoryStream(Gzip(Labels(12))));
        Assert.Equal(12, labels.Length);
        Assert.Equal(1, labels[11]);
    }

    [Fact]
    public void Bad_magic_is_reported_with_both_numbers()
    {
        var e = ImagesError(Images(3, 2, 2, magic: 0x00000801));
        Assert.Equal(IdxError.BadMagic, e.Kind);
        Assert.Contains("0x00000801", e.Message, StringComparison.Ordinal);
        Assert.Contains("0x00000803", e.Message, StringComparison.Ordinal);
        var l = Assert.Throws<IdxFormatException>(() => IdxReader.ReadLabels(new MemoryStream(Images(1, 1, 1))));
        Assert.Equal(IdxError.BadMagic, l.Kind);
    }

    [Fact]
    public void Truncated_header_and_truncated_data_are_reported()
    {
        Assert.Equal(IdxError.Truncated, ImagesError([0, 0]).Kind);
        Assert.Equal(IdxError.Truncated, ImagesError(Images(3, 2, 2)[..10]).Kind);
        var body = ImagesError(Images(3, 2, 2, dataBytes: 11));
        Assert.Equal(IdxError.Truncated, body.Kind);
        Assert.Contains("12", body.Message, StringComparison.Ordinal);
        Assert.Equal(IdxError.Truncated, ImagesError(Gzip(Images(3, 2, 2, dataBytes: 5))).Kind);
    }

    [Fact]
    public void Trailing_bytes_zero_dimensions_and_corrupt_gzip_are_reported()
    {
        Assert.Equal(IdxError.TrailingData, ImagesError(Images(3, 2, 2, dataBytes: 13)).Kind);
        Assert.Equal(IdxError.BadDimensions, ImagesError(Images(0, 2, 2)).Kind);
        Assert.Equal(IdxError.BadDimensions, ImagesError(Images(-5, 2, 2, dataBytes: 0)).Kind);
        var gz = Gzip(Images(3, 2, 2));
        for (int i = 12; i < gz.Length; i++)
        {
            gz[i] ^= 0x5A;
        }

        Assert.Throws<IdxFormatException>(() => IdxReader.ReadImages(new MemoryStream(gz), "bad.gz"));
    }

    [Fact]
    public void Mismatched_image_and_label_counts_are_reported()
    {
        var dir = Directory.CreateTempSubdirectory("asyncfl-idx-");
        try
        {
            string img = Path.Combine(dir.FullName, "i.gz"), lab = Path.Combine(dir.FullName, "l");
            File.WriteAllBytes(img, Gzip(Images(5, 2, 2)));
            File.WriteAllBytes(lab, Labels(4));
            var e = Assert.Throws<IdxFormatException>(() => IdxReader.ReadPair(img, lab));
            Assert.Equal(IdxError.CountMismatch, e.Kind);
            File.WriteAllBytes(lab, Labels(5));
            var (images, labels) = IdxReader.ReadPair(img, lab);
            Assert.Equal(5, images.Count);
            Assert.Equal(5, labels.Length);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
