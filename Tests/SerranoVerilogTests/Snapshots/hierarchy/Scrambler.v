// A hand-written module the design instantiates as a black box.
module Scrambler (
    input  wire       clock,
    input  wire [7:0] in,
    output reg  [7:0] out
);
    always @(posedge clock) out <= {in[3:0], in[7:4]} ^ 8'h5a;
endmodule
