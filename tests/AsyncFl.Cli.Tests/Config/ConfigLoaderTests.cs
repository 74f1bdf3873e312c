using AsyncFl.Cli.Config;
using Xunit;

namespace AsyncFl.Cli.Tests.Config;

public class ConfigLoaderTests
{
    [Fact]
    public void TinyConfigIsValid()
    {
        var r = ConfigLoader.Load(Configs.Tiny);
        Assert.Empty(r.Errors);
        Assert.Equal(2, r.Config!.Strategies!.Count);
        Assert.Equal(0.6, r.Config.Strategies[1].Aggregator!.Alpha);
        Assert.Equal(7, r.Config.Seed);
    }

    [Fact]
    public void UnknownKeysAreErrorsWithTheirPathsAndASuggestion()
    {
        string json = Configs.Tiny
            .Replace("\"alpha\": 0.6", "\"alfa\": 0.6", StringComparison.Ordinal)
            .Replace("\"seed\": 7,", "\"seed\": 7, \"colour\": \"red\",", StringComparison.Ordinal);
        var r = ConfigLoader.Load(json);
        Assert.Null(r.Config);
        Assert.Equal(2, r.Errors.Count);
        Assert.Contains(r.Errors, e => e.Path == "$.colour" && e.Message.StartsWith("unknown key", StringComparison.Ordinal));
        var alfa = Assert.Single(r.Errors, e => e.Path == "$.strategies[1].aggregator.alfa");
        Assert.Contains("did you mean 'alpha'?", alfa.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DuplicateKeysAreErrorsNotSilentlyTheLastValue()
    {
        string json = Configs.Tiny
            .Replace("\"seed\": 7,", "\"seed\": 7, \"seed\": 8,", StringComparison.Ordinal)
            .Replace("\"alpha\": 0.6", "\"alpha\": 0.6, \"alpha\": 0.9", StringComparison.Ordinal);
        var r = ConfigLoader.Load(json);
        Assert.Null(r.Config);
        Assert.Equal(2, r.Errors.Count);
        Assert.Contains(r.Errors, e => e.Path == "$.seed" && e.Message.StartsWith("duplicate key", StringComparison.Ordinal));
        Assert.Contains(r.Errors, e => e.Path == "$.strategies[1].aggregator.alpha" && e.Message.StartsWith("duplicate key", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryValueErrorIsReportedAtOnceWithItsPath()
    {
        string json = Configs.Tiny
            .Replace("\"alpha\": 0.6", "\"alpha\": 1.5", StringComparison.Ordinal)
            .Replace("\"count\": 3 }, { \"tier\": \"budget-phone\"", "\"count\": 0 }, { \"tier\": \"budget-fone\"", StringComparison.Ordinal)
            .Replace("\"clientsPerRound\": 3", "\"clientsPerRound\": 3, \"concurrency\": 2", StringComparison.Ordinal)
            .Replace("\"maxSimulatedSeconds\": 20", "\"maxSimulatedSeconds\": -1", StringComparison.Ordinal);
        var r = ConfigLoader.Load(json);
        var byPath = r.Errors.ToDictionary(e => e.Path, e => e.Message);
        Assert.Equal("must be in (0, 1], got 1.5.", byPath["$.strategies[1].aggregator.alpha"]);
        Assert.Equal("must be at least 1, got 0.", byPath["$.fleet.tiers[0].count"]);
        Assert.Contains("did you mean 'budget-phone'?", byPath["$.fleet.tiers[1].tier"], StringComparison.Ordinal);
        Assert.Contains("does not apply to kind 'sync-rounds'", byPath["$.strategies[0].scheduler.concurrency"], StringComparison.Ordinal);
        Assert.Equal("must be a finite number > 0, got -1.", byPath["$.stop.maxSimulatedSeconds"]);
        Assert.Equal(5, r.Errors.Count);
    }

    [Fact]
    public void RandKIsCheckedAndAppliesToShadowheartOnly()
    {
        string json = Configs.Tiny
            .Replace("{ \"kind\": \"sync-rounds\", \"clientsPerRound\": 3 }", "{ \"kind\": \"shadowheart\", \"randK\": 0 }", StringComparison.Ordinal)
            .Replace("\"concurrency\": 3", "\"concurrency\": 3, \"randK\": 4", StringComparison.Ordinal);
        var r = ConfigLoader.Load(json);
        var byPath = r.Errors.ToDictionary(e => e.Path, e => e.Message);
        Assert.Equal("must be at least 1, got 0.", byPath["$.strategies[0].scheduler.randK"]);
        Assert.Contains("does not apply to kind 'async'", byPath["$.strategies[1].scheduler.randK"], StringComparison.Ordinal);
        Assert.Equal(2, r.Errors.Count);
    }

    [Fact]
    public void ParticipationWeightingIsCheckedAndAppliesToAsyncOnly()
    {
        string ok = Configs.Tiny.Replace("\"concurrency\": 3", "\"concurrency\": 3, \"participationWeighting\": \"inter-arrival\"", StringComparison.Ordinal);
        var good = ConfigLoader.Load(ok);
        Assert.Empty(good.Errors);
        Assert.Equal("inter-arrival", good.Config!.Strategies![1].Scheduler!.ParticipationWeighting);

        string json = Configs.Tiny
            .Replace("\"clientsPerRound\": 3 }", "\"clientsPerRound\": 3, \"participationWeighting\": \"none\" }", StringComparison.Ordinal)
            .Replace("\"concurrency\": 3", "\"concurrency\": 3, \"participationWeighting\": \"speed\"", StringComparison.Ordinal);
        var r = ConfigLoader.Load(json);
        var byPath = r.Errors.ToDictionary(e => e.Path, e => e.Message);
        Assert.Contains("does not apply to kind 'sync-rounds'", byPath["$.strategies[0].scheduler.participationWeighting"], StringComparison.Ordinal);
        Assert.Contains("speed", byPath["$.strategies[1].scheduler.participationWeighting"], StringComparison.Ordinal);
        Assert.Equal(2, r.Errors.Count);
    }

    [Fact]
    public void WrongTypesAreReportedWithTheirPaths()
    {
        string json = Configs.Tiny
            .Replace("\"seed\": 7", "\"seed\": \"seven\"", StringComparison.Ordinal)
            .Replace("\"dimension\": 10", "\"dimension\": 2.5", StringComparison.Ordinal);
        var r = ConfigLoader.Load(json);
        Assert.Equal(["$.objective.dimension", "$.seed"], r.Errors.Select(e => e.Path).Order());
        Assert.Contains("must be a whole number", r.Errors.Single(e => e.Path == "$.seed").Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingPiecesAreNamed()
    {
        var r = ConfigLoader.Load("{ }");
        Assert.Equal(["$.fleet", "$.objective", "$.stop", "$.strategies"], r.Errors.Select(e => e.Path).Order());
    }

    [Fact]
    public void SyntaxErrorsGiveTheLine()
    {
        var r = ConfigLoader.Load("{\n  \"seed\": 1,\n  \"fleet\": \n}");
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("$ (line 4", e.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void SerializedConfigReadsBackIdentically()
    {
        var c = ConfigLoader.Load(Configs.Tiny).Config!;
        string once = ConfigLoader.Serialize(c);
        var again = ConfigLoader.Load(once);
        Assert.Empty(again.Errors);
        Assert.Equal(once, ConfigLoader.Serialize(again.Config!));
    }
}
