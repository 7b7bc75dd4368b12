import Foundation
import GoldenModel
import Testing

@Suite struct AcceleratorConfigFileTests {
    @Test func namedConfigurationsResolveByName() throws {
        #expect(try AcceleratorConfigFile.resolve("wide").config == .wide)
        #expect(try AcceleratorConfigFile.resolve("tiny").name == "tiny")
    }

    @Test func writtenJSONReadsBackTheSameConfiguration() throws {
        for (_, config) in AcceleratorConfig.named {
            #expect(try AcceleratorConfigFile.parse(Data(AcceleratorConfigFile.json(config).utf8), source: "x.json") == config)
        }
    }

    @Test(arguments: [
        ("[1, 2]", "is not a JSON object"),
        (#"{"rows": 4}"#, "missing field 'columns'"),
        (#"{"rows": 4, "colums": 4}"#, "unknown field 'colums'"),
        (#"{"rows": 4.5, "columns": 4, "scratchpadRows": 64, "scratchpadBanks": 2, "accumulatorRows": 32, "accumulatorBanks": 1, "dramBusBytes": 4, "instructionQueueDepth": 4, "tokenQueueDepth": 2}"#, "'rows' must be an integer"),
        (#"{"rows": true, "columns": 4, "scratchpadRows": 64, "scratchpadBanks": 2, "accumulatorRows": 32, "accumulatorBanks": 1, "dramBusBytes": 4, "instructionQueueDepth": 4, "tokenQueueDepth": 2}"#, "'rows' must be an integer"),
        (#"{"rows": 4, "columns": 4, "scratchpadRows": 64, "scratchpadBanks": 2, "accumulatorRows": 32, "accumulatorBanks": 1, "dramBusBytes": 4, "instructionQueueDepth": 4, "tokenQueueDepth": false}"#, "'tokenQueueDepth' must be an integer"),
        (#"{"rows": 4, "columns": 4, "scratchpadRows": 64, "scratchpadBanks": 2, "accumulatorRows": 32, "accumulatorBanks": 1, "dramBusBytes": 3, "instructionQueueDepth": 4, "tokenQueueDepth": 2}"#, "dramBusBytes must be a power of two"),
        (#"{"rows": 99999999999999, "columns": 4, "scratchpadRows": 64, "scratchpadBanks": 2, "accumulatorRows": 32, "accumulatorBanks": 1, "dramBusBytes": 4, "instructionQueueDepth": 4, "tokenQueueDepth": 2}"#, "'rows' must be an integer"),
    ])
    func badFilesSayWhatIsWrong(_ json: String, _ message: String) {
        #expect {
            try AcceleratorConfigFile.parse(Data(json.utf8), source: "my.json")
        } throws: { error in
            "\(error)".contains(message) && "\(error)".contains("my.json")
        }
    }

    @Test func missingFilesAndDirectoriesAreNamed() {
        #expect(throws: ConfigFileError("config file /nonexistent/x.json does not exist")) {
            try AcceleratorConfigFile.resolve("/nonexistent/x.json")
        }
        #expect(throws: ConfigFileError("config file /tmp is a directory")) { try AcceleratorConfigFile.load(path: "/tmp") }
        #expect(throws: ConfigFileError.self) { try AcceleratorConfigFile.resolve("bogus") }
    }
}
