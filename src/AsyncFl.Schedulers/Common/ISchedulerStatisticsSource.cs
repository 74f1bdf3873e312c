namespace AsyncFl.Schedulers;

/// <summary>A scheduler of this package: it keeps <see cref="SchedulerStatistics"/>.</summary>
internal interface ISchedulerStatisticsSource
{
    SchedulerStatistics Statistics { get; }
}
