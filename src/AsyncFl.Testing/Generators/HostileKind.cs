namespace AsyncFl.Testing;

/// <summary>How a generated hostile update is wrong; every kind must be rejected and leave the model bit-identical.</summary>
public enum HostileKind
{
    /// <summary>Not hostile: a valid update.</summary>
    None = 0,

    /// <summary>One parameter more than the model has (<see cref="RejectionReason.LengthMismatch"/>).</summary>
    LengthMismatch = 1,

    /// <summary>A NaN in the payload (<see cref="RejectionReason.NonFinite"/>).</summary>
    NaN = 2,

    /// <summary>An infinity in the payload (<see cref="RejectionReason.NonFinite"/>).</summary>
    Infinity = 3,

    /// <summary>Claims a base version the server has not reached (<see cref="RejectionReason.FutureVersion"/>).</summary>
    FutureVersion = 4,

    /// <summary>A sample count of 0 or less (<see cref="RejectionReason.NonPositiveSampleCount"/>).</summary>
    NonPositiveSampleCount = 5,

    /// <summary>A payload kind the aggregator does not support (<see cref="RejectionReason.UnsupportedKind"/>; skipped
    /// for an aggregator that supports every kind).</summary>
    UnsupportedKind = 6,

    /// <summary>The update id of an earlier accepted update (<see cref="RejectionReason.Duplicate"/>; skipped when no
    /// update was accepted yet).</summary>
    Duplicate = 7,
}
