using System.Collections.Concurrent;
using AsyncFl.Backends;
using AsyncFl.Torch.Data;
using AsyncFl.Torch.Modules;
using AsyncFl.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AsyncFl.Torch.Training;

/// <summary>
/// The client side of federated training on TorchSharp (an <see cref="IClientWorkload"/>): loads the base model
/// into a module, trains it on the client's data for <see cref="ClientWork.LocalSteps"/> local epochs (or steps)
/// with minibatch SGD or Adam, the seed paper's per-epoch learning-rate schedule, early stopping on the epoch loss
/// and an optional FedProx term, and writes the <see cref="UpdatePayloadKind.ModelDelta"/>
/// <c>Δ = w_end − w_base</c> with the client's sample count and its mean loss over the last epoch.
/// </summary>
/// <remarks>
/// <para>Models must return log-probabilities (the loss is NLL), like <see cref="Models.SeedPaperCnn"/> and
/// <see cref="Models.SmallMlp"/>.</para>
/// <para>Thread-safe: concurrent <see cref="Execute"/> calls each rent their own module from a pool (one module
/// per concurrent call, created by the factory) and their own optimizer; dispose scopes live inside one batch on
/// one thread. Data sets are only read.</para>
/// <para>Repeatable: the only randomness of a task is the minibatch order, drawn from the task's
/// <see cref="RandomSource"/>; with the same base model, data and seed a task gives bit-identical results on the
/// CPU for a fixed number of torch threads.</para>
/// </remarks>
public sealed class TorchClientTrainer : IClientWorkload, IDisposable
{
    private static readonly Lock InitLock = new();
    private readonly Func<nn.Module<Tensor, Tensor>> _factory;
    private readonly IReadOnlyList<TorchDataset> _clients;
    private readonly TorchTrainerOptions _options;
    private readonly ILearningRateSchedule _schedule;
    private readonly ConcurrentBag<nn.Module<Tensor, Tensor>> _pool = [];
    private readonly ConcurrentBag<nn.Module<Tensor, Tensor>> _all = [];
    private readonly Device _device;

    /// <summary>Creates a trainer.</summary>
    /// <param name="modelFactory">Creates a fresh module of the model (called once per concurrently running task, and for initial weights).</param>
    /// <param name="clientData">The data of client <c>i</c> at index <c>i</c> (e.g. from <see cref="TorchDataset.Partition"/>); read-only, not owned.</param>
    /// <param name="options">Options (validated); <see langword="null"/> for the defaults.</param>
    /// <param name="device">Where modules train; <see langword="null"/> for the CPU. The data sets must live there too.</param>
    public TorchClientTrainer(
        Func<nn.Module<Tensor, Tensor>> modelFactory,
        IReadOnlyList<TorchDataset> clientData,
        TorchTrainerOptions? options = null,
        Device? device = null)
    {
        ArgumentNullException.ThrowIfNull(modelFactory);
        ArgumentNullException.ThrowIfNull(clientData);
        _options = options ?? new TorchTrainerOptions();
        _options.Validate();
        _factory = modelFactory;
        _clients = clientData;
        _device = device ?? CPU;
        _schedule = _options.Schedule
            ?? new DelayAwareLearningRate(_options.LearningRate, _options.DelayScaling, DelayMeasure.ConfiguredMaxDelay, _options.ConfiguredDelaySeconds);
        var first = NewModule();
        Map = ModuleVectorMap.Create(first, _options.IncludeFloatingBuffers);
        _pool.Add(first);
    }

    /// <summary>The module ⇄ vector map of the model.</summary>
    public ModuleVectorMap Map { get; }

    /// <summary>The options in use.</summary>
    public TorchTrainerOptions Options => _options;

    /// <summary>Number of clients (the length of the data list).</summary>
    public int ClientCount => _clients.Count;

    /// <inheritdoc />
    public int Dimension => Map.Length;

    /// <inheritdoc />
    public UpdatePayloadKind PayloadKind => UpdatePayloadKind.ModelDelta;

    /// <summary>
    /// Initial weights of the model: torch's generator seeded with <paramref name="seed"/>, then a fresh module from
    /// the factory, flattened by <see cref="Map"/>. Serialised internally (torch's generator is global).
    /// </summary>
    /// <param name="seed">The seed.</param>
    public float[] CreateInitialParameters(long seed)
    {
        lock (InitLock)
        {
            random.manual_seed(seed);
            using var module = _factory();
            return Map.ToArray(module);
        }
    }

    /// <inheritdoc />
    public void Execute(in ClientWork work, ParameterVector baseModel, ClientUpdate update, RandomSource random)
    {
        ArgumentNullException.ThrowIfNull(baseModel);
        ArgumentNullException.ThrowIfNull(update);
        ArgumentNullException.ThrowIfNull(random);
        if ((uint)work.ClientId >= (uint)_clients.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(work), work.ClientId, $"Client {work.ClientId} has no data (the trainer knows {_clients.Count} clients).");
        }

        if (work.LocalSteps < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(work), work.LocalSteps, "LocalSteps must be ≥ 1.");
        }

        VectorKernelsLength(baseModel.Length, update.Payload.Length);
        var data = _clients[work.ClientId];
        var module = Rent();
        try
        {
            Map.CopyFromVector(baseModel, module);
            var (loss, done) = data.Count == 0 ? (double.NaN, 0) : Train(module, data, work, random);
            Map.CopyToVector(module, update.Payload);
            WriteDelta(update.Payload, baseModel);
            update.ClientId = work.ClientId;
            update.TaskId = work.TaskId;
            update.Kind = UpdatePayloadKind.ModelDelta;
            update.SampleCount = data.Count;
            update.Loss = loss;
            update.LocalSteps = done;
        }
        finally
        {
            _pool.Add(module);
        }
    }

    /// <summary>Accuracy and mean loss of the model <paramref name="parameters"/> on <paramref name="data"/>.</summary>
    /// <param name="parameters">A flat parameter vector of length <see cref="Dimension"/> (any backend).</param>
    /// <param name="data">The data.</param>
    /// <param name="batchSize">Evaluation batch size.</param>
    public EvaluationResult Evaluate(ParameterVector parameters, TorchDataset data, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var module = Rent();
        try
        {
            Map.CopyFromVector(parameters, module);
            return EvaluateModule(module, data, batchSize);
        }
        finally
        {
            _pool.Add(module);
        }
    }

    /// <summary>Accuracy and mean loss of <paramref name="module"/> on <paramref name="data"/>.</summary>
    /// <param name="module">A model returning log-probabilities.</param>
    /// <param name="data">The data.</param>
    /// <param name="batchSize">Evaluation batch size.</param>
    public static EvaluationResult EvaluateModule(nn.Module<Tensor, Tensor> module, TorchDataset data, int batchSize = 1000)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(data);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        module.eval();
        long correct = 0;
        double lossSum = 0;
        using (no_grad())
        {
            for (int start = 0; start < data.Count; start += batchSize)
            {
                using var scope = NewDisposeScope();
                int len = Math.Min(batchSize, data.Count - start);
                var x = data.Features.narrow(0, start, len);
                var y = data.Labels.narrow(0, start, len);
                var output = module.forward(x);
                lossSum += nn.functional.nll_loss(output, y, reduction: nn.Reduction.Sum).item<float>();
                correct += output.argmax(1).eq(y).sum().item<long>();
            }
        }

        module.train();
        return data.Count == 0
            ? new EvaluationResult(double.NaN, double.NaN, 0)
            : new EvaluationResult((double)correct / data.Count, lossSum / data.Count, data.Count);
    }

    /// <summary>Disposes the pooled modules.</summary>
    public void Dispose()
    {
        while (_all.TryTake(out var m))
        {
            m.Dispose();
        }

        _pool.Clear();
    }

    private (double Loss, int Done) Train(nn.Module<Tensor, Tensor> module, TorchDataset data, in ClientWork work, RandomSource random)
    {
        module.train();
        Tensor[] parameters = module.parameters().ToArray();
        bool byEpochs = _options.Unit == LocalWorkUnit.Epochs;
        bool ownSchedule = work.LearningRateSchedule is null && double.IsNaN(work.LearningRate);
        int n = data.Count;
        int batch = _options.BatchSize;
        var order = new long[n];
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
        }

        Tensor[]? anchor = null;
        LocalOptimizerStep? optimizer = null;
        using var proxHalfMu = (_options.ProxMu / 2).ToScalar();
        using var one = 1.0.ToScalar();
        using var minusOne = (-1.0).ToScalar();
        double lastEpochLoss = double.NaN;
        var earlyStopping = byEpochs && _options.EarlyStoppingPatience > 0 ? new EarlyStopping(_options.EarlyStoppingPatience, _options.EarlyStoppingMinDelta) : null;
        int stepsDone = 0, epochsDone = 0;
        int totalSteps = byEpochs ? int.MaxValue : work.LocalSteps;
        try
        {
            if (_options.ProxMu > 0)
            {
                using var scope = NewDisposeScope();
                anchor = parameters.Select(p => p.detach().clone().DetachFromDisposeScope()).ToArray();
            }

            for (int epoch = 0; byEpochs ? epoch < work.LocalSteps : stepsDone < totalSteps; epoch++)
            {
                // The task's schedule or rate when the scheduler sent one, else the trainer's (the seed paper's by default).
                double lr = ownSchedule
                    ? _schedule.GetRate(new LearningRateContext { Step = epoch, DelaySeconds = _options.ConfiguredDelaySeconds })
                    : work.RateAt(epoch, double.NaN, _options.ConfiguredDelaySeconds);
                if (optimizer is null || _options.ResetOptimizerEachEpoch)
                {
                    optimizer?.Dispose();
                    optimizer = CreateOptimizer(parameters, lr);
                }
                else
                {
                    optimizer.LearningRate = lr;
                }

                Shuffle(order, random);
                using var perm = tensor(order, ScalarType.Int64, _device).DetachFromDisposeScope();
                double sum = 0;
                int batches = 0;
                for (int start = 0; start < n && stepsDone < totalSteps; start += batch)
                {
                    using var scope = NewDisposeScope();
                    int len = Math.Min(batch, n - start);
                    var idx = perm.narrow(0, start, len);
                    var x = data.Features.index_select(0, idx);
                    var y = data.Labels.index_select(0, idx);
                    optimizer.ZeroGrad();
                    var output = module.forward(x);
                    var loss = nn.functional.nll_loss(output, y);
                    var objective = loss;
                    if (anchor is not null)
                    {
                        Tensor? prox = null;
                        for (int k = 0; k < parameters.Length; k++)
                        {
                            var term = parameters[k].add(anchor[k], minusOne).square().sum();
                            prox = prox is null ? term : prox.add(term, one);
                        }

                        objective = loss.add(prox!.mul(proxHalfMu), one);
                    }

                    objective.backward();
                    optimizer.Step();
                    sum += loss.item<float>();
                    batches++;
                    stepsDone++;
                }

                epochsDone++;
                lastEpochLoss = sum / batches;
                if (earlyStopping?.Observe(lastEpochLoss) == true)
                {
                    break;
                }
            }
        }
        finally
        {
            optimizer?.Dispose();
            if (anchor is not null)
            {
                foreach (var a in anchor)
                {
                    a.Dispose();
                }
            }
        }

        return (lastEpochLoss, byEpochs ? epochsDone : stepsDone);
    }

    // Our own Adam/SGD step (same formulas as torch.optim): TorchSharp's optimizers pass implicitly converted
    // Scalars to native calls without keeping them alive, which a concurrent GC can free mid-call (see LocalOptimizerStep).
    private LocalOptimizerStep CreateOptimizer(Tensor[] parameters, double lr) =>
        new(parameters, _options.Optimizer, lr, _options.Momentum);

    private static void Shuffle(long[] order, RandomSource random)
    {
        for (int i = order.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }
    }

    private static void WriteDelta(ParameterVector payload, ParameterVector baseModel)
    {
        if (ReferenceEquals(payload.Backend, baseModel.Backend) || payload.Backend.GetType() == baseModel.Backend.GetType())
        {
            payload.Backend.AddScaled(payload, baseModel, -1f);
            return;
        }

        var end = payload.ToArray();
        var start = baseModel.ToArray();
        for (int i = 0; i < end.Length; i++)
        {
            end[i] -= start[i];
        }

        payload.CopyFrom(end);
    }

    private static void VectorKernelsLength(int baseLength, int payloadLength)
    {
        if (baseLength != payloadLength)
        {
            throw new ArgumentException($"The base model has {baseLength} parameters but the update's payload {payloadLength}.", nameof(baseLength));
        }
    }

    private nn.Module<Tensor, Tensor> Rent()
    {
        if (_pool.TryTake(out var m))
        {
            return m;
        }

        return NewModule();
    }

    private nn.Module<Tensor, Tensor> NewModule()
    {
        nn.Module<Tensor, Tensor> m;
        using (var scope = NewDisposeScope())
        {
            m = _factory();
            m.to(_device);
            scope.Detach(m.parameters());
            scope.Detach(m.buffers());
        }

        _all.Add(m);
        return m;
    }
}
