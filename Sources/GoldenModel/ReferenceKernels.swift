/// Reference integer kernels in plain Swift: the definition of what the accelerator computes.
///
/// Sums wrap in int32 (ONNX `MatMulInteger` allows it; the accelerator's accumulators wrap too),
/// so results do not depend on summation order.
public enum ReferenceKernels {
    /// `C[m][n] = bias[n] + Σ_k (A[m][k] − zpA)·(B[k][n] − zpB)`, A: M×K, B: K×N, bias: N.
    public static func gemm(
        _ a: Tensor<Int8>, _ b: Tensor<Int8>, bias: [Int32]? = nil,
        inputZeroPoint: Int32 = 0, weightZeroPoint: Int32 = 0
    ) throws -> Tensor<Int32> {
        let (m, k, n) = try gemmShape(a, b, bias: bias)
        var out = [Int32](repeating: 0, count: m * n)
        // Subtracting zero points once, in int32, keeps the inner loop a plain multiply-add.
        let bShifted: [Int32] = b.elements.map { Int32($0) &- weightZeroPoint }
        a.elements.withUnsafeBufferPointer { aBuffer in
            bShifted.withUnsafeBufferPointer { bBuffer in
                out.withUnsafeMutableBufferPointer { cBuffer in
                    for row in 0..<m {
                        for col in 0..<n { cBuffer[row * n + col] = bias?[col] ?? 0 }
                        for inner in 0..<k {
                            let aValue = Int32(aBuffer[row * k + inner]) &- inputZeroPoint
                            if aValue == 0 { continue }
                            let bRow = inner * n
                            for col in 0..<n {
                                cBuffer[row * n + col] = cBuffer[row * n + col] &+ aValue &* bBuffer[bRow + col]
                            }
                        }
                    }
                }
            }
        }
        return try Tensor(shape: [m, n], elements: out)
    }

    /// `gemm` on matrices given as rows (M rows of K, K rows of N), returning M rows of N.
    public static func gemm(_ a: [[Int8]], _ b: [[Int8]]) throws -> [[Int32]] {
        let k = a.first?.count ?? 0, n = b.first?.count ?? 0
        let product = try gemm(Tensor(rows: a.count, columns: k, a.flatMap { $0 }), Tensor(rows: b.count, columns: n, b.flatMap { $0 }))
        return (0..<a.count).map { Array(product.elements[($0 * n)..<(($0 + 1) * n)]) }
    }

    /// Validates GEMM operand shapes and returns (M, K, N).
    public static func gemmShape(_ a: Tensor<Int8>, _ b: Tensor<Int8>, bias: [Int32]?) throws -> (Int, Int, Int) {
        guard a.rank == 2 else { throw TensorError.rankMismatch(name: "A", expected: 2, found: a.shape) }
        guard b.rank == 2 else { throw TensorError.rankMismatch(name: "B", expected: 2, found: b.shape) }
        guard a.shape[1] == b.shape[0] else {
            throw TensorError.shapeMismatch("A is \(a.shape[0])×\(a.shape[1]) but B is \(b.shape[0])×\(b.shape[1]): inner dimensions differ")
        }
        if let bias, bias.count != b.shape[1] {
            throw TensorError.shapeMismatch("bias has \(bias.count) elements, B has \(b.shape[1]) columns")
        }
        return (a.shape[0], a.shape[1], b.shape[1])
    }

    /// Requantizes every accumulator of an M×N matrix (column = output channel).
    public static func requantize(_ accumulators: Tensor<Int32>, _ requantization: Requantization) throws -> Tensor<Int8> {
        guard accumulators.rank == 2 else {
            throw TensorError.rankMismatch(name: "accumulators", expected: 2, found: accumulators.shape)
        }
        let columns = accumulators.shape[1]
        if case .perChannel(let list) = requantization.multipliers, list.count != columns {
            throw RequantizationError.channelCountMismatch(expected: columns, found: list.count)
        }
        var out = [Int8](repeating: 0, count: accumulators.elements.count)
        for (i, value) in accumulators.elements.enumerated() {
            out[i] = requantization.apply(value, channel: i % columns)
        }
        return try Tensor(shape: accumulators.shape, elements: out)
    }

    /// TFLite `FullyConnected` (int8): input [batch, inFeatures], weights [outFeatures, inFeatures]
    /// (TFLite's layout), bias [outFeatures]; weights are symmetric unless `weightZeroPoint` is set.
    public static func fullyConnected(
        input: Tensor<Int8>, weights: Tensor<Int8>, bias: [Int32]?,
        inputZeroPoint: Int32 = 0, weightZeroPoint: Int32 = 0
    ) throws -> Tensor<Int32> {
        try gemm(input, transpose(weights), bias: bias, inputZeroPoint: inputZeroPoint, weightZeroPoint: weightZeroPoint)
    }

    /// Transpose of a rank-2 tensor.
    public static func transpose<E>(_ t: Tensor<E>) throws -> Tensor<E> {
        guard t.rank == 2 else { throw TensorError.rankMismatch(name: "matrix", expected: 2, found: t.shape) }
        let rows = t.shape[0], columns = t.shape[1]
        var out = [E](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for c in 0..<columns { out[c * rows + r] = t.elements[r * columns + c] }
        }
        return try Tensor(shape: [columns, rows], elements: out)
    }
}
