import SerranoCLI

// `dot-tool generate --all --out rtl`, `dot-tool lint rtl`, `dot-tool wave …`.
SerranoCommand.main(designs: ["dot": { DotEngine(lanes: 4) }])
