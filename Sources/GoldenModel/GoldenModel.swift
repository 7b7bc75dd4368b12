// GoldenModel — everything the accelerator must compute, in plain Swift integer arithmetic,
// independent of the DSL, so the RTL can be checked against it bit for bit.
//
// Public surface, by layer:
//
// Data and reference kernels
//   Tensor<Element>                  row-major int8 / int32 tensors (TensorError)
//   ReferenceKernels.gemm            A·B + bias with input/weight zero points, int32 wrap
//   ReferenceKernels.fullyConnected  TFLite FC (weights [out, in])
//   ReferenceKernels.conv2d          NHWC/OHWI, stride, padding, dilation, via im2col
//   ReferenceKernels.im2col / filterMatrix / requantize / transpose
//   Conv2DGeometry                   validated conv2d shapes and output extents
//
// Requantization (bit-exact with TFLite/LiteRT)
//   FixedPoint                       SRDHM, RoundingDivideByPOT, MultiplyByQuantizedMultiplier
//   RoundingMode                     .double (default) / .single (TFLITE_SINGLE_ROUNDING)
//   QuantizedMultiplier              (M0, shift), QuantizeMultiplier from a real scale
//   ActivationRange                  none / ReLU / ReLU6 clamps
//   Requantization                   per-tensor or per-channel, zero point, clamp (RequantizationError)
//
// The accelerator
//   AcceleratorConfig                rows × columns, SRAM rows/banks, bus, queue depths; .default, .tiny
//   Instruction, ExecutionUnit, Opcode, DependencyFlags     the ISA (VTA-style load/compute/store + tokens)
//   InstructionLayout, InstructionWord               128-bit encoding, field table, markdownTable()
//   Instruction.encoded() / init(decoding:), ProgramCoding   encoder and decoder
//   FunctionalModel, ExecutionStatistics             ISA-level model with queues, tokens, race checks
//   FunctionalModelError                             every illegal program, as a value
//
// Compilation
//   GEMMProblem, GEMMOutput          a layer and its reference answer
//   Tiler                            GEMM / FC / conv2d → CompiledProgram (program, DRAM, layout), runGEMM
//   TilingPlan, DRAMLayout, TilerError
//
// Interop
//   Npy, NpyArray, NpyError          .npy v1.0/v2.0 int8/int32 encoding and decoding (files: SerranoVerify)
//
// Elsewhere: the regression (`serrano verify`) and .npy files are SerranoVerify's, `serrano gemm`'s
// flags SerranoCLI's. GoldenModel imports no other target.

