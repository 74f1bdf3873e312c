using AsyncFl.Backends;

namespace AsyncFl.Engine;

/// <summary>
/// Turns a task's computed result into the update one upload delivers: as is, or compressed by the task's
/// <see cref="IUpdateCompressor"/> into a scratch update (each upload an independent compression, stream derived from
/// the task id and the upload index); every delivered update gets the next update id. Event thread only.
/// </summary>
internal sealed class UploadPipeline(GlobalModel model, long compressionSeed) : IDisposable
{
    private readonly RandomSource _random = new(0);
    private ClientUpdate? _scratch;
    private float[]? _source;
    private float[]? _destination;
    private long _nextUpdateId;

    public ClientUpdate Prepare(EngineTask task, int uploadIndex)
    {
        var raw = task.Result!;
        var compressor = task.Request.Compressor;
        ClientUpdate delivered = raw;
        if (compressor is not null)
        {
            _scratch ??= new ClientUpdate(model.Backend.Allocate(model.Dimension));
            _scratch.CopyMetadataFrom(raw);
            _random.Reseed(compressionSeed ^ unchecked((long)(0x9E3779B97F4A7C15UL * (ulong)(uploadIndex + 1))), task.Id);
            if (raw.Payload is CpuVector src && _scratch.Payload is CpuVector dst)
            {
                compressor.Compress(src.Span, dst.Span, _random);
            }
            else
            {
                // Compressors work on float spans: other backends go through a host copy.
                _source ??= new float[model.Dimension];
                _destination ??= new float[model.Dimension];
                raw.Payload.CopyTo(_source);
                compressor.Compress(_source, _destination, _random);
                _scratch.Payload.CopyFrom(_destination);
            }

            delivered = _scratch;
        }

        delivered.UpdateId = _nextUpdateId++;
        return delivered;
    }

    public void Dispose() => _scratch?.Payload.Dispose();
}
