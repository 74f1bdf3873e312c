
using static AsyncFl.Aggregators.Tests.TestUtil;

namespace AsyncFl.Aggregators.Tests;
public class HostileInputTests
{
    private static readonly float[] X0 = [0.5f, -1.25f, 3f, 1e-3f];

    [Theory]
    [MemberData(nameof(AggregatorFactories.All), MemberType = typeof(AggregatorFactories))]
    public void EveryRejection_IsTyped_Counted_AndLeavesModelBitIdentical(string name)
    {
        using var m = Model(X0);
        using var agg = AggregatorFactories.Create(name, m, clientCount: 10);
        var kind = AggregatorFactories.KindFor(name);
        float[] ok = [0.1f, 0.2f, 0.3f, 0.4f];

        // Put one accepted update in (buffered or applied), so duplicates can be tested, then snapshot the state.
        var first = agg.Submit(Update(kind, ok, client: 1, id: 42), Opt());
        Assert.True(first.Accepted, name);
        float[] before = m.Parameters.ToArray();
        long version = m.Version.Value;
        int pending = agg.PendingCount;

        var cases = new List<(RejectionReason Reason, ClientUpdate Update, SubmitOptions Options)>
        {
            (RejectionReason.LengthMismatch, Update(kind, [1f, 2f, 3f]), Opt()),
            (RejectionReason.NonFinite, Update(kind, [0f, 0f, 0f, float.NaN]), Opt()),
            (RejectionReason.NonFinite, Update(kind, [float.PositiveInfinity, 0f, 0f, 0f]), Opt()),
            (RejectionReason.NonFinite, Update(kind, [0f, float.NegativeInfinity, 0f, 0f]), Opt()),
            (RejectionReason.FutureVersion, Update(kind, ok, baseVersion: version + 1), Opt()),
            (RejectionReason.NonPositiveSampleCount, Update(kind, ok, samples: 0), Opt()),
            (RejectionReason.NonPositiveSampleCount, Update(kind, ok, samples: -5), Opt()),
            (RejectionReason.Duplicate, Update(kind, ok, baseVersion: version, client: 2, id: 42), Opt()),
            (RejectionReason.UnknownClient, Update(kind, ok, client: -1), Opt()),
            (RejectionReason.UnknownClient, Update(kind, ok, client: 10), Opt()),
            (RejectionReason.UnsupportedKind, Update(AggregatorFactories.UnsupportedFor(name), ok), Opt()),
            (RejectionReason.InvalidOptions, Update(kind, ok), Opt(weight: double.NaN)),
            (RejectionReason.InvalidOptions, Update(kind, ok), Opt(weight: -1)),
            (RejectionReason.InvalidOptions, Update(kind, ok), Opt(lr: double.NegativeInfinity)),
        };

        var expectedCounts = new Dictionary<RejectionReason, long>();
        foreach (var (reason, update, options) in cases)
        {
            var o = agg.Submit(update, options);
            Assert.Equal(UpdateDisposition.Rejected, o.Disposition);
            Assert.Equal(reason, o.Reason);
            Assert.Equal(-1, o.Sequence);
            expectedCounts[reason] = expectedCounts.GetValueOrDefault(reason) + 1;
            update.Payload.Dispose();
        }

        foreach (var (reason, count) in expectedCounts)
        {
            Assert.Equal(count, agg.Counters.Rejected(reason));
        }

        Assert.Equal(cases.Count, agg.Counters.RejectedTotal);
        Assert.Equal(before, m.Parameters.ToArray());
        Assert.Equal(version, m.Version.Value);
        Assert.Equal(pending, agg.PendingCount);
    }

    [Theory]
    [MemberData(nameof(AggregatorFactories.All), MemberType = typeof(AggregatorFactories))]
    public void UnnumberedUpdates_AreNeverTakenForDuplicates(string name)
    {
        using var m = Model(X0);
        using var agg = AggregatorFactories.Create(name, m, clientCount: 10);
        var kind = AggregatorFactories.KindFor(name);
        for (int i = 0; i < 3; i++)
        {
            // A user's update as written by hand: UpdateId left at its default.
            using var payload = Cpu.FromSpan([0.1f, 0.2f, 0.3f, 0.4f]);
            var update = new ClientUpdate(payload) { Kind = kind, ClientId = 1 + i, BaseVersion = m.Version };
            Assert.Equal(ClientUpdate.NoId, update.UpdateId);
            var outcome = agg.Submit(update, Opt());
            Assert.True(outcome.Accepted, $"{name}: unnumbered update {i} was {outcome.Disposition} ({outcome.Reason})");
        }

        Assert.Equal(0, agg.Counters.Rejected(RejectionReason.Duplicate));
    }

    [Fact]
    public void TooStale_AndClientAlreadyInBuffer_AndOutsideWindow_LeaveModelIdentical()
    {
        using var m = Model(X0);
        using var agg = new VersionAwareAggregator(m, new VersionAwareOptions { BufferSize = 2, MaxStaleness = 3, RetainedVersions = 2 });
        for (int i = 0; i < 4; i++)
        {
            agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, 1f, 1f, 1f], baseVersion: m.Version.Value, client: 0), Opt());
            agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, 1f, 1f, 1f], baseVersion: m.Version.Value, client: 1), Opt());
        }

        agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, 1f, 1f, 1f], baseVersion: 4, client: 0), Opt()); // buffered
        float[] before = m.Parameters.ToArray();
        Assert.Equal(RejectionReason.TooStale, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, 1f, 1f, 1f], baseVersion: 0, client: 3), Opt()).Reason);
        Assert.Equal(RejectionReason.ClientAlreadyInBuffer, agg.Submit(Update(UpdatePayloadKind.ModelDelta, [1f, 1f, 1f, 1f], baseVersion: 4, client: 0), Opt()).Reason);
        Assert.Equal(RejectionReason.OutsideRetainedWindow, agg.Submit(Update(UpdatePayloadKind.Weights, [1f, 1f, 1f, 1f], baseVersion: 2, client: 5), Opt()).Reason);
        Assert.Equal(before, m.Parameters.ToArray());
        Assert.Equal(1, agg.PendingCount);
    }
}
