leaf_7430.v
circuit_7430.v
fuzz_top.v
