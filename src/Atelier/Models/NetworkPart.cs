using Atelier.NN;
using Atelier.NN.Optim;

namespace Atelier.Models;

/// <summary>One trained network of a model, its checkpoint prefix (<c>generator.</c>) and its optimiser.</summary>
public sealed record NetworkPart(string Prefix, Module Network, Optimizer Optimizer);
