serrano_sram_1rw_d2_w16.v
leaf_7230.v
circuit_7230.v
fuzz_top.v
