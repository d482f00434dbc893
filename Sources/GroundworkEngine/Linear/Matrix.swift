import GroundworkCore
import GroundworkIO
/// A dense row-major matrix of doubles: the operand of every BLAS call.
public struct Matrix: Sendable, Equatable {
    public let rows: Int
    public let columns: Int
    public var elements: [Double]

    public init(rows: Int, columns: Int, repeating value: Double = 0) {
        precondition(rows >= 0 && columns >= 0, "a matrix has non-negative dimensions")
        self.rows = rows
        self.columns = columns
        elements = [Double](repeating: value, count: rows * columns)
    }

    public init(rows: Int, columns: Int, elements: [Double]) {
        precondition(
            elements.count == rows * columns, "a \(rows) x \(columns) matrix needs \(rows * columns) elements"
        )
        self.rows = rows
        self.columns = columns
        self.elements = elements
    }

    public subscript(row: Int, column: Int) -> Double {
        get { elements[row * columns + column] }
        set { elements[row * columns + column] = newValue }
    }
}
