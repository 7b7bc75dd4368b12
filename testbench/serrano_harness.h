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
#define SERRANO_ABI_VERSION 3

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

// Port groups: many ports bound once, their values moved through one buffer of 64-bit words in
// one call. Port i of a group takes ceil(width_i / 64) consecutive little-endian words, in the
// order the group was created with. serrano_group_create returns the group's id (>= 0; valid
// until the instance is destroyed), or -1 for an index out of range or a port given twice.
int32_t serrano_group_create(serrano_instance* instance, const int32_t* ports, int32_t count);
// Status of the group calls below: >= 0 is the position in the group of the first port whose
// words have bits above its width (the group was written with those bits cut off and nothing
// was stepped: the caller reports the error, and the ports hold no valid value until poked).
#define SERRANO_OK (-1)
#define SERRANO_FINISHED (-2)  // $finish was reached
#define SERRANO_FAILED (-3)    // see serrano_error
// Writes every port of a group of inputs.
int32_t serrano_group_set(serrano_instance* instance, int32_t group, const uint64_t* words);
// Reads every port of a group.
int32_t serrano_group_get(serrano_instance* instance, int32_t group, uint64_t* words);
// One cycle of a testbench in one call: writes group `inputs` from `in`, runs `cycles` clock
// cycles like serrano_step, reads group `outputs` into `out`. A group id of -1 skips that side.
int32_t serrano_step_groups(serrano_instance* instance, int32_t inputs, const uint64_t* in, uint64_t cycles,
                            int32_t outputs, uint64_t* out);

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
