// Drives counter.v: reset for rising edges 0 and 1, then counts; a 10-tick clock period.
// Usage: Vcounter OUT.vcd CYCLES
#include <cstdlib>
#include "Vcounter.h"
#include "verilated.h"
#include "verilated_vcd_c.h"

int main(int argc, char** argv) {
    if (argc < 3) return 2;
    Verilated::traceEverOn(true);
    Vcounter* top = new Vcounter;
    VerilatedVcdC* trace = new VerilatedVcdC;
    top->trace(trace, 99);
    trace->open(argv[1]);
    const int cycles = std::atoi(argv[2]);
    vluint64_t time = 0;
    top->clk = 0;
    top->rst = 1;
    top->eval();
    trace->dump(time);
    for (int cycle = 0; cycle < cycles; ++cycle) {
        time += 5;
        top->clk = 1;
        top->eval();
        trace->dump(time);
        time += 5;
        top->clk = 0;
        if (cycle == 1) top->rst = 0;
        top->eval();
        trace->dump(time);
    }
    trace->close();
    delete trace;
    delete top;
    return 0;
}
