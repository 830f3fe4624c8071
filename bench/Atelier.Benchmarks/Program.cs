using BenchmarkDotNet.Running;

// Pick benchmarks with BenchmarkDotNet's options, e.g. -- --filter '*Gemm*' --job short
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
