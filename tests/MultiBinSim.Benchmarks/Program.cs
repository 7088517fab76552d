using BenchmarkDotNet.Running;

// dotnet run -c Release --project tests/MultiBinSim.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
