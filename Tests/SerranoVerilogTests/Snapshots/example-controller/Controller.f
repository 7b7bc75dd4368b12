Controller.v
