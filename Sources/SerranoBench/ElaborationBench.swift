/// Placeholder until the suite lands.
func runElaborationBench() throws { print("(no figures yet)") }
