// A free-running counter with enable and synchronous active-high reset.
module counter #(
    parameter WIDTH = 8
) (
    input              clock,
    input              reset,
    input              enable,
    output [WIDTH-1:0] count,
    output             wrapped
);
  reg [WIDTH-1:0] value;
  reg [WIDTH-1:0] previous /*verilator public*/;  // Counter.swift:11
  always @(posedge clock) begin
    if (reset) begin
      value <= {WIDTH{1'b0}};  // Counter.swift:14
    end else if (enable) begin
      value <= value + 1'b1;  // Counter.swift:16
    end
    previous <= value;
  end
  assign count = value;
  assign wrapped = enable && (value == {WIDTH{1'b1}});  // Counter.swift:21
endmodule
