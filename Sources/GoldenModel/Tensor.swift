/// A dense, row-major (C order) integer tensor: the golden model's only data container.
public struct Tensor<Element: FixedWidthInteger & SignedInteger & Sendable>: Equatable, Sendable {
    /// Extent of each dimension, outermost first.
    public let shape: [Int]
    /// The elements in C order; `count == shape.product`.
    public private(set) var elements: [Element]

    /// Wraps `elements`; throws if their count does not match `shape`.
    public init(shape: [Int], elements: [Element]) throws {
        guard shape.allSatisfy({ $0 >= 0 }) else { throw TensorError.negativeExtent(shape) }
        let count = shape.reduce(1, *)
        guard count == elements.count else {
            throw TensorError.countMismatch(shape: shape, count: elements.count)
        }
        self.shape = shape
        self.elements = elements
    }

    /// A zero-filled tensor; negative extents are clamped to zero (caller-validated shapes).
    public init(zeros shape: [Int]) {
        self.shape = shape.map { Swift.max(0, $0) }
        self.elements = Array(repeating: 0, count: self.shape.reduce(1, *))
    }

    /// A rank-2 tensor from row-major values, for tests and examples.
    public init(rows: Int, columns: Int, _ values: [Element]) throws {
        try self.init(shape: [rows, columns], elements: values)
    }

    /// Rank (number of dimensions).
    public var rank: Int { shape.count }

    /// Element at a multi-dimensional index (the caller keeps the index in range).
    @inline(__always)
    public subscript(_ index: Int...) -> Element {
        get { elements[flatIndex(index)] }
        set { elements[flatIndex(index)] = newValue }
    }

    /// Row-major offset of `index`.
    @inline(__always)
    public func flatIndex(_ index: [Int]) -> Int {
        var offset = 0
        for (i, extent) in zip(index, shape) { offset = offset * extent + i }
        return offset
    }
}

/// Shape errors when building tensors or calling kernels.
public enum TensorError: Error, Equatable, CustomStringConvertible {
    case negativeExtent([Int])
    case countMismatch(shape: [Int], count: Int)
    case rankMismatch(name: String, expected: Int, found: [Int])
    case shapeMismatch(String)

    public var description: String {
        switch self {
        case .negativeExtent(let s): return "shape \(s) has a negative extent"
        case .countMismatch(let s, let c): return "shape \(s) needs \(s.reduce(1, *)) elements, found \(c)"
        case .rankMismatch(let n, let e, let f): return "\(n) must have rank \(e), found shape \(f)"
        case .shapeMismatch(let m): return m
        }
    }
}

/// An int8 or an int32 tensor: a layer's output (`GEMMOutput`, requantized or raw) and what a
/// `.npy` file holds (`NpyArray`) — one enum, so results go to files without conversion.
public enum IntegerTensor: Equatable, Sendable {
    case int8(Tensor<Int8>)
    case int32(Tensor<Int32>)

    /// The tensor's shape.
    public var shape: [Int] {
        switch self {
        case .int8(let t): return t.shape
        case .int32(let t): return t.shape
        }
    }

    /// NumPy's dtype string for the element type.
    public var dtype: String {
        switch self {
        case .int8: return "|i1"
        case .int32: return "<i4"
        }
    }

    /// The same values with a new shape of equal element count (NHWC for conv2d).
    public func reshaped(_ shape: [Int]) throws -> IntegerTensor {
        switch self {
        case .int8(let t): return .int8(try Tensor(shape: shape, elements: t.elements))
        case .int32(let t): return .int32(try Tensor(shape: shape, elements: t.elements))
        }
    }
}
