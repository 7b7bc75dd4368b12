import Testing
import SerranoIR

@Suite("BitVector")
struct BitVectorTests {
    @Test("negative values are two's complement, truncated to the width")
    func twosComplement() {
        #expect(BitVector(width: 8, value: -1).low64 == 0xff)
        #expect(BitVector(width: 8, value: -128).signedValue == -128)
        #expect(BitVector(width: 8, value: 300).low64 == 300 & 0xff)
        let wide = BitVector(width: 100, value: -2)
        #expect(wide.words == [0xffff_ffff_ffff_fffe, 0xf_ffff_ffff])
    }

    @Test("literals print as sized hexadecimal")
    func literals() {
        #expect(BitVector(width: 8, value: 42).verilogLiteral == "8'h2a")
        #expect(BitVector(width: 1).verilogLiteral == "1'h0")
        #expect(BitVector(width: 72, words: [0x1, 0xab]).verilogLiteral == "72'hab0000000000000001")
    }

    @Test("fits and minimumWidth agree at the edges")
    func ranges() {
        #expect(BitVector.fits(127, width: 8, signed: true))
        #expect(!BitVector.fits(128, width: 8, signed: true))
        #expect(BitVector.fits(-128, width: 8, signed: true))
        #expect(!BitVector.fits(-1, width: 8, signed: false))
        #expect(BitVector.minimumWidth(of: 0, signed: false) == 1)
        #expect(BitVector.minimumWidth(of: 255, signed: false) == 8)
        #expect(BitVector.minimumWidth(of: -129, signed: true) == 9)
    }

    @Test("bits can be read and set")
    func bits() {
        var value = BitVector(width: 70)
        value[bit: 69] = true
        value[bit: 0] = true
        #expect(value.words == [1, 1 << 5])
        #expect(value[bit: 69])
        value[bit: 69] = false
        #expect(!value[bit: 69])
    }
}
