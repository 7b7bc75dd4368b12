// The generic half of a model's shared library: implements serrano_harness.h over any
// Verilated top. The model-specific half, serrano_model.h, is generated next to the Verilated
// sources by SerranoSim: it includes the model's header and defines the port table
// (serrano_port_table, serrano_port_storage), serrano_bind_ports() and the SERRANO_* macros.
#include "serrano_harness.h"
#include "serrano_hooks.h"
#include "serrano_model.h"

#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "verilated.h"
#include "verilated_syms.h"
#if SERRANO_TRACE_FORMAT == 1
#include "verilated_vcd_c.h"
typedef VerilatedVcdC SerranoTraceFile;
#elif SERRANO_TRACE_FORMAT == 2
#include "verilated_fst_c.h"
typedef VerilatedFstC SerranoTraceFile;
#endif

#define SERRANO_EXPORT extern "C" __attribute__((visibility("default")))

// How a port is stored in the Verilated class (Verilator's CData/SData/IData/QData/VlWide).
enum SerranoStorage { STORAGE_8 = 0, STORAGE_16 = 1, STORAGE_32 = 2, STORAGE_64 = 3, STORAGE_WIDE = 4 };

// One port of a group: where its value lives in the model and in the group's buffer.
struct serrano_group_entry {
    void* slot;
    int32_t storage;
    int32_t width;
    int32_t offset;    // first word in the buffer
    int32_t words;     // ceil(width / 64)
    uint64_t topMask;  // the valid bits of the last word
};

// A run of ports of up to 64 bits with the same storage class that lie side by side both in
// the model and in the group's buffer (Verilator declares a module's ports in order, so a group
// in port order is mostly a few runs): one narrowing or widening copy loop the compiler
// vectorizes, instead of a load of slot and offset per port.
struct serrano_span {
    void* slot;      // the first port's value in the model
    int32_t offset;  // the first port's word in the buffer
    int32_t count;   // ports (= buffer words) in the run
};

// The group's ports, in buffer order (for errors) and as runs by storage class; a write checks
// every buffer word against its port's width in one pass over `masks`, so the copies carry no
// checks: the per-cycle cost of a group is close to direct member access.
struct serrano_group {
    std::vector<serrano_group_entry> entries;
    std::vector<serrano_span> spans[4];  // CData, SData, IData, QData
    std::vector<serrano_group_entry> wide;
    std::vector<uint64_t> masks;  // per buffer word: the bits its port may set
    bool writable;  // every port is an input or inout
};

struct serrano_instance {
    // Declared first so it outlives the model, which keeps a pointer to it.
    VerilatedContext context;
    std::unique_ptr<SERRANO_MODEL_CLASS> model;
    void* slots[SERRANO_PORT_COUNT + 1] = {};
#if SERRANO_TRACE_FORMAT != 0
    std::unique_ptr<SerranoTraceFile> trace;
#endif
    std::string error;
    std::vector<serrano_group> groups;
    // What the model printed during the current call (see serrano_hooks.h).
    std::string output;
};

// Verilator's runtime reaches the "current" context through a thread-local ($finish, $display,
// scope teardown); with several instances on one thread, each entry point must set its own.
static inline void serrano_enter(serrano_instance* instance) {
    Verilated::threadContextp(&instance->context);
    serrano_capture_buffer = &instance->output;
}

// After a cycle: 0 running on, 1 $finish, 2 $stop or a failed check (the printed text goes to
// `error`, and the instance may run on: its stop is cleared).
static inline int32_t serrano_stop_status(serrano_instance* instance) {
    VerilatedContext& context = instance->context;
    if (!context.gotFinish()) return 0;
    if (!context.gotError()) return 1;
    instance->error = instance->output;
    instance->output.clear();
    context.gotFinish(false);
    context.gotError(false);
    return 2;
}

static inline bool serrano_tracing(serrano_instance* instance) {
#if SERRANO_TRACE_FORMAT != 0
    return instance->trace != nullptr;
#else
    (void)instance;
    return false;
#endif
}

static inline void serrano_dump(serrano_instance* instance) {
#if SERRANO_TRACE_FORMAT != 0
    if (instance->trace) instance->trace->dump(instance->context.time());
#else
    (void)instance;
#endif
}

SERRANO_EXPORT int32_t serrano_abi_version(void) { return SERRANO_ABI_VERSION; }
SERRANO_EXPORT const char* serrano_top_name(void) { return SERRANO_TOP_NAME; }
SERRANO_EXPORT int32_t serrano_trace_format(void) { return SERRANO_TRACE_FORMAT; }
SERRANO_EXPORT int32_t serrano_port_count(void) { return SERRANO_PORT_COUNT; }
SERRANO_EXPORT const serrano_port* serrano_ports(void) { return serrano_port_table; }

SERRANO_EXPORT serrano_instance* serrano_create(const char* instance_name) {
    serrano_instance* instance = new (std::nothrow) serrano_instance();
    if (!instance) return nullptr;
    // A $stop or a failed assertion must not abort the host process (the Swift test runner).
    serrano_enter(instance);
    instance->context.fatalOnError(false);
    instance->context.fatalOnVpiError(false);
#if SERRANO_TRACE_FORMAT != 0
    instance->context.traceEverOn(true);
#endif
    instance->model.reset(new SERRANO_MODEL_CLASS(&instance->context, instance_name ? instance_name : "TOP"));
    serrano_bind_ports(instance->model.get(), instance->slots);
    // Settle once with the clock low: Verilator samples the clock's previous value at the
    // first eval, so without this the first rising edge would go unseen.
    instance->model->eval();
    return instance;
}

SERRANO_EXPORT void serrano_destroy(serrano_instance* instance) {
    if (!instance) return;
    serrano_enter(instance);
#if SERRANO_TRACE_FORMAT != 0
    if (instance->trace) instance->trace->close();
    instance->trace.reset();
#endif
    instance->model->final();
    instance->model.reset();
    delete instance;
}

SERRANO_EXPORT void serrano_set(serrano_instance* instance, int32_t port, uint64_t value) {
    if (serrano_port_table[port].direction == SERRANO_OUTPUT) return;
    void* slot = instance->slots[port];
    switch (serrano_port_storage[port]) {
    case STORAGE_8: *static_cast<CData*>(slot) = static_cast<CData>(value); break;
    case STORAGE_16: *static_cast<SData*>(slot) = static_cast<SData>(value); break;
    case STORAGE_32: *static_cast<IData*>(slot) = static_cast<IData>(value); break;
    case STORAGE_64: *static_cast<QData*>(slot) = static_cast<QData>(value); break;
    default: {
        EData* words = static_cast<EData*>(slot);
        const int count = (serrano_port_table[port].width + 31) / 32;
        for (int i = 0; i < count; ++i) words[i] = i < 2 ? static_cast<EData>(value >> (32 * i)) : 0;
    }
    }
}

SERRANO_EXPORT uint64_t serrano_get(serrano_instance* instance, int32_t port) {
    const void* slot = instance->slots[port];
    switch (serrano_port_storage[port]) {
    case STORAGE_8: return *static_cast<const CData*>(slot);
    case STORAGE_16: return *static_cast<const SData*>(slot);
    case STORAGE_32: return *static_cast<const IData*>(slot);
    case STORAGE_64: return *static_cast<const QData*>(slot);
    default: {
        const EData* words = static_cast<const EData*>(slot);
        return static_cast<uint64_t>(words[0]) | (static_cast<uint64_t>(words[1]) << 32);
    }
    }
}

// Copies between Verilator's 32-bit words and the ABI's 64-bit words.
static void serrano_pack(const EData* from, int width, uint64_t* to) {
    const int narrow = (width + 31) / 32;
    for (int i = 0; i < (width + 63) / 64; ++i) {
        uint64_t word = from[2 * i];
        if (2 * i + 1 < narrow) word |= static_cast<uint64_t>(from[2 * i + 1]) << 32;
        to[i] = word;
    }
}

static void serrano_unpack(const uint64_t* from, int width, EData* to) {
    const int narrow = (width + 31) / 32;
    for (int i = 0; i < narrow; ++i) to[i] = static_cast<EData>(from[i / 2] >> (32 * (i % 2)));
}

SERRANO_EXPORT void serrano_set_words(serrano_instance* instance, int32_t port, const uint64_t* words) {
    if (serrano_port_storage[port] != STORAGE_WIDE) {
        serrano_set(instance, port, words[0]);
        return;
    }
    if (serrano_port_table[port].direction == SERRANO_OUTPUT) return;
    serrano_unpack(words, serrano_port_table[port].width, static_cast<EData*>(instance->slots[port]));
}

SERRANO_EXPORT void serrano_get_words(serrano_instance* instance, int32_t port, uint64_t* words) {
    if (serrano_port_storage[port] != STORAGE_WIDE) {
        words[0] = serrano_get(instance, port);
        return;
    }
    serrano_pack(static_cast<const EData*>(instance->slots[port]), serrano_port_table[port].width, words);
}

SERRANO_EXPORT int32_t serrano_group_create(serrano_instance* instance, const int32_t* ports, int32_t count) {
    serrano_group group;
    group.writable = true;
    std::vector<bool> seen(SERRANO_PORT_COUNT, false);
    int32_t offset = 0;
    for (int32_t i = 0; i < count; ++i) {
        const int32_t port = ports[i];
        if (port < 0 || port >= SERRANO_PORT_COUNT) {
            instance->error = "port index " + std::to_string(port) + " is out of range";
            return -1;
        }
        if (seen[port]) {
            instance->error = std::string("port `") + serrano_port_table[port].name + "` is in the group twice";
            return -1;
        }
        seen[port] = true;
        const int32_t width = serrano_port_table[port].width;
        const int32_t words = (width + 63) / 64;
        const int32_t topBits = width - 64 * (words - 1);
        const uint64_t topMask = topBits >= 64 ? ~0ULL : (1ULL << topBits) - 1;
        const serrano_group_entry entry = {instance->slots[port], serrano_port_storage[port], width, offset, words, topMask};
        group.entries.push_back(entry);
        if (entry.storage == STORAGE_WIDE) {
            group.wide.push_back(entry);
        } else {
            static const int32_t bytes[4] = {1, 2, 4, 8};
            std::vector<serrano_span>& spans = group.spans[entry.storage];
            serrano_span* last = spans.empty() ? nullptr : &spans.back();
            if (last && last->offset + last->count == offset &&
                static_cast<char*>(last->slot) + bytes[entry.storage] * last->count == static_cast<char*>(entry.slot)) {
                last->count += 1;
            } else {
                spans.push_back({entry.slot, offset, 1});
            }
        }
        for (int32_t word = 0; word < words; ++word) group.masks.push_back(word == words - 1 ? topMask : ~0ULL);
        if (serrano_port_table[port].direction == SERRANO_OUTPUT) group.writable = false;
        offset += words;
    }
    instance->groups.push_back(std::move(group));
    return static_cast<int32_t>(instance->groups.size() - 1);
}

__attribute__((always_inline)) static inline const serrano_group* serrano_find_group(serrano_instance* instance, int32_t group) {
    if (group < 0 || static_cast<size_t>(group) >= instance->groups.size()) {
        instance->error = "no port group " + std::to_string(group);
        return nullptr;
    }
    return &instance->groups[group];
}

// The copies are vectorized under g++ too (its -O2 vectorizes only loops it deems very cheap).
#if defined(__GNUC__) && !defined(__clang__)
#define SERRANO_VECTORIZE __attribute__((optimize("tree-vectorize")))
#else
#define SERRANO_VECTORIZE
#endif

template <typename T>
SERRANO_VECTORIZE static inline void serrano_store(const std::vector<serrano_span>& spans, const uint64_t* words) {
    for (const serrano_span& span : spans) {
        // Locals, not span's fields: a CData store may alias anything, which would stop the
        // compiler from keeping the count in a register and vectorizing.
        T* __restrict to = static_cast<T*>(span.slot);
        const uint64_t* __restrict from = words + span.offset;
        const int32_t count = span.count;
        for (int32_t i = 0; i < count; ++i) to[i] = static_cast<T>(from[i]);
    }
}

template <typename T>
SERRANO_VECTORIZE static inline void serrano_load(const std::vector<serrano_span>& spans, uint64_t* words) {
    for (const serrano_span& span : spans) {
        const T* __restrict from = static_cast<const T*>(span.slot);
        uint64_t* __restrict to = words + span.offset;
        const int32_t count = span.count;
        for (int32_t i = 0; i < count; ++i) to[i] = from[i];
    }
}

// The OR of every buffer word's bits above its port's width: zero when every value fits.
SERRANO_VECTORIZE static inline uint64_t serrano_excess(const std::vector<uint64_t>& masks, const uint64_t* words) {
    uint64_t excess = 0;
    const size_t count = masks.size();
    const uint64_t* mask = masks.data();
    for (size_t i = 0; i < count; ++i) excess |= words[i] & ~mask[i];
    return excess;
}

// Writes every port; a value with bits above its port's width is written truncated and
// reported by its position in the group (the caller raises an error: poke the group again).
static inline int32_t serrano_group_write(serrano_instance* instance, const serrano_group& group, const uint64_t* words) {
    if (!group.writable) {
        instance->error = "the group holds an output; only inputs can be written";
        return SERRANO_FAILED;
    }
    serrano_store<CData>(group.spans[STORAGE_8], words);
    serrano_store<SData>(group.spans[STORAGE_16], words);
    serrano_store<IData>(group.spans[STORAGE_32], words);
    serrano_store<QData>(group.spans[STORAGE_64], words);
    for (const serrano_group_entry& entry : group.wide) serrano_unpack(words + entry.offset, entry.width, static_cast<EData*>(entry.slot));
    if (__builtin_expect(serrano_excess(group.masks, words) != 0, 0)) {
        for (size_t i = 0; i < group.entries.size(); ++i) {
            const serrano_group_entry& entry = group.entries[i];
            if (words[entry.offset + entry.words - 1] & ~entry.topMask) return static_cast<int32_t>(i);
        }
    }
    return SERRANO_OK;
}

static inline void serrano_group_read(const serrano_group& group, uint64_t* words) {
    serrano_load<CData>(group.spans[STORAGE_8], words);
    serrano_load<SData>(group.spans[STORAGE_16], words);
    serrano_load<IData>(group.spans[STORAGE_32], words);
    serrano_load<QData>(group.spans[STORAGE_64], words);
    for (const serrano_group_entry& entry : group.wide) {
        serrano_pack(static_cast<const EData*>(entry.slot), entry.width, words + entry.offset);
    }
}

SERRANO_EXPORT int32_t serrano_group_set(serrano_instance* instance, int32_t group, const uint64_t* words) {
    const serrano_group* found = serrano_find_group(instance, group);
    return found ? serrano_group_write(instance, *found, words) : SERRANO_FAILED;
}

SERRANO_EXPORT int32_t serrano_group_get(serrano_instance* instance, int32_t group, uint64_t* words) {
    const serrano_group* found = serrano_find_group(instance, group);
    if (!found) return SERRANO_FAILED;
    serrano_group_read(*found, words);
    return SERRANO_OK;
}

SERRANO_EXPORT void serrano_eval(serrano_instance* instance) {
    serrano_enter(instance);
    instance->model->eval();
}

static inline int32_t serrano_run(serrano_instance* instance, uint64_t cycles) {
#if SERRANO_HAS_CLOCK
    serrano_enter(instance);
    instance->output.clear();
    SERRANO_MODEL_CLASS* model = instance->model.get();
    VerilatedContext& context = instance->context;
    if (context.gotFinish()) return 1;
    if (serrano_tracing(instance)) {
        for (uint64_t cycle = 0; cycle < cycles; ++cycle) {
            // Settle the inputs poked since the last edge so the trace shows them before it.
            const uint64_t start = context.time();
            model->eval();
            context.time(start + 1);
            serrano_dump(instance);
            model->clock = 1;
            model->eval();
            context.time(start + 5);
            serrano_dump(instance);
            model->clock = 0;
            model->eval();
            context.time(start + 10);
            serrano_dump(instance);
            const int32_t status = serrano_stop_status(instance);
            if (status != 0) return status;
        }
    } else {
        for (uint64_t cycle = 0; cycle < cycles; ++cycle) {
            model->clock = 1;
            model->eval();
            model->clock = 0;
            model->eval();
            if (context.gotFinish()) {
                context.time(context.time() + 10 * (cycle + 1));
                return serrano_stop_status(instance);
            }
        }
        context.time(context.time() + 10 * cycles);
    }
    return 0;
#else
    (void)cycles;
    instance->error = "the model has no input named `clock`";
    return -1;
#endif
}

SERRANO_EXPORT int32_t serrano_step(serrano_instance* instance, uint64_t cycles) { return serrano_run(instance, cycles); }

SERRANO_EXPORT int32_t serrano_step_groups(serrano_instance* instance, int32_t inputs, const uint64_t* in, uint64_t cycles,
                                           int32_t outputs, uint64_t* out) {
    if (inputs >= 0) {
        const serrano_group* group = serrano_find_group(instance, inputs);
        if (!group) return SERRANO_FAILED;
        const int32_t status = serrano_group_write(instance, *group, in);
        if (status != SERRANO_OK) return status;
    }
    const int32_t stepped = serrano_run(instance, cycles);
    if (stepped < 0) return SERRANO_FAILED;
    if (outputs >= 0) {
        const serrano_group* group = serrano_find_group(instance, outputs);
        if (!group) return SERRANO_FAILED;
        serrano_group_read(*group, out);
    }
    return stepped == 1 ? SERRANO_FINISHED : SERRANO_OK;
}

SERRANO_EXPORT uint64_t serrano_time(serrano_instance* instance) { return instance->context.time(); }

SERRANO_EXPORT int32_t serrano_trace_open(serrano_instance* instance, const char* path) {
#if SERRANO_TRACE_FORMAT != 0
    serrano_enter(instance);
    if (instance->trace) {
        instance->error = "a trace is already open";
        return -1;
    }
    std::unique_ptr<SerranoTraceFile> trace(new SerranoTraceFile());
    // Depth is fixed at build time (--trace-depth / .vlt); Verilator ignores `levels` here.
    instance->model->trace(trace.get(), 99);
    trace->open(path);
    if (!trace->isOpen()) {
        instance->error = std::string("cannot open trace file ") + path;
        return -1;
    }
    instance->trace = std::move(trace);
    instance->model->eval();
    serrano_dump(instance);
    return 0;
#else
    (void)path;
    instance->error = "the model was built without tracing";
    return -1;
#endif
}

SERRANO_EXPORT void serrano_trace_close(serrano_instance* instance) {
#if SERRANO_TRACE_FORMAT != 0
    if (!instance->trace) return;
    serrano_enter(instance);
    instance->trace->close();
    instance->trace.reset();
#else
    (void)instance;
#endif
}

SERRANO_EXPORT int32_t serrano_peek_public(serrano_instance* instance, const char* path,
                                           uint64_t* words, int32_t max_words, int32_t* width) {
    std::string full(path);
    const size_t dot = full.rfind('.');
    if (dot == std::string::npos) {
        instance->error = "expected SCOPE.SIGNAL, got " + full;
        return -1;
    }
    const std::string scopeName = std::string(instance->model->name()) + "." + full.substr(0, dot);
    const VerilatedScope* scope = instance->context.scopeFind(scopeName.c_str());
    if (!scope) {
        instance->error = "no scope " + full.substr(0, dot) + " (is a signal in it marked /*verilator public*/?)";
        return -1;
    }
    const VerilatedVar* var = scope->varFind(full.substr(dot + 1).c_str());
    if (!var) {
        instance->error = "no public signal " + full;
        return -1;
    }
    if (var->udims() != 0) {
        instance->error = full + " is an unpacked array; peek its elements through ports instead";
        return -1;
    }
    const int bits = var->packed().elements();
    *width = bits;
    const int needed = (bits + 63) / 64;
    if (needed > max_words) {
        instance->error = "buffer too small for " + full;
        return -1;
    }
    const void* data = var->datap();
    switch (var->vltype()) {
    case VLVT_UINT8: words[0] = *static_cast<const CData*>(data); break;
    case VLVT_UINT16: words[0] = *static_cast<const SData*>(data); break;
    case VLVT_UINT32: words[0] = *static_cast<const IData*>(data); break;
    case VLVT_UINT64: words[0] = *static_cast<const QData*>(data); break;
    case VLVT_WDATA: serrano_pack(static_cast<const EData*>(data), bits, words); break;
    default: instance->error = full + " is not a packed integer"; return -1;
    }
    return 0;
}

SERRANO_EXPORT const char* serrano_error(serrano_instance* instance) {
    return instance ? instance->error.c_str() : "no instance";
}
