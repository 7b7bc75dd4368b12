Arithmetic.v
