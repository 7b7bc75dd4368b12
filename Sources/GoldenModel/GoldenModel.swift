// GoldenModel
