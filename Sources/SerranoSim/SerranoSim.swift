// SerranoSim
