using System.Runtime.InteropServices;

namespace CleanAuth.Infrastructure.Images;

/// <summary>
/// Hands memory the C heap has freed back to the system. libvips decodes on several threads, each with a heap
/// arena of glibc's own, and freed pixel buffers stay resident in those arenas: without this, covers decoded one
/// after another raise the resident set step by step although each frees its pixels (ADR 0045).
/// </summary>
internal static class NativeHeap
{
    private static bool _unavailable = !OperatingSystem.IsLinux();

    public static void Trim()
    {
        if (_unavailable)
        {
            return;
        }

        try
        {
            _ = MallocTrim(0);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // Not glibc (musl, say): nothing to trim this way.
            _unavailable = true;
        }
    }

    // DllImport rather than LibraryImport: the signature is blittable, and LibraryImport would need unsafe code here.
    [DllImport("libc", EntryPoint = "malloc_trim")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
