using System.Numerics.Tensors;

namespace Atelier.Kernels;

/// <summary>An element-wise binary operation with span forms for the common layouts.</summary>
internal interface IBinaryOperator
{
    static abstract float Invoke(float a, float b);
    static abstract void Invoke(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y);
    static abstract void Invoke(ReadOnlySpan<float> a, float b, Span<float> y);
    static abstract void Invoke(float a, ReadOnlySpan<float> b, Span<float> y);
}

internal readonly struct AddOperator : IBinaryOperator
{
    public static float Invoke(float a, float b) => a + b;
    public static void Invoke(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Add(a, b, y);
    public static void Invoke(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Add(a, b, y);
    public static void Invoke(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Add(b, a, y);
}

internal readonly struct SubtractOperator : IBinaryOperator
{
    public static float Invoke(float a, float b) => a - b;
    public static void Invoke(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Subtract(a, b, y);
    public static void Invoke(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Subtract(a, b, y);
    public static void Invoke(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Subtract(a, b, y);
}

internal readonly struct MultiplyOperator : IBinaryOperator
{
    public static float Invoke(float a, float b) => a * b;
    public static void Invoke(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Multiply(a, b, y);
    public static void Invoke(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Multiply(a, b, y);
    public static void Invoke(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Multiply(b, a, y);
}

internal readonly struct DivideOperator : IBinaryOperator
{
    public static float Invoke(float a, float b) => a / b;
    public static void Invoke(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Divide(a, b, y);
    public static void Invoke(ReadOnlySpan<float> a, float b, Span<float> y) => TensorPrimitives.Divide(a, b, y);
    public static void Invoke(float a, ReadOnlySpan<float> b, Span<float> y) => TensorPrimitives.Divide(a, b, y);
}

/// <summary>Copies the second operand (used to broadcast a tensor to a larger shape).</summary>
internal readonly struct CopySecondOperator : IBinaryOperator
{
    public static float Invoke(float a, float b) => b;
    public static void Invoke(ReadOnlySpan<float> a, ReadOnlySpan<float> b, Span<float> y) => b.CopyTo(y);
    public static void Invoke(ReadOnlySpan<float> a, float b, Span<float> y) => y.Fill(b);
    public static void Invoke(float a, ReadOnlySpan<float> b, Span<float> y) => b.CopyTo(y);
}
