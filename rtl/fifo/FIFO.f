Queue_u8_d4.v
FIFO.v
