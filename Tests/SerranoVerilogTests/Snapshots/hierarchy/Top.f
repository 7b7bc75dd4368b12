Accumulate.v
Scrambler.v
Top.v
