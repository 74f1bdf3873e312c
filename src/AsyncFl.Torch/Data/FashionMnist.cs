using static TorchSharp.torch;

namespace AsyncFl.Torch.Data;

/// <summary>
/// Fashion-MNIST (60,000 training + 10,000 test images, 28×28 grey, 10 classes) from MNIST-format IDX files, as
/// installed by Debian's <c>dataset-fashion-mnist</c> package. The same loader reads MNIST itself. Pixels are
/// normalised as in the seed paper: <c>(p/255 − 0.5)/0.5</c>, i.e. into <c>[−1, 1]</c>.
/// </summary>
public static class FashionMnist
{
    /// <summary>Where Debian's package puts the files.</summary>
    public const string DefaultDirectory = "/usr/share/datasets/fashion-mnist";

    /// <summary>Environment variable that overrides <see cref="DefaultDirectory"/>.</summary>
    public const string DirectoryVariable = "ASYNCFL_FASHION_MNIST_DIR";

    /// <summary>Normalisation mean.</summary>
    public const float Mean = 0.5f;

    /// <summary>Normalisation standard deviation.</summary>
    public const float StandardDeviation = 0.5f;

    /// <summary>The directory used: <paramref name="directory"/> if given, else <see cref="DirectoryVariable"/> if set, else <see cref="DefaultDirectory"/>.</summary>
    /// <param name="directory">An explicit directory, or <see langword="null"/>.</param>
    public static string ResolveDirectory(string? directory = null)
    {
        if (!string.IsNullOrEmpty(directory))
        {
            return directory;
        }

        string? env = Environment.GetEnvironmentVariable(DirectoryVariable);
        return string.IsNullOrEmpty(env) ? DefaultDirectory : env;
    }

    /// <summary>Whether all four files exist (raw or <c>.gz</c>) in the directory.</summary>
    /// <param name="directory">The directory; see <see cref="ResolveDirectory"/>.</param>
    public static bool IsAvailable(string? directory = null)
    {
        string dir = ResolveDirectory(directory);
        return Find(dir, "train-images-idx3-ubyte") is not null && Find(dir, "train-labels-idx1-ubyte") is not null
            && Find(dir, "t10k-images-idx3-ubyte") is not null && Find(dir, "t10k-labels-idx1-ubyte") is not null;
    }

    /// <summary>Loads the 60,000 training samples.</summary>
    /// <param name="directory">The directory; see <see cref="ResolveDirectory"/>.</param>
    public static TorchDataset LoadTrain(string? directory = null) => Load(directory, "train");

    /// <summary>Loads the 10,000 test samples.</summary>
    /// <param name="directory">The directory; see <see cref="ResolveDirectory"/>.</param>
    public static TorchDataset LoadTest(string? directory = null) => Load(directory, "t10k");

    /// <summary>
    /// Turns IDX images and labels into a data set: features <c>[N, 1, rows, cols]</c> normalised with
    /// <see cref="Mean"/> and <see cref="StandardDeviation"/>, labels <c>int64</c>.
    /// </summary>
    /// <param name="images">The images.</param>
    /// <param name="labels">The labels (same count).</param>
    public static TorchDataset ToDataset(IdxImages images, byte[] labels)
    {
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(labels);
        if (images.Count != labels.Length)
        {
            throw new IdxFormatException(IdxError.CountMismatch, $"{images.Count} images but {labels.Length} labels.");
        }

        var pixels = new float[images.Pixels.Length];
        const float scale = 1f / (255f * StandardDeviation);
        const float shift = Mean / StandardDeviation;
        for (int i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (images.Pixels[i] * scale) - shift;
        }

        var lab = new long[labels.Length];
        for (int i = 0; i < lab.Length; i++)
        {
            lab[i] = labels[i];
        }

        using var scope = NewDisposeScope();
        var f = tensor(pixels, [images.Count, 1, images.Rows, images.Columns], ScalarType.Float32);
        var l = tensor(lab, ScalarType.Int64);
        return new TorchDataset(f, l);
    }

    private static TorchDataset Load(string? directory, string prefix)
    {
        string dir = ResolveDirectory(directory);
        string images = Find(dir, prefix + "-images-idx3-ubyte")
            ?? throw new FileNotFoundException($"No {prefix}-images-idx3-ubyte[.gz] in '{dir}'. Install Debian's dataset-fashion-mnist package (bash eng/install-deps.sh) or set {DirectoryVariable}.");
        string labels = Find(dir, prefix + "-labels-idx1-ubyte")
            ?? throw new FileNotFoundException($"No {prefix}-labels-idx1-ubyte[.gz] in '{dir}'. Install Debian's dataset-fashion-mnist package (bash eng/install-deps.sh) or set {DirectoryVariable}.");
        var (img, lab) = IdxReader.ReadPair(images, labels);
        return ToDataset(img, lab);
    }

    private static string? Find(string directory, string stem)
    {
        foreach (var name in new[] { stem + ".gz", stem })
        {
            string path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
