// SerranoSupport: the small pieces every other target may share. It imports no other target.
//
// Randomness
//   - `SplitMix64`           the one seeded generator, with toolchain-independent bounded draws
//                            (`int(in:)`, `chance`, `pick`, `shuffled`, `bits`, `int8s`) and the
//                            per-case streams of the regression; `testSeed` for seeded tests.
