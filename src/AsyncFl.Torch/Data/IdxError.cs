namespace AsyncFl.Torch.Data;

/// <summary>The kinds of IDX format errors.</summary>
public enum IdxError
{
    /// <summary>Unspecified.</summary>
    Unknown = 0,

    /// <summary>The magic number is not the expected one (wrong file, wrong type code or wrong number of dimensions).</summary>
    BadMagic = 1,

    /// <summary>The file ends before the header or the data the header announces.</summary>
    Truncated = 2,

    /// <summary>The file has bytes after the data the header announces.</summary>
    TrailingData = 3,

    /// <summary>A dimension is zero, negative or too large.</summary>
    BadDimensions = 4,

    /// <summary>An images file and a labels file hold different numbers of items.</summary>
    CountMismatch = 5,

    /// <summary>A gzip stream is corrupt.</summary>
    BadCompression = 6,
}
