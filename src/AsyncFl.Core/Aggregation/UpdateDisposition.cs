namespace AsyncFl;

/// <summary>What happened to a submitted update.</summary>
public enum UpdateDisposition
{
    /// <summary>The model changed because of it (possibly together with buffered updates).</summary>
    Applied = 0,

    /// <summary>Accepted into a buffer; the model will change when the buffer is flushed.</summary>
    Buffered = 1,

    /// <summary>Refused; see <see cref="RejectionReason"/>. The model is unchanged.</summary>
    Rejected = 2,

    /// <summary>A flush found nothing to apply.</summary>
    Nothing = 3,
}
