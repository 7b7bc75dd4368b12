// Ports of every Verilator storage class declared interleaved, each echoed combinationally and
// through a register, so a port group's copies are checked port by port (PortGroupTests).
module mixed (
    input              clock,
    input      [7:0]   a8,
    input      [15:0]  b16,
    input      [6:0]   c7,
    input      [31:0]  d32,
    input              e1,
    input      [63:0]  f64,
    input      [12:0]  g13,
    input      [99:0]  h100,
    input      [40:0]  i41,
    input      [3:0]   j4,
    output     [7:0]   a8_out,
    output reg [15:0]  b16_out,
    output     [6:0]   c7_out,
    output reg [31:0]  d32_out,
    output             e1_out,
    output reg [63:0]  f64_out,
    output     [12:0]  g13_out,
    output reg [99:0]  h100_out,
    output     [40:0]  i41_out,
    output reg [3:0]   j4_out
);
    assign a8_out = ~a8;
    assign c7_out = c7 + 7'd3;
    assign e1_out = ^{a8, c7, e1};
    assign g13_out = g13 ^ 13'h1555;
    assign i41_out = i41 - 41'd1;
    always @(posedge clock) begin
        b16_out <= b16 + {8'd0, a8};
        d32_out <= d32 ^ {16'd0, b16};
        f64_out <= f64 + {32'd0, d32};
        h100_out <= {h100[98:0], h100[99]};
        j4_out <= j4 ^ {3'd0, e1};
    end
endmodule
