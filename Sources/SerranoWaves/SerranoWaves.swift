// SerranoWaves
