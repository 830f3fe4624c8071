using System.Runtime.InteropServices;

namespace Atelier.Imaging.Jpeg;

/// <summary>
/// The system TurboJPEG library (libturbojpeg.so.0), loaded at run time when first needed; used for
/// the JPEG kinds the managed decoder does not handle (progressive, arithmetic-coded).
/// </summary>
internal static class TurboJpeg
{
    private const int PixelFormatRgb = 0, PixelFormatGrey = 6, ColourSpaceGrey = 2;

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate nint InitDecompress();

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int DecompressHeader3(nint handle, byte[] jpeg, CULong size, out int width, out int height, out int subsampling, out int colourSpace);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Decompress2(nint handle, byte[] jpeg, CULong size, byte[] destination, int width, int pitch, int height, int pixelFormat, int flags);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int Destroy(nint handle);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate nint GetErrorStr2(nint handle);

    private sealed record Functions(InitDecompress Init, DecompressHeader3 Header, Decompress2 Decompress, Destroy Destroy, GetErrorStr2 Error);

    private static readonly Lazy<Functions?> s_functions = new(Load);

    /// <summary>Whether libturbojpeg.so.0 could be loaded with every function needed.</summary>
    public static bool IsAvailable => s_functions.Value is not null;

    /// <summary>Decodes <paramref name="jpeg"/> to grey or RGB, or returns null when the library is missing.</summary>
    /// <exception cref="ImageFormatException">The library is present but cannot decode the data, or the image exceeds <paramref name="limits"/>.</exception>
    public static Image? TryDecode(byte[] jpeg, PngLimits limits)
    {
        if (s_functions.Value is not { } f)
            return null;
        nint handle = f.Init();
        if (handle == 0)
            throw new ImageFormatException("the TurboJPEG library could not start a decoder");
        try
        {
            if (f.Header(handle, jpeg, new CULong((nuint)jpeg.Length), out int width, out int height, out _, out int colourSpace) != 0)
                throw new ImageFormatException($"TurboJPEG cannot read the header: {Marshal.PtrToStringAnsi(f.Error(handle))}");
            JpegDecoder.CheckSize(width, height, limits);
            int channels = colourSpace == ColourSpaceGrey ? 1 : 3;
            var image = new Image(width, height, channels);
            if (f.Decompress(handle, jpeg, new CULong((nuint)jpeg.Length), image.Pixels, width, width * channels, height, channels == 1 ? PixelFormatGrey : PixelFormatRgb, 0) != 0)
                throw new ImageFormatException($"TurboJPEG cannot decode the image: {Marshal.PtrToStringAnsi(f.Error(handle))}");
            return image;
        }
        finally
        {
            f.Destroy(handle);
        }
    }

    private static Functions? Load()
    {
        if (!NativeLibrary.TryLoad("libturbojpeg.so.0", typeof(TurboJpeg).Assembly, null, out nint library))
            return null;
        T? Get<T>(string name) where T : Delegate =>
            NativeLibrary.TryGetExport(library, name, out nint address) ? Marshal.GetDelegateForFunctionPointer<T>(address) : null;
        var init = Get<InitDecompress>("tjInitDecompress");
        var header = Get<DecompressHeader3>("tjDecompressHeader3");
        var decompress = Get<Decompress2>("tjDecompress2");
        var destroy = Get<Destroy>("tjDestroy");
        var error = Get<GetErrorStr2>("tjGetErrorStr2");
        if (init is null || header is null || decompress is null || destroy is null || error is null)
            return null;
        return new Functions(init, header, decompress, destroy, error);
    }
}
