// SerranoSupport: the small pieces every other target may share. It imports no other target.
//
// Randomness
//   - `SplitMix64`           the one seeded generator, with toolchain-independent bounded draws
//                            (`int(in:)`, `chance`, `pick`, `shuffled`, `bits`, `int8s`) and the
//                            per-case streams of the regression; `testSeed` for seeded tests.
//
// External programs
//   - `ToolProcess`          finds and runs a program: output interleaved (`run`) or stdout
//                            and stderr apart (`capture`); `ToolExit` says how it ended.
//
// Text
//   - `JSONText.quoted`      a JSON string literal.
//   - `XMLText.escape`       XML/HTML content and attribute values.
