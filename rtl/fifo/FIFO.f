Queue_PacketByte_w9_d4.v
FIFO.v
