namespace Atelier.Benchmarks;

/// <summary>A benchmark parameter that knows the floating-point operations of one call, for <see cref="GflopsColumn"/>.</summary>
public interface IFlopCount
{
    double Flops { get; }
}
