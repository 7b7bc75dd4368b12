Counter.v
