import GroundworkCore
import GroundworkIO
import CBLAS

/// The BLAS calls Groundwork uses, in safe Swift. Only this file and BLAS+Buffers.swift import CBLAS.
public enum BLAS {
    /// C = A x B, through OpenBLAS `dgemm` (row-major).
    ///
    /// Cost O(A.rows x A.columns x B.columns).
    public static func multiply(_ a: Matrix, _ b: Matrix) -> Matrix {
        precondition(a.columns == b.rows, "cannot multiply \(a.rows)x\(a.columns) by \(b.rows)x\(b.columns)")
        var c = Matrix(rows: a.rows, columns: b.columns)
        guard a.rows > 0, b.columns > 0, a.columns > 0 else { return c }
        a.elements.withUnsafeBufferPointer { aBuffer in
            b.elements.withUnsafeBufferPointer { bBuffer in
                c.elements.withUnsafeMutableBufferPointer { cBuffer in
                    cblas_dgemm(
                        CblasRowMajor, CblasNoTrans, CblasNoTrans,
                        blasInt(a.rows), blasInt(b.columns), blasInt(a.columns),
                        1.0, aBuffer.baseAddress, blasInt(a.columns),
                        bBuffer.baseAddress, blasInt(b.columns),
                        0.0, cBuffer.baseAddress, blasInt(b.columns))
                }
            }
        }
        return c
    }

    /// Pins OpenBLAS to `count` threads, so that results do not depend on its own threading.
    /// With one thread, OpenBLAS's idle worker threads are stopped: they would spin for the
    /// cores that Groundwork's own threads need (a third of a core each on a busy machine).
    public static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(count))
        if count == 1 { _ = blas_thread_shutdown_() }
    }

    private static func blasInt(_ value: Int) -> Int32 {
        precondition(value <= Int(Int32.max), "matrix dimension \(value) exceeds the BLAS index range")
        return Int32(value)
    }
}
