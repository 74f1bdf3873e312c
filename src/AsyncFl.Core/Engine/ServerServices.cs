using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace AsyncFl.Engine;

/// <summary>What the host lends a server: where its meter and its logger come from (both optional).</summary>
/// <param name="MeterFactory">Creates the server's meter; null: the server creates and disposes its own.</param>
/// <param name="LoggerFactory">Creates the server's logger; null: nothing is logged.</param>
internal sealed record ServerServices(IMeterFactory? MeterFactory, ILoggerFactory? LoggerFactory);
