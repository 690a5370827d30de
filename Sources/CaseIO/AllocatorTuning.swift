#if canImport(Glibc)
import Glibc
#endif

/// Process-wide allocator settings for long extraction runs.
///
/// Every case allocates a few image-sized buffers (wavelet planes, crops, discretised levels). With glibc's defaults
/// buffers above the mmap threshold are mapped and unmapped each time, and the freed top of the heap is given back
/// to the kernel, so each case pays again for zero-filled fresh pages: about a third of the extraction time in
/// `radfleet-bench extract` went to page faults. Keeping freed memory in the process removes that cost; the
/// working set stays bounded by the largest case.
public enum AllocatorTuning {
    /// Serves large buffers from the heap and keeps freed memory for reuse (glibc only; a no-op elsewhere).
    public static func retainFreedMemory() {
        #if canImport(Glibc)
        // `mallopt` is declared in <malloc.h>, which the Glibc module does not export: look it up instead.
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "mallopt") else { return }
        typealias Mallopt = @convention(c) (Int32, Int32) -> Int32
        let mallopt = unsafeBitCast(symbol, to: Mallopt.self)
        let trimThreshold: Int32 = -1, topPad: Int32 = -2, mmapThreshold: Int32 = -3  // M_* in <malloc.h>
        _ = mallopt(mmapThreshold, 512 << 20)
        _ = mallopt(trimThreshold, Int32.max)
        _ = mallopt(topPad, 64 << 20)
        #endif
    }
}
