/// Placeholder until the suite lands.
func runWavesBench() throws { print("(no figures yet)") }
