serrano_sram_1r1w_d32_w12_m2.v
leaf_8452.v
circuit_8452.v
fuzz_top.v
