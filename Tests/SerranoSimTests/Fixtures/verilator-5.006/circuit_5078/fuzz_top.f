serrano_sram_1r1w_d16_w15.v
leaf_5078.v
circuit_5078.v
fuzz_top.v
