// An 8-bit counter with synchronous reset, traced by Verilator in SerranoWavesTests.
module counter (
    input  wire       clk,
    input  wire       rst,
    output reg  [7:0] count,
    output wire       wrap
);
    always @(posedge clk) begin
        if (rst) count <= 8'd0;
        else     count <= count + 8'd1;
    end
    assign wrap = count == 8'hff;
endmodule
