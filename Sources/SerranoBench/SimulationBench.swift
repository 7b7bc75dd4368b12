/// Placeholder until the suite lands.
func runSimulationBench() throws { print("(no figures yet)") }
