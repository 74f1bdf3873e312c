using System.Buffers;
using AsyncFl.Backends;

namespace AsyncFl.Cli.Running;

/// <summary>
/// FedAsync mixes client weights (<see cref="UpdatePayloadKind.Weights"/>) while the simulation objectives and the
/// real-model trainer return local-training deltas: this adapter sends <c>w = x_base + Δ</c>.
/// </summary>
internal sealed class WeightsWorkload(IClientWorkload inner) : IClientWorkload
{
    public int Dimension => inner.Dimension;

    public UpdatePayloadKind PayloadKind => UpdatePayloadKind.Weights;

    public void Execute(in ClientWork work, ParameterVector baseModel, ClientUpdate update, RandomSource random)
    {
        inner.Execute(work, baseModel, update, random);
        int d = inner.Dimension;
        float[] a = ArrayPool<float>.Shared.Rent(d);
        float[] b = ArrayPool<float>.Shared.Rent(d);
        try
        {
            var delta = a.AsSpan(0, d);
            var x = b.AsSpan(0, d);
            update.Payload.CopyTo(delta);
            baseModel.CopyTo(x);
            System.Numerics.Tensors.TensorPrimitives.Add(x, delta, delta);
            update.Payload.CopyFrom(delta);
            update.Kind = UpdatePayloadKind.Weights;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(a);
            ArrayPool<float>.Shared.Return(b);
        }
    }
}
