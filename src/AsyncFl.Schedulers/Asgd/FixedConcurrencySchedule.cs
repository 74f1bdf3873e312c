using System.Globalization;

namespace AsyncFl.Schedulers;

/// <summary>A schedule asked with a fixed <see cref="LearningRateContext.Concurrency"/> M instead of the scheduler's.</summary>
internal sealed class FixedConcurrencySchedule(ILearningRateSchedule inner, int concurrency) : ILearningRateSchedule
{
    public string Name => string.Create(CultureInfo.InvariantCulture, $"{inner.Name} with M={concurrency}");

    public double GetRate(in LearningRateContext context) => inner.GetRate(context with { Concurrency = concurrency });
}
