namespace Atelier.Benchmarks;

/// <summary>
/// One matrix product as a workload issues it: C (M, N) = op(A) (M, K) x op(B) (K, N), row-major, where
/// op(X) = X^T when its flag is set (then A is stored (K, M), B is stored (N, K)).
/// </summary>
public sealed record GemmShape(string Name, bool TransA, bool TransB, int M, int N, int K) : IFlopCount
{
    public int Lda => TransA ? M : K;

    public int Ldb => TransB ? K : N;

    public double Flops => 2.0 * M * N * K;

    public override string ToString() => $"{Name} ({M}x{N}x{K}{(TransA ? " A^T" : "")}{(TransB ? " B^T" : "")})";
}
