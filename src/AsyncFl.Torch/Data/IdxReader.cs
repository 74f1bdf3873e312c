using System.Buffers.Binary;
using System.IO.Compression;

namespace AsyncFl.Torch.Data;

/// <summary>
/// Reads MNIST-format IDX files (unsigned-byte data): images (magic <c>0x00000803</c>, three big-endian
/// 32-bit dimensions) and labels (magic <c>0x00000801</c>, one dimension). Files may be gzip-compressed (detected
/// from the content, not the name). Every malformation raises an <see cref="IdxFormatException"/>.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an unsigned-byte, 3-dimensional IDX file (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an unsigned-byte, 1-dimensional IDX file (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    private const int MaxElements = int.MaxValue - 64;

    /// <summary>Reads an images file.</summary>
    /// <param name="path">The file (raw or gzip).</param>
    public static IdxImages ReadImages(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadImages(stream, path);
    }

    /// <summary>Reads an images file from a stream.</summary>
    /// <param name="stream">The content (raw or gzip).</param>
    /// <param name="name">A name for error messages.</param>
    public static IdxImages ReadImages(Stream stream, string name = "stream")
    {
        var data = ReadAll(stream, name);
        var span = data.AsSpan();
        CheckMagic(span, ImagesMagic, name);
        RequireLength(span, 16, name, "the header (16 bytes)");
        int count = Dimension(span, 4, name, "count");
        int rows = Dimension(span, 8, name, "rows");
        int cols = Dimension(span, 12, name, "columns");
        long size = (long)count * rows * cols;
        if (size > MaxElements)
        {
            throw new IdxFormatException(IdxError.BadDimensions, $"{name}: {count}×{rows}×{cols} images are too many bytes to load.");
        }

        CheckBody(span.Length - 16, size, name);
        return new IdxImages(count, rows, cols, span.Slice(16).ToArray());
    }

    /// <summary>Reads a labels file.</summary>
    /// <param name="path">The file (raw or gzip).</param>
    public static byte[] ReadLabels(string path)
    {
        using var stream = File.OpenRead(path);
        return ReadLabels(stream, path);
    }

    /// <summary>Reads a labels file from a stream.</summary>
    /// <param name="stream">The content (raw or gzip).</param>
    /// <param name="name">A name for error messages.</param>
    public static byte[] ReadLabels(Stream stream, string name = "stream")
    {
        var data = ReadAll(stream, name);
        var span = data.AsSpan();
        CheckMagic(span, LabelsMagic, name);
        RequireLength(span, 8, name, "the header (8 bytes)");
        int count = Dimension(span, 4, name, "count");
        CheckBody(span.Length - 8, count, name);
        return span.Slice(8).ToArray();
    }

    /// <summary>Reads an images file and a labels file and checks that they hold the same number of items.</summary>
    /// <param name="imagesPath">The images file.</param>
    /// <param name="labelsPath">The labels file.</param>
    public static (IdxImages Images, byte[] Labels) ReadPair(string imagesPath, string labelsPath)
    {
        var images = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (images.Count != labels.Length)
        {
            throw new IdxFormatException(
                IdxError.CountMismatch,
                $"'{imagesPath}' holds {images.Count} images but '{labelsPath}' holds {labels.Length} labels.");
        }

        return (images, labels);
    }

    private static byte[] ReadAll(Stream stream, string name)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var raw = new MemoryStream();
        stream.CopyTo(raw);
        var bytes = raw.ToArray();
        if (bytes.Length >= 2 && bytes[0] == 0x1f && bytes[1] == 0x8b)
        {
            try
            {
                using var gz = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
                using var unpacked = new MemoryStream();
                gz.CopyTo(unpacked);
                return unpacked.ToArray();
            }
            catch (InvalidDataException e)
            {
                throw new IdxFormatException(IdxError.BadCompression, $"{name}: the gzip stream is corrupt or truncated ({e.Message}).", e);
            }
        }

        return bytes;
    }

    private static void CheckMagic(ReadOnlySpan<byte> data, int expected, string name)
    {
        RequireLength(data, 4, name, "the magic number (4 bytes)");
        int magic = BinaryPrimitives.ReadInt32BigEndian(data);
        if (magic != expected)
        {
            string what = expected == ImagesMagic ? "images (unsigned bytes, 3 dimensions)" : "labels (unsigned bytes, 1 dimension)";
            throw new IdxFormatException(
                IdxError.BadMagic,
                $"{name}: bad magic number 0x{magic:X8}; an IDX {what} file starts with 0x{expected:X8}.");
        }
    }

    private static void RequireLength(ReadOnlySpan<byte> data, int length, string name, string what)
    {
        if (data.Length < length)
        {
            throw new IdxFormatException(IdxError.Truncated, $"{name}: truncated: {data.Length} bytes, too short for {what}.");
        }
    }

    private static int Dimension(ReadOnlySpan<byte> data, int offset, string name, string what)
    {
        int value = BinaryPrimitives.ReadInt32BigEndian(data.Slice(offset));
        if (value <= 0)
        {
            throw new IdxFormatException(IdxError.BadDimensions, $"{name}: dimension '{what}' is {value}; it must be positive.");
        }

        return value;
    }

    private static void CheckBody(long actual, long expected, string name)
    {
        if (actual < expected)
        {
            throw new IdxFormatException(IdxError.Truncated, $"{name}: truncated: the header announces {expected} data bytes but only {actual} follow.");
        }

        if (actual > expected)
        {
            throw new IdxFormatException(IdxError.TrailingData, $"{name}: {actual - expected} unexpected bytes after the {expected} data bytes the header announces.");
        }
    }
}
