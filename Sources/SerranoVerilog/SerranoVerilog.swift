// SerranoVerilog
