namespace AsyncFl.Torch.Data;

/// <summary>Raised for a malformed IDX file; <see cref="IdxFormatException.Kind"/> says what is wrong.</summary>
public sealed class IdxFormatException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public IdxFormatException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public IdxFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public IdxFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What is wrong.</param>
    /// <param name="message">The details.</param>
    public IdxFormatException(IdxError kind, string message)
        : base(message)
    {
        Kind = kind;
    }

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="kind">What is wrong.</param>
    /// <param name="message">The details.</param>
    /// <param name="innerException">The cause.</param>
    public IdxFormatException(IdxError kind, string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = kind;
    }

    /// <summary>What is wrong.</summary>
    public IdxError Kind { get; }
}
