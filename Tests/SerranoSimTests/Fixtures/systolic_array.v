// An N x N weight-stationary systolic array of signed int8 multiply-accumulate cells.
//
// Weights: while load_weights is high, weight rows shift down one row a cycle (row 0 takes
// weights_in), so after N cycles row i holds the row fed N-1-i cycles earlier.
// Activations: lane i of activations_in enters row i and moves one column right a cycle.
// Partial sums move one row down a cycle; column j's result leaves row N-1 on sums_out lane j.
// Fed skewed (lane i delayed by i cycles), row m of A reaches sums_out lane j at cycle
// m + N - 1 + j:   sums_out[j] = sum over i of A[m][i] * W[i][j]  (32-bit, wrapping).
module systolic_array #(
    parameter N = 4
) (
    input                 clock,
    input                 reset,
    input                 load_weights,
    input  [8*N-1:0]      weights_in,
    input  [8*N-1:0]      activations_in,
    output [32*N-1:0]     sums_out
);
  wire [7:0]  activation [0:N][0:N-1];   // activation[j][i]: entering column j of row i
  wire [7:0]  weight     [0:N][0:N-1];   // weight[i][j]: entering row i of column j
  wire [31:0] psum       [0:N][0:N-1];   // psum[i][j]: entering row i of column j

  genvar i, j;
  generate
    for (i = 0; i < N; i = i + 1) begin : lanes
      assign activation[0][i] = activations_in[8*i +: 8];
      assign weight[0][i] = weights_in[8*i +: 8];
      assign psum[0][i] = 32'd0;
      assign sums_out[32*i +: 32] = psum[N][i];
    end
    for (i = 0; i < N; i = i + 1) begin : row
      for (j = 0; j < N; j = j + 1) begin : column
        processing_element pe (
            .clock(clock),
            .reset(reset),
            .load_weight(load_weights),
            .weight_in(weight[i][j]),
            .activation_in(activation[j][i]),
            .sum_in(psum[i][j]),
            .weight_out(weight[i+1][j]),
            .activation_out(activation[j+1][i]),
            .sum_out(psum[i+1][j])
        );
      end
    end
  endgenerate
endmodule

// One cell: holds a weight, passes activations right and partial sums down, both registered.
module processing_element (
    input             clock,
    input             reset,
    input             load_weight,
    input      [7:0]  weight_in,
    input      [7:0]  activation_in,
    input      [31:0] sum_in,
    output     [7:0]  weight_out,
    output reg [7:0]  activation_out,
    output reg [31:0] sum_out
);
  reg [7:0] weight;
  wire signed [15:0] product = $signed(activation_in) * $signed(weight);
  always @(posedge clock) begin
    if (reset) begin
      weight <= 8'd0;
      activation_out <= 8'd0;
      sum_out <= 32'd0;
    end else begin
      if (load_weight) weight <= weight_in;
      activation_out <= activation_in;
      sum_out <= sum_in + {{16{product[15]}}, product};
    end
  end
  assign weight_out = weight;
endmodule
