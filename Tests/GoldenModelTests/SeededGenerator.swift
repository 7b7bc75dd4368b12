import GoldenModel
import SerranoSupport

extension SplitMix64 {
    /// A tensor of uniform int8 values.
    mutating func int8Tensor(_ shape: [Int]) -> Tensor<Int8> {
        let values = int8s(shape.reduce(1, *))
        // Shapes come from the test itself, so the count always matches.
        return (try? Tensor(shape: shape, elements: values)) ?? Tensor(zeros: shape)
    }
}
