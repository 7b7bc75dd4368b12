// Ports wider than 64 bits: a combinational sum and a registered copy of it, 100 bits each,
// plus ports of exactly 64 and 65 bits and a 1-bit lane.
module wide (
    input          clock,
    input  [99:0]  a,
    input  [99:0]  b,
    input  [63:0]  word,
    input  [64:0]  word_plus_one,
    output [99:0]  sum,
    output [99:0]  sum_registered,
    output [63:0]  word_inverted,
    output [64:0]  word_plus_one_shifted,
    output         top_bit
);
  reg [99:0] held;
  reg [99:0] shadow /*verilator public*/;
  always @(posedge clock) begin
    held <= a + b;
    shadow <= a ^ b;
  end
  assign sum = a + b;
  assign sum_registered = held;
  assign word_inverted = ~word;
  assign word_plus_one_shifted = word_plus_one << 1;
  assign top_bit = a[99];
endmodule
