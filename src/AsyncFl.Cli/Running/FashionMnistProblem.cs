using AsyncFl.Backends;
using AsyncFl.Cli.Config;
using AsyncFl.Simulation.Partitioning;
using AsyncFl.Torch.Data;
using AsyncFl.Torch.Models;
using AsyncFl.Torch.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace AsyncFl.Cli.Running;

/// <summary>
/// The real-data problem of a config with a <c>model</c>: Fashion-MNIST loaded once, split over the fleet's clients by
/// the config's partitioner (seeded), a <see cref="TorchClientTrainer"/> as the client workload, and the test set the
/// global model is evaluated on. Built once per run and shared by every strategy (each strategy gets the same clients,
/// data and initial weights).
/// </summary>
internal sealed class FashionMnistProblem : IDisposable
{
    private readonly TorchDataset _train;
    private readonly TorchDataset[] _clients;
    private readonly float[] _initial;

    private FashionMnistProblem(ExperimentConfig config, int clientCount, string directory)
    {
        var data = config.Data!;
        var model = config.Model!;
        torch.set_num_threads(1);
        using (var full = FashionMnist.LoadTrain(directory))
        {
            int limit = data.SamplesPerClient is { } spc ? (int)Math.Min((long)spc * clientCount, full.Count) : full.Count;
            _train = full.Take(limit);
        }

        using (var test = FashionMnist.LoadTest(directory))
        {
            int testCount = Math.Min(data.TestSamples ?? test.Count, test.Count);
            Test = test.Take(testCount);
        }

        int[] labels = _train.LabelArray();
        long partitionSeed = RandomSource.Create(config.Seed, 3).Seed;
        IPartitioner partitioner = data.Partition switch
        {
            "dirichlet" => new DirichletPerClassPartitioner(new DirichletPerClassOptions
            {
                PartitionCount = clientCount,
                Alpha = data.Alpha ?? 0.5,
                Seed = partitionSeed,
                MinPartitionSize = Math.Min(10, labels.Length / clientCount),
            }),
            "shards" => new LabelShardPartitioner(clientCount, data.LabelsPerClient ?? 2, partitionSeed),
            _ => new IidPartitioner(clientCount, partitionSeed),
        };
        Partition = partitioner.Partition(labels);
        _clients = _train.Partition(Partition);
        SampleCounts = _clients.Select(c => c.Count).ToArray();

        int hidden = model.Hidden ?? 64;
        int c1 = model.Channels is [var a, _] ? a : 8, c2 = model.Channels is [_, var b] ? b : 16;
        Func<nn.Module<Tensor, Tensor>> factory = model.Kind switch
        {
            "cnn" => TorchModels.Factory(TorchModelKind.SeedPaperCnn),
            "cnn-small" => () => new SmallCnn(c1, c2),
            _ => () => new SmallMlp(hidden: hidden),
        };
        Trainer = new TorchClientTrainer(factory, _clients, new TorchTrainerOptions
        {
            BatchSize = model.BatchSize ?? 64,
            Optimizer = model.Optimizer == "sgd" ? LocalOptimizer.Sgd : LocalOptimizer.Adam,
            Momentum = model.Momentum ?? 0,
            ResetOptimizerEachEpoch = false,
            Unit = model.LocalUnit == "steps" ? LocalWorkUnit.Steps : LocalWorkUnit.Epochs,
            EarlyStoppingPatience = 0,
        });
        _initial = Trainer.CreateInitialParameters(RandomSource.Create(config.Seed, 4).Seed);
        ModelDescription = model.Kind switch
        {
            "cnn" => "the seed paper's CNN (19,146 parameters)",
            "cnn-small" => Fmt.I($"CNN conv5×5·{c1} → pool → conv5×5·{c2} → pool → linear ({SmallCnn.ParameterCount(c1, c2)} parameters)"),
            _ => Fmt.I($"MLP 784→{hidden}→10 ({SmallMlp.ParameterCount(hidden: hidden)} parameters)"),
        };
    }

    /// <summary>The trainer (the client workload; returns model deltas).</summary>
    public TorchClientTrainer Trainer { get; }

    /// <summary>The test set the global model is evaluated on.</summary>
    public TorchDataset Test { get; }

    /// <summary>Training samples held by each client.</summary>
    public int[] SampleCounts { get; }

    /// <summary>The training-set indices held by each client.</summary>
    public int[][] Partition { get; }

    /// <summary>A one-line description of the model.</summary>
    public string ModelDescription { get; }

    /// <summary>The shared initial weights (a copy).</summary>
    public float[] InitialParameters() => (float[])_initial.Clone();

    /// <summary>Loads the data and builds the trainer.</summary>
    /// <param name="config">A validated config with a model and fashion-mnist data.</param>
    /// <param name="clientCount">Clients in the fleet.</param>
    public static FashionMnistProblem Create(ExperimentConfig config, int clientCount)
    {
        string directory = config.Data?.Directory ?? Environment.GetEnvironmentVariable(DataCheck.FashionMnistVariable) ?? DataCheck.FashionMnistDefault;
        try
        {
            return new FashionMnistProblem(config, clientCount, directory);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or IdxFormatException)
        {
            throw new RunBlockedException($"cannot read Fashion-MNIST from '{directory}': {ex.Message} Reinstall it with '{DataCheck.InstallCommand}' or point the app at a good copy with --data-dir.", ex)
            {
                ExitCode = ExitCodes.MissingData,
            };
        }
        catch (PartitioningException ex)
        {
            throw new RunBlockedException($"cannot split the training data over {clientCount} clients: {ex.Message} Use more samples (data.samplesPerClient), fewer clients or a larger data.alpha.", ex);
        }
    }

    /// <summary>Test accuracy and mean test loss of <paramref name="parameters"/>.</summary>
    public EvaluationResult Evaluate(ParameterVector parameters) => Trainer.Evaluate(parameters, Test);

    /// <inheritdoc />
    public void Dispose()
    {
        Trainer.Dispose();
        foreach (var c in _clients)
        {
            c.Dispose();
        }

        _train.Dispose();
        Test.Dispose();
    }
}
