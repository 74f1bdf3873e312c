using AsyncFl.Backends;
using AsyncFl.Torch.Backends;
using AsyncFl.Torch.Data;
using AsyncFl.Torch.Models;
using AsyncFl.Torch.Training;
using Xunit;

namespace AsyncFl.Torch.Tests.Training;

public class TorchClientTrainerTests
{
    private static (TorchClientTrainer Trainer, TorchDataset[] Data) Setup(TorchTrainerOptions? options = null, int clients = 2, int perClient = 256)
    {
        var data = Enumerable.Range(0, clients).Select(c => SyntheticData.Create(perClient, 10 + c)).ToArray();
        return (new TorchClientTrainer(TorchModels.Factory(TorchModelKind.SmallMlp), data, options), data);
    }

    private static float[] Run(TorchClientTrainer trainer, ParameterVector model, int client, int epochs, long seed, out ClientUpdate update, IParameterBackend backend)
    {
        update = new ClientUpdate(backend.Allocate(trainer.Dimension));
        trainer.Execute(new ClientWork(client, epochs, double.NaN, 1), model, update, RandomSource.Create(seed, client));
        return update.Payload.ToArray();
    }

    [Fact]
    public void A_seeded_run_is_bit_identical_and_the_seed_matters()
    {
        var (trainer, data) = Setup();
        using var backend = new TorchParameterBackend();
        using var model = backend.FromSpan(trainer.CreateInitialParameters(3));
        var a = Run(trainer, model, 1, 2, 42, out var ua, backend);
        var b = Run(trainer, model, 1, 2, 42, out _, backend);
        var c = Run(trainer, model, 1, 2, 43, out _, backend);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(256, ua.SampleCount);
        Assert.Equal(2, ua.LocalSteps);
        Assert.Equal(UpdatePayloadKind.ModelDelta, ua.Kind);
        Assert.True(double.IsFinite(ua.Loss) && ua.Loss > 0);
        Assert.Equal(trainer.CreateInitialParameters(3), trainer.CreateInitialParameters(3));
        trainer.Dispose();
        foreach (var d in data)
        {
            d.Dispose();
        }
    }

    [Fact]
    public void Concurrent_tasks_give_the_same_deltas_as_sequential_ones_on_either_backend()
    {
        var (trainer, data) = Setup(new TorchTrainerOptions { Optimizer = LocalOptimizer.Sgd, LearningRate = 0.05 });
        var init = trainer.CreateInitialParameters(5);
        using var cpuModel = CpuParameterBackend.Instance.FromSpan(init);
        var sequential = Enumerable.Range(0, 4).Select(i => Run(trainer, cpuModel, i % 2, 1, 100 + i, out _, CpuParameterBackend.Instance)).ToArray();
        var parallel = new float[4][];
        Parallel.For(0, 4, new ParallelOptions { MaxDegreeOfParallelism = 4 }, i =>
            parallel[i] = Run(trainer, cpuModel, i % 2, 1, 100 + i, out _, CpuParameterBackend.Instance));
        for (int i = 0; i < 4; i++)
        {
            Assert.Equal(sequential[i], parallel[i]);
        }

        trainer.Dispose();
        foreach (var d in data)
        {
            d.Dispose();
        }
    }

    [Fact]
    public void Training_lowers_the_loss_and_the_delta_moves_the_model()
    {
        var (trainer, data) = Setup(new TorchTrainerOptions { LearningRate = 3e-3 });
        using var backend = new TorchParameterBackend();
        using var model = backend.FromSpan(trainer.CreateInitialParameters(1));
        double before = trainer.Evaluate(model, data[0]).Loss;
        var delta = Run(trainer, model, 0, 3, 9, out var update, backend);
        backend.AddScaled(model, update.Payload, 1f);
        var after = trainer.Evaluate(model, data[0]);
        Assert.True(after.Loss < before * 0.5, $"loss {before} → {after.Loss}");
        Assert.True(after.Accuracy > 0.9, $"accuracy {after.Accuracy}");
        Assert.Contains(delta, v => v != 0f);
        trainer.Dispose();
    }

    [Fact]
    public void Early_stopping_fires_when_the_epoch_loss_stops_improving()
    {
        // A zero learning rate keeps the model fixed, so every epoch has the same loss (up to the order of
        // summation): epoch 0 sets the best, epoch 1 does not improve by 1e-4, patience 1 stops after 2 epochs.
        var options = new TorchTrainerOptions { Schedule = new ZeroSchedule(), EarlyStoppingPatience = 1, EarlyStoppingMinDelta = 1e-4 };
        var (trainer, _) = Setup(options);
        using var backend = new TorchParameterBackend();
        using var model = backend.FromSpan(trainer.CreateInitialParameters(1));
        var delta = Run(trainer, model, 0, 10, 1, out var update, backend);
        Assert.Equal(2, update.LocalSteps);
        Assert.All(delta, v => Assert.Equal(0f, v));
        trainer.Dispose();
    }

    [Fact]
    public void A_tasks_learning_rate_schedule_replaces_the_trainers()
    {
        // The trainer's own schedule would train; the task's schedule (zero) keeps the model fixed, and a task's
        // constant rate equal to the default schedule's epoch-0 rate with one epoch gives the default's delta.
        var (trainer, _) = Setup(new TorchTrainerOptions { Optimizer = LocalOptimizer.Sgd, LearningRate = 0.05, DelayScaling = 0 });
        using var backend = new TorchParameterBackend();
        using var model = backend.FromSpan(trainer.CreateInitialParameters(1));
        var own = Run(trainer, model, 0, 1, 1, out _, backend);
        Assert.Contains(own, v => v != 0f);
        var zeroed = new ClientUpdate(backend.Allocate(trainer.Dimension));
        trainer.Execute(new ClientWork(0, 1, double.NaN, 1) { LearningRateSchedule = new ZeroSchedule() }, model, zeroed, RandomSource.Create(1, 0));
        Assert.All(zeroed.Payload.ToArray(), v => Assert.Equal(0f, v));
        var scheduled = new ClientUpdate(backend.Allocate(trainer.Dimension));
        trainer.Execute(new ClientWork(0, 1, double.NaN, 1) { LearningRateSchedule = new ConstantLearningRate(0.05) }, model, scheduled, RandomSource.Create(1, 0));
        Assert.Equal(own, scheduled.Payload.ToArray());
        trainer.Dispose();
    }

    [Fact]
    public void The_default_schedule_is_the_seed_papers_delay_aware_rate_with_the_configured_delay()
    {
        // γ₀ / (√(e+1)·(1 + α·D)) with γ₀ = 0.05, α = 0.5, D = 2: epoch 0 of the default equals a task sending that rate.
        var (trainer, _) = Setup(new TorchTrainerOptions { Optimizer = LocalOptimizer.Sgd, LearningRate = 0.05, DelayScaling = 0.5, ConfiguredDelaySeconds = 2 });
        using var backend = new TorchParameterBackend();
        using var model = backend.FromSpan(trainer.CreateInitialParameters(1));
        var own = Run(trainer, model, 0, 1, 1, out _, backend);
        double rate = new DelayAwareLearningRate(0.05, 0.5, DelayMeasure.ConfiguredMaxDelay, 2).GetRate(new LearningRateContext { Step = 0 });
        Assert.Equal(0.05 / 2.0, rate, 15);
        var sent = new ClientUpdate(backend.Allocate(trainer.Dimension));
        trainer.Execute(new ClientWork(0, 1, rate, 1), model, sent, RandomSource.Create(1, 0));
        Assert.Equal(own, sent.Payload.ToArray());
        trainer.Dispose();
    }

    [Fact]
    public void Steps_mode_counts_minibatches()
    {
        var (trainer, _) = Setup(new TorchTrainerOptions { Unit = LocalWorkUnit.Steps, BatchSize = 100 });
        using var backend = new TorchParameterBackend();
        using var model = backend.FromSpan(trainer.CreateInitialParameters(1));
        Run(trainer, model, 0, 7, 1, out var update, backend); // 256 samples: 3 batches per pass, 7 steps span 3 passes
        Assert.Equal(7, update.LocalSteps);
        trainer.Dispose();
    }

    [Fact]
    public void The_prox_term_keeps_the_model_closer_to_the_base()
    {
        double Norm(float[] v) => Math.Sqrt(v.Sum(x => (double)x * x));
        var (plain, _) = Setup(new TorchTrainerOptions { Optimizer = LocalOptimizer.Sgd, LearningRate = 0.05 });
        var (prox, _) = Setup(new TorchTrainerOptions { Optimizer = LocalOptimizer.Sgd, LearningRate = 0.05, ProxMu = 5 });
        using var backend = new TorchParameterBackend();
        using var model = backend.FromSpan(plain.CreateInitialParameters(1));
        double free = Norm(Run(plain, model, 0, 3, 1, out _, backend));
        double held = Norm(Run(prox, model, 0, 3, 1, out _, backend));
        Assert.True(held < free * 0.9, $"‖Δ‖ with μ = 5: {held}, without: {free}");
        plain.Dispose();
        prox.Dispose();
    }

    [Fact]
    public void Invalid_options_are_reported_together()
    {
        var e = Assert.Throws<ArgumentException>(() => new TorchTrainerOptions { BatchSize = 0, LearningRate = double.NaN, ProxMu = -1 }.Validate());
        Assert.Contains("BatchSize", e.Message, StringComparison.Ordinal);
        Assert.Contains("LearningRate", e.Message, StringComparison.Ordinal);
        Assert.Contains("ProxMu", e.Message, StringComparison.Ordinal);
    }

    private sealed class ZeroSchedule : ILearningRateSchedule
    {
        public string Name => "zero";

        public double GetRate(in LearningRateContext context) => 0;
    }
}
