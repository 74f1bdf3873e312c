global using AsyncFl.Backends;
global using Xunit;
