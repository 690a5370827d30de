/// Helpers for separable line filters (recursive Gaussian, B-spline prefilter) on row-major buffers.
enum LinePasses {
    /// Row-major `rows × cols` → `cols × rows`, in cache-sized tiles.
    static func transpose(_ src: UnsafePointer<Double>, rows: Int, cols: Int, into dst: UnsafeMutablePointer<Double>) {
        let tile = 32
        var r0 = 0
        while r0 < rows {
            let r1 = min(r0 + tile, rows)
            var c0 = 0
            while c0 < cols {
                let c1 = min(c0 + tile, cols)
                for r in r0..<r1 {
                    for c in c0..<c1 { dst[c * rows + r] = src[r * cols + c] }
                }
                c0 = c1
            }
            r0 = r1
        }
    }

    /// A line filter written for columns (`pass(input, output, scratch, rows, cols)` filters each column of a
    /// row-major `rows × cols` buffer, working a row at a time), applied to the rows of an `h × w` image: bands of
    /// up to 16 rows are transposed into a small tile, filtered as columns, and transposed back, so the data stays
    /// in cache and every line sees exactly the operations of the column filter. `dst` may equal `src`.
    static func alongRows(_ src: UnsafePointer<Double>, rows h: Int, cols w: Int, into dst: UnsafeMutablePointer<Double>,
                          _ pass: (UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>,
                                   UnsafeMutablePointer<Double>, Int, Int) -> Void) {
        let band = 16
        let capacity = band * w
        let tileIn = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        let tileOut = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        let tileScratch = UnsafeMutablePointer<Double>.allocate(capacity: capacity)
        defer { tileIn.deallocate(); tileOut.deallocate(); tileScratch.deallocate() }
        var r0 = 0
        while r0 < h {
            let k = min(band, h - r0)
            transpose(src + r0 * w, rows: k, cols: w, into: tileIn)
            pass(tileIn, tileOut, tileScratch, w, k)
            transpose(tileOut, rows: w, cols: k, into: dst + r0 * w)
            r0 += k
        }
    }
}
