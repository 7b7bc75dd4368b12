// front file placeholder
