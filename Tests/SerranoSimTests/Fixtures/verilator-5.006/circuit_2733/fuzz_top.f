serrano_sram_1r1w_d16_w12_m4.v
serrano_sram_1r1w_d32_w3.v
leaf_2733.v
circuit_2733.v
fuzz_top.v
