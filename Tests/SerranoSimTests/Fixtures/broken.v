// Fails to verilate: `missing_signal` is never declared (a generated line with its Swift origin).
module broken (
    input        clock,
    output [3:0] value
);
  assign value = missing_signal + 4'd1;  // Broken.swift:42
endmodule
