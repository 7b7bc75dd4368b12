// Ports declared out of Verilator's storage-size order (32, 1, 64, 8, 1, 100 bits), for
// ThreadedModelTests: a model must list them in this order whatever its build options.
module port_order (
    input  wire [31:0] a,
    input  wire        clock,
    output wire [63:0] wide_sum,
    input  wire [7:0]  b,
    output wire        parity,
    input  wire [99:0] w,
    output reg  [31:0] total
);
    assign wide_sum = {32'd0, a} + {56'd0, b} + w[63:0];
    assign parity = ^{a, b, w};
    always @(posedge clock) total <= total + a + {24'd0, b};
endmodule
