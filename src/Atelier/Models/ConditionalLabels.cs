namespace Atelier.Models;

/// <summary>Checks and draws the class labels that conditional models take.</summary>
public static class ConditionalLabels
{
    /// <summary>The labels, or a clear error when a conditional network got none or the wrong number.</summary>
    public static int[] Require(int[]? labels, int count, int classes)
    {
        if (labels is null)
            throw new ArgumentException("this model is class-conditional: give class labels (train on labelled data: an IDX file with its labels file, a folder with one sub-folder per class, mnist, shapes or patterns)");
        if (labels.Length != count) throw new ArgumentException($"{labels.Length} labels given for {count} inputs");
        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classes)
                throw new ArgumentException($"class label {labels[i]} at position {i} is outside the model's {classes} classes (0 to {classes - 1})");
        }
        return labels;
    }

    /// <summary>N labels drawn uniformly from [0, classes).</summary>
    public static int[] Draw(int count, int classes, Generator random)
    {
        var labels = new int[count];
        for (var i = 0; i < count; i++) labels[i] = random.NextInt(classes);
        return labels;
    }

    /// <summary>Labels 0, 1, .., classes - 1, 0, 1, ..: one class per grid column when the grid is classes wide.</summary>
    public static int[] Cycle(int count, int classes) => [.. Enumerable.Range(0, count).Select(i => i % classes)];

    /// <summary>One-hot rows (N, classes), a constant.</summary>
    public static Tensor OneHot(int[] labels, int classes)
    {
        var oneHot = Tensor.Zeros(labels.Length, classes);
        for (var i = 0; i < labels.Length; i++) oneHot.Data[i * classes + labels[i]] = 1f;
        return oneHot;
    }
}
