using System.Runtime.CompilerServices;

namespace Atelier.Tests.Data;

/// <summary>Points the decoded-image cache of every test at a temporary folder, not the user's ~/.cache.</summary>
internal static class TestImageCache
{
#pragma warning disable CA2255 // A module initializer is the one hook that runs before any test loads an image folder.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseTemporaryFolder() =>
        Environment.SetEnvironmentVariable("ATELIER_CACHE", Path.Combine(Path.GetTempPath(), $"atelier-test-image-cache-{Environment.ProcessId}"));
}
