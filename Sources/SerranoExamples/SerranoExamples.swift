// SerranoExamples
