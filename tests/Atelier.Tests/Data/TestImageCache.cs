using System.Runtime.CompilerServices;

namespace Atelier.Tests.Data;

/// <summary>Points the caches of every test (decoded images, feature extractors) at a temporary folder, not the user's ~/.cache, and removes it when the tests end.</summary>
internal static class TestImageCache
{
#pragma warning disable CA2255 // A module initializer is the one hook that runs before any test loads an image folder.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void UseTemporaryFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"atelier-test-image-cache-{Environment.ProcessId}");
        Environment.SetEnvironmentVariable("ATELIER_CACHE", folder);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        };
    }
}
