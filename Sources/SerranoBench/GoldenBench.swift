/// Placeholder until the suite lands.
func runGoldenBench() throws { print("(no figures yet)") }
