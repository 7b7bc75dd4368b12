// The C ABI over one Verilated model: the only symbols a model's shared library exports.
//
// SerranoSim (Swift) loads the library with dlopen(RTLD_NOW | RTLD_LOCAL) and resolves these
// functions once. Ports are addressed by their index in the port table, so a testbench's hot
// loop does no string lookups. Values wider than 64 bits travel as little-endian 64-bit words.
#ifndef SERRANO_HARNESS_H
#define SERRANO_HARNESS_H

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

// Bumped whenever a signature below changes; the loader refuses a library with another value.
#define SERRANO_ABI_VERSION 2

typedef struct serrano_instance serrano_instance;

enum serrano_direction { SERRANO_INPUT = 0, SERRANO_OUTPUT = 1, SERRANO_INOUT = 2 };

// One top-level port: its name, direction, width in bits and lowest bit index.
typedef struct serrano_port {
    const char* name;
    int32_t direction;
    int32_t width;
    int32_t lsb;
} serrano_port;

int32_t serrano_abi_version(void);
// The top module's name, and the trace format compiled in: 0 none, 1 VCD, 2 FST.
const char* serrano_top_name(void);
int32_t serrano_trace_format(void);

int32_t serrano_port_count(void);
const serrano_port* serrano_ports(void);

// A fresh instance with its own VerilatedContext (own time, own trace). NULL on failure.
serrano_instance* serrano_create(const char* instance_name);
void serrano_destroy(serrano_instance* instance);

// Ports of up to 64 bits. Writing an output port is ignored; the caller validates indices.
void serrano_set(serrano_instance* instance, int32_t port, uint64_t value);
uint64_t serrano_get(serrano_instance* instance, int32_t port);
// Ports of any width: ceil(width / 64) little-endian words.
void serrano_set_words(serrano_instance* instance, int32_t port, const uint64_t* words);
void serrano_get_words(serrano_instance* instance, int32_t port, uint64_t* words);

void serrano_eval(serrano_instance* instance);
// Runs `cycles` clock cycles on the input named `clock`: rising edge, eval, falling edge,
// eval; time advances 5 units a half cycle. Returns 0; 1 after $finish (every later call too);
// 2 when a $stop (a failed Serrano check) ended the cycle, which stops the run there with the
// text the model printed in serrano_error (a later call runs on); -1 when there is no clock.
int32_t serrano_step(serrano_instance* instance, uint64_t cycles);
uint64_t serrano_time(serrano_instance* instance);

// Opens a trace of the compiled-in format at `path`; 0 on success, else -1 (see serrano_error).
int32_t serrano_trace_open(serrano_instance* instance, const char* path);
void serrano_trace_close(serrano_instance* instance);

// Reads a signal marked /*verilator public*/ by its hierarchical name below the top
// (e.g. "counter.hidden"). Writes ceil(width / 64) words (at most max_words) and the width.
// Returns 0 on success, -1 when the signal is unknown or not a packed integer.
int32_t serrano_peek_public(serrano_instance* instance, const char* path,
                            uint64_t* words, int32_t max_words, int32_t* width);

// The last error message of this instance (never NULL).
const char* serrano_error(serrano_instance* instance);

#ifdef __cplusplus
}
#endif

#endif
