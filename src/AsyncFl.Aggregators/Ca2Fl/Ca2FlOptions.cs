namespace AsyncFl.Aggregators;

/// <summary>
/// Options of the CA²FL aggregator (CA²FL, Wang, Cao, Wu, Chen &amp; Chen, "Tackling the Data
/// Heterogeneity in Asynchronous Federated Learning with Cached Update Calibration", ICLR 2024).
/// </summary>
/// <remarks>
/// <see cref="AggregatorOptions.ClientCount"/> is required (≥ 1): the server caches one update per client and
/// averages the cache over all <c>N</c> clients, counting a client that has not reported yet as a zero update (the
/// paper's <c>h₁ⁱ = 0</c>). The cache costs <c>N·d</c> floats, allocated when a client first reports.
/// </remarks>
public sealed class Ca2FlOptions : AggregatorOptions
{
    /// <summary>Updates per server step, the paper's buffer size M ≥ 1.</summary>
    /// <value>The default value is 10 (the paper's setting).</value>
    public int BufferSize { get; set; } = 10;

    /// <summary>
    /// Reject a second update of the same client inside one buffer (<see cref="RejectionReason.ClientAlreadyInBuffer"/>).
    /// When off (the default), a repeat replaces the client's cache entry again and its calibration term telescopes:
    /// the buffer sees the client's latest update minus its cache entry from before the buffer.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool OnePerClientPerBuffer { get; set; }

    /// <summary>Reject updates with staleness above this bound (<see cref="RejectionReason.TooStale"/>); null: no bound.</summary>
    /// <value>The default value is <see langword="null"/>.</value>
    public long? MaxStaleness { get; set; }

    /// <summary>
    /// An extension, not in the paper (null, the default, is the paper's algorithm): a cache entry computed from base
    /// version <c>b</c> leaves the cache mean once the model is more than this many versions past <c>b</c>, i.e. after
    /// the first server step at whose end <c>version − b &gt; MaxCacheAge</c>. The client then counts as one that has
    /// not reported (<c>hⁱ = 0</c>) until it reports again, so its next update enters the buffer whole, as in FedBuff.
    /// </summary>
    /// <remarks>
    /// The paper keeps every client's latest update forever and re-applies it, with weight 1/N, at every step. When
    /// some clients are far slower than the rest (a 100× spread), their cached updates were computed from models
    /// hundreds of versions old, and re-applying them every step drags the model back (docs/algorithms/ca2fl.md).
    /// 0 expires every entry at the end of its step: the aggregator is then FedBuff.
    /// </remarks>
    /// <value>The default value is <see langword="null"/> (entries never expire).</value>
    public long? MaxCacheAge { get; set; }

    /// <summary>The server optimiser applied to the calibrated update <c>vₜ</c>.</summary>
    /// <value>The default value is server SGD with η = 1.</value>
    public ServerOptimizerOptions ServerOptimizer { get; set; } = ServerOptimizers.Sgd();

    /// <inheritdoc />
    protected override void AddErrors(List<string> errors)
    {
        base.AddErrors(errors);
        if (ClientCount < 1)
        {
            errors.Add($"{nameof(ClientCount)} must be ≥ 1 for CA²FL: the server caches one update per client and averages over all of them (was {ClientCount}).");
        }

        if (MaxCacheAge is < 0)
        {
            errors.Add($"{nameof(MaxCacheAge)} must be ≥ 0 server versions, or null for entries that never expire (was {MaxCacheAge}).");
        }

        AddBufferErrors(errors, BufferSize, MaxStaleness, ServerOptimizer);
    }

    /// <inheritdoc />
    public override IAggregator CreateAggregator(GlobalModel model)
    {
        Validate();
        return new Ca2FlAggregator(model, Clone());
    }

    internal Ca2FlOptions Clone() => (Ca2FlOptions)MemberwiseClone();
}
