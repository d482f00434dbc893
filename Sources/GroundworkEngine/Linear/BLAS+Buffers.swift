import CBLAS
import GroundworkCore
import GroundworkIO

extension BLAS {
    /// C = A x B into a buffer the caller owns, all row-major and dense: A is rows x inner,
    /// B is inner x columns, C is rows x columns. The same `dgemm` as `multiply`, without the
    /// allocations, for the Monte Carlo blocks that reuse one buffer.
    static func multiply(
        _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, into c: UnsafeMutablePointer<Double>,
        rows: Int, inner: Int, columns: Int
    ) {
        guard rows > 0, columns > 0 else { return }
        guard inner > 0 else {
            c.update(repeating: 0, count: rows * columns)
            return
        }
        precondition(
            max(rows, inner, columns) <= Int(Int32.max), "matrix dimension exceeds the BLAS index range")
        cblas_dgemm(
            CblasRowMajor, CblasNoTrans, CblasNoTrans,
            Int32(rows), Int32(columns), Int32(inner),
            1.0, a, Int32(inner), b, Int32(columns), 0.0, c, Int32(columns))
    }
}
