global using Xunit;
global using AsyncFl.Backends;
