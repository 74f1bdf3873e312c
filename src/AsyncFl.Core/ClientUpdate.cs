using AsyncFl.Backends;

namespace AsyncFl;

/// <summary>
/// One update sent by a client: the vector (<see cref="Payload"/>) and everything the server needs to judge it.
/// Instances are mutable and meant to be pooled: the aggregator never keeps a reference to an update (or its
/// payload) after <see cref="IAggregator.Submit"/> returns.
/// </summary>
public sealed class ClientUpdate
{
    /// <summary>Creates an update around a payload vector (which the update does not own unless told to).</summary>
    /// <param name="payload">The vector; its length must match the global model for the update to be accepted.</param>
    public ClientUpdate(ParameterVector payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        Payload = payload;
    }

    /// <summary>The <see cref="UpdateId"/> of an update nobody numbered: it is not checked for duplicates.</summary>
    public const long NoId = -1;

    /// <summary>
    /// A unique id for this update, ≥ 0, used to reject a replayed update as <see cref="RejectionReason.Duplicate"/>;
    /// the engine numbers every result it delivers. A negative id (the default, <see cref="NoId"/>) marks an
    /// unnumbered update, which is never taken for a duplicate of another.
    /// </summary>
    /// <value>The default value is <see cref="NoId"/>.</value>
    public long UpdateId { get; set; } = NoId;

    /// <summary>The id of the client that produced the update, in <c>[0, clientCount)</c>.</summary>
    public int ClientId { get; set; }

    /// <summary>The engine's id of the task this update answers (or −1 when submitted outside an engine).</summary>
    public long TaskId { get; set; } = -1;

    /// <summary>The global-model version the client started from.</summary>
    public ModelVersion BaseVersion { get; set; }

    /// <summary>What <see cref="Payload"/> means.</summary>
    public UpdatePayloadKind Kind { get; set; }

    /// <summary>The update vector.</summary>
    public ParameterVector Payload { get; set; }

    /// <summary>Number of training samples behind the update (<c>n_i</c>); must be positive.</summary>
    public int SampleCount { get; set; } = 1;

    /// <summary>The client's training loss (mean over its last local epoch), or <see cref="double.NaN"/> if unknown.</summary>
    public double Loss { get; set; } = double.NaN;

    /// <summary>Local work done: gradients, local steps or epochs, as the task asked.</summary>
    public int LocalSteps { get; set; } = 1;

    /// <summary>Seconds the client spent computing (virtual or real).</summary>
    public double ComputeSeconds { get; set; }

    /// <summary>Seconds spent communicating (download + upload).</summary>
    public double CommunicationSeconds { get; set; }

    /// <summary>Copies every field but the payload reference from <paramref name="other"/>.</summary>
    /// <param name="other">The update to copy the metadata from.</param>
    public void CopyMetadataFrom(ClientUpdate other)
    {
        ArgumentNullException.ThrowIfNull(other);
        UpdateId = other.UpdateId;
        ClientId = other.ClientId;
        TaskId = other.TaskId;
        BaseVersion = other.BaseVersion;
        Kind = other.Kind;
        SampleCount = other.SampleCount;
        Loss = other.Loss;
        LocalSteps = other.LocalSteps;
        ComputeSeconds = other.ComputeSeconds;
        CommunicationSeconds = other.CommunicationSeconds;
    }
}
