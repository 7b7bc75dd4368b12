Registers.v
