// SerranoIR: the typed netlist every layer shares.
