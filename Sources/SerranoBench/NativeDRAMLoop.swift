import Foundation
import GoldenModel
import SerranoSim
import SerranoSupport
import SerranoVerify
import SerranoVerilator

/// `AcceleratorHarness.run` and its `DRAMModel` as a plain C++ `main()` driving the Verilated
/// accelerator's members directly: the baseline the Swift harness is measured against. The same
/// reset (two cycles), the same per-cycle decisions in the same order (bandwidth refill,
/// instruction offer, request acceptance with the seeded request back-pressure, the read served
/// or the write stored, the due response with the seeded response back-pressure), the same
/// clock edges, time step and `$finish` check as the harness's step, and the same limits
/// (latency, bytes per cycle, reads in flight, cycle limit).
///
/// The program and the DRAM image go to the child through a file (`Job`); it writes the final
/// DRAM to a second file and prints the cycle count, its times and the `counter_*` ports.
public struct NativeDRAMLoop: Sendable {
    /// The executable (in the model's cache entry, `native/dram-FORMAT`).
    public let executable: URL

    /// What a run gives back, to compare with `AcceleratorRun`.
    public struct Result: Sendable {
        /// Cycles from the end of reset to `done` (`AcceleratorRun.simulatedCycles`).
        public let cycles: UInt64
        public let dram: [UInt8]
        /// The `counter_*` ports after `done`, by name without the prefix.
        public let counters: [String: UInt64]
        /// Wall and thread CPU time of the reset and the loop.
        public let seconds: Double
        public let cpuSeconds: Double
    }

    /// Generates, compiles and links the loop for a built accelerator model (reused when present).
    public static func build(for build: VerilatorBuild) throws -> NativeDRAMLoop {
        // The suffix changes with the generated source's file formats, so old loops are not reused.
        NativeDRAMLoop(executable: try NativeProgram.build(for: build, stem: "dram", executable: "dram-1", source: mainSource))
    }

    /// The input file's first eight bytes.
    static let jobMagic: [UInt8] = Array("SRNDRAM1".utf8)

    /// The input file: the magic, then little-endian 64-bit words — latency, bytes per cycle,
    /// reads in flight, request and response back-pressure percent, seed, bus bytes, cycle
    /// limit, instruction count, DRAM size — then two words (low, high) per instruction and the
    /// DRAM bytes.
    static func job(_ program: [Instruction], dram: [UInt8], profile: DRAMProfile, busBytes: Int, cycleLimit: UInt64) throws -> Data {
        let words = try program.map { try $0.encoded() }
        var header: [UInt64] = [
            UInt64(profile.latency), UInt64(profile.bytesPerCycle), UInt64(profile.maxOutstanding),
            UInt64(profile.requestStallPercent), UInt64(profile.responseStallPercent), profile.seed,
            UInt64(busBytes), cycleLimit, UInt64(words.count), UInt64(dram.count),
        ]
        for word in words { header += [word.low, word.high] }
        var data = Data(jobMagic)
        data.reserveCapacity(jobMagic.count + 8 * header.count + dram.count)
        for word in header { withUnsafeBytes(of: word.littleEndian) { data.append(contentsOf: $0) } }
        data.append(contentsOf: dram)
        return data
    }

    /// Runs `program` against `dram` in a child process, as `AcceleratorHarness.run` would.
    public func run(_ program: [Instruction], dram: [UInt8], profile: DRAMProfile, busBytes: Int,
                    cycleLimit: UInt64 = 50_000_000) throws -> Result {
        try profile.validate()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("serrano-dram-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("job.bin"), output = folder.appendingPathComponent("dram.bin")
        try Self.job(program, dram: dram, profile: profile, busBytes: busBytes, cycleLimit: cycleLimit).write(to: input)
        let result = try ToolProcess.run(executable.path, [input.path, output.path])
        let lines = result.output.split(separator: "\n")
        let fields = lines.first?.split(separator: " ") ?? []
        guard result.status == 0, fields.count == 4, fields[0] == "done", let cycles = UInt64(fields[1]),
              let seconds = Double(fields[2]), let cpuSeconds = Double(fields[3])
        else {
            throw VerilatorBuildError.io("the native DRAM loop \(executable.path) failed: \(result.output)")
        }
        var counters: [String: UInt64] = [:]
        for line in lines.dropFirst() {
            let parts = line.split(separator: " ")
            guard parts.count == 3, parts[0] == "counter", let value = UInt64(parts[2]) else {
                throw VerilatorBuildError.io("the native DRAM loop printed an unexpected line: \(line)")
            }
            counters[String(parts[1])] = value
        }
        let final: Data
        do { final = try Data(contentsOf: output) } catch {
            throw VerilatorBuildError.io("the native DRAM loop wrote no readable \(output.path)")
        }
        guard final.count == dram.count else {
            throw VerilatorBuildError.io("the native DRAM loop wrote \(final.count) bytes of DRAM, expected \(dram.count)")
        }
        return Result(cycles: cycles, dram: [UInt8](final), counters: counters, seconds: seconds, cpuSeconds: cpuSeconds)
    }

    /// The ports the loop drives and reads; a model without one of them is not the accelerator.
    static let requiredPorts = [
        "clock", "reset", "instruction_valid", "instruction_ready", "instruction_bits", "dram_request_valid",
        "dram_request_ready", "dram_request_write", "dram_request_address", "dram_request_data", "dram_request_mask",
        "dram_response_valid", "dram_response_ready", "dram_response_data", "done", "illegalInstruction",
    ]

    /// The C++ source for the accelerator's ports.
    static func mainSource(_ table: PortTable) throws -> String {
        let names = Set(table.entries.map(\.name))
        if let missing = requiredPorts.first(where: { !names.contains($0) }) {
            throw VerilatorBuildError.io("the model has no port `\(missing)`: the native DRAM loop needs the accelerator")
        }
        let counters = table.entries.filter { $0.direction == .output && $0.name.hasPrefix("counter_") }
        var text = prologue
        for entry in counters {
            text += "    printf(\"counter \(entry.name.dropFirst("counter_".count)) %\" PRIu64 \"\\n\", low64(top->\(entry.name)));\n"
        }
        text += epilogue
        return text
    }

    private static let prologue = """
        // Generated by SerranoBench: AcceleratorHarness.run and its DRAMModel, driving the model's members directly.
        #include <algorithm>
        #include <chrono>
        #include <cinttypes>
        #include <cstdio>
        #include <cstdlib>
        #include <ctime>
        #include <string>
        #include <vector>
        #include "verilated.h"
        #include "\(ModelRecipe.className).h"

        // Port access for every storage class: the low 64 bits, and little-endian 64-bit words.
        template <typename T> static inline uint64_t low64(const T& m) { return static_cast<uint64_t>(m); }
        // (A VlWide holds more than 64 bits: at least three words.)
        template <std::size_t N> static inline uint64_t low64(const VlWide<N>& m) {
            return static_cast<uint64_t>(m[0]) | static_cast<uint64_t>(m[1]) << 32;
        }
        template <typename T> static inline void put(T& m, const uint64_t* words) { m = static_cast<T>(words[0]); }
        template <std::size_t N> static inline void put(VlWide<N>& m, const uint64_t* words) {
            for (std::size_t i = 0; i < N; ++i) m[i] = static_cast<EData>(words[i / 2] >> (32 * (i % 2)));
        }
        template <typename T> static inline void take(const T& m, uint64_t* words, std::size_t count) {
            words[0] = static_cast<uint64_t>(m);
            for (std::size_t i = 1; i < count; ++i) words[i] = 0;
        }
        template <std::size_t N> static inline void take(const VlWide<N>& m, uint64_t* words, std::size_t count) {
            for (std::size_t i = 0; i < count; ++i) words[i] = 0;
            for (std::size_t i = 0; i < N && i / 2 < count; ++i) words[i / 2] |= static_cast<uint64_t>(m[i]) << (32 * (i % 2));
        }

        // SerranoSupport.SplitMix64 with its bounded draw (Lemire) and percent chance.
        struct SplitMix64 {
            uint64_t state;
            uint64_t next() {
                state += 0x9E3779B97F4A7C15ULL;
                uint64_t z = state;
                z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
                z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
                return z ^ (z >> 31);
            }
            uint64_t below(uint64_t bound) {
                if (bound == 0) return 0;
                unsigned __int128 product = static_cast<unsigned __int128>(next()) * bound;
                if (static_cast<uint64_t>(product) < bound) {
                    const uint64_t threshold = (0 - bound) % bound;
                    while (static_cast<uint64_t>(product) < threshold) product = static_cast<unsigned __int128>(next()) * bound;
                }
                return static_cast<uint64_t>(product >> 64);
            }
            bool chance(int64_t percent) { return static_cast<int64_t>(below(100)) < percent; }
        };

        // SerranoVerify.DRAMModel.
        struct DRAM {
            int64_t latency, bytesPerCycle, maxOutstanding, requestStall, responseStall, busBytes, beatWords, credit;
            SplitMix64 random;
            std::vector<uint8_t> memory;
            std::vector<uint64_t> dues, beats;
            std::size_t head = 0;

            void tick() { credit = std::min(credit + bytesPerCycle, std::max(bytesPerCycle, busBytes) * 2); }
            bool accepts(bool write) {
                if (requestStall > 0 && random.chance(requestStall)) return false;
                if (credit < busBytes) return false;
                return write || static_cast<int64_t>(dues.size() - head) < maxOutstanding;
            }
            void read(uint64_t address, uint64_t now) {
                credit -= busBytes;
                const std::size_t first = beats.size();
                beats.resize(first + beatWords, 0);
                for (int64_t byte = 0; byte < busBytes; ++byte) {
                    const uint64_t at = address + static_cast<uint64_t>(byte);
                    if (at < memory.size()) beats[first + byte / 8] |= static_cast<uint64_t>(memory[at]) << (8 * (byte % 8));
                }
                dues.push_back(now + static_cast<uint64_t>(latency));
            }
            // False when an enabled byte lies past the end (`bad` is its address).
            bool write(uint64_t address, const uint64_t* data, uint64_t mask, uint64_t& bad) {
                credit -= busBytes;
                for (int64_t byte = 0; byte < busBytes; ++byte) {
                    if (byte >= 64 || ((mask >> byte) & 1) == 0) continue;
                    const uint64_t at = address + static_cast<uint64_t>(byte);
                    if (at >= memory.size()) { bad = at; return false; }
                    memory[at] = static_cast<uint8_t>(data[byte / 8] >> (8 * (byte % 8)));
                }
                return true;
            }
            const uint64_t* response(uint64_t now) {
                if (head >= dues.size() || dues[head] > now) return nullptr;
                if (responseStall > 0 && random.chance(responseStall)) return nullptr;
                return &beats[head * beatWords];
            }
            void taken() {
                ++head;
                if (head > 1024 && head * 2 > dues.size()) {
                    dues.erase(dues.begin(), dues.begin() + head);
                    beats.erase(beats.begin(), beats.begin() + head * beatWords);
                    head = 0;
                }
            }
        };

        static inline double cpu_seconds() {
            timespec time;
            clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time);
            return time.tv_sec + time.tv_nsec / 1e9;
        }

        static int fail(const char* message) {
            printf("error %s\\n", message);
            return 1;
        }

        int main(int argc, char** argv) {
            if (argc != 3) return fail("usage: dram JOB OUTPUT");
            FILE* in = fopen(argv[1], "rb");
            if (!in) return fail("cannot open the job file");
            std::vector<uint8_t> job;
            uint8_t chunk[65536];
            for (std::size_t got; (got = fread(chunk, 1, sizeof chunk, in)) > 0;) job.insert(job.end(), chunk, chunk + got);
            fclose(in);
            std::size_t at = 8;
            auto word = [&](uint64_t& value) {
                if (job.size() < at + 8) return false;
                value = 0;
                for (int i = 0; i < 8; ++i) value |= static_cast<uint64_t>(job[at + i]) << (8 * i);
                at += 8;
                return true;
            };
            uint64_t header[10];
            if (job.size() < 8 || std::string(job.begin(), job.begin() + 8) != "SRNDRAM1") return fail("not a job file");
            for (uint64_t& value : header) if (!word(value)) return fail("the job file is short");
            const uint64_t instructions = header[8], size = header[9], cycleLimit = header[7];
            if (header[6] == 0 || header[6] > 4096 || instructions > (job.size() - at) / 16) return fail("the job file is damaged");
            std::vector<uint64_t> program(2 * instructions);
            for (uint64_t& value : program) if (!word(value)) return fail("the job file is short");
            if (job.size() - at != size) return fail("the job file's DRAM has the wrong size");

            VerilatedContext context;
            context.fatalOnError(false);
            \(ModelRecipe.className)* top = new \(ModelRecipe.className)(&context, "TOP");
            top->eval();
            const auto start = std::chrono::steady_clock::now();
            const double cpu_start = cpu_seconds();

            DRAM dram;
            dram.latency = static_cast<int64_t>(header[0]);
            dram.bytesPerCycle = static_cast<int64_t>(header[1]);
            dram.maxOutstanding = static_cast<int64_t>(header[2]);
            dram.requestStall = static_cast<int64_t>(header[3]);
            dram.responseStall = static_cast<int64_t>(header[4]);
            dram.random.state = header[5];
            dram.busBytes = static_cast<int64_t>(header[6]);
            dram.beatWords = (dram.busBytes + 7) / 8;
            dram.credit = std::max(dram.bytesPerCycle, dram.busBytes);
            dram.memory.assign(job.begin() + at, job.end());
            std::vector<uint64_t> request(dram.beatWords, 0);

            // The harness's reset(cycles: 2).
            top->reset = 1;
            for (int cycle = 0; cycle < 2; ++cycle) {
                top->clock = 1; top->eval(); top->clock = 0; top->eval();
                context.timeInc(10);
                if (context.gotFinish()) return fail("the model finished during reset");
            }
            top->reset = 0;

            uint64_t cycle = 0;
            std::size_t next = 0;
            while (true) {
                if (low64(top->done) == 1) break;
                if (cycle >= cycleLimit) return fail("hang: the cycle limit was reached");
                if (low64(top->illegalInstruction) == 1) return fail("illegal instruction");
                dram.tick();

                const bool offerInstruction = next < instructions;
                const bool instructionFires = offerInstruction && low64(top->instruction_ready) == 1;
                top->instruction_valid = offerInstruction ? 1 : 0;
                if (offerInstruction) put(top->instruction_bits, &program[2 * next]);

                bool acceptRequest = false;
                if (low64(top->dram_request_valid) == 1) {
                    const bool write = low64(top->dram_request_write) == 1;
                    acceptRequest = dram.accepts(write);
                    if (acceptRequest) {
                        const uint64_t address = low64(top->dram_request_address);
                        if (write) {
                            take(top->dram_request_data, request.data(), request.size());
                            uint64_t bad = 0;
                            if (!dram.write(address, request.data(), low64(top->dram_request_mask), bad)) return fail("a write past the end of DRAM");
                        } else {
                            dram.read(address, cycle);
                        }
                    }
                }
                top->dram_request_ready = acceptRequest ? 1 : 0;

                bool responseFires = false;
                const uint64_t* beat = dram.response(cycle);
                if (beat) {
                    put(top->dram_response_data, beat);
                    responseFires = low64(top->dram_response_ready) == 1;
                }
                top->dram_response_valid = beat ? 1 : 0;

                // The harness's step: both clock edges, the time, the $finish check.
                top->clock = 1; top->eval(); top->clock = 0; top->eval();
                context.timeInc(10);
                if (context.gotFinish()) return fail("the model finished ($finish or $stop)");
                ++cycle;
                if (instructionFires) ++next;
                if (responseFires) dram.taken();
            }
            top->instruction_valid = 0;
            top->dram_request_ready = 0;
            top->dram_response_valid = 0;
            const double cpu = cpu_seconds() - cpu_start;
            const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
            FILE* out = fopen(argv[2], "wb");
            if (!out) return fail("cannot write the output file");
            const bool written = fwrite(dram.memory.data(), 1, dram.memory.size(), out) == dram.memory.size();
            if (fclose(out) != 0 || !written) return fail("cannot write the output file");
            printf("done %" PRIu64 " %.9f %.9f\\n", cycle, seconds, cpu);

        """

    private static let epilogue = """
            top->final();
            delete top;
            return 0;
        }

        """
}
