/// The 64-bit FNV-1a hash: quick, stable across runs and machines (unlike `Hasher`), for keys that
/// are stored or compared between processes. Not for anything an attacker must not collide.
public enum FNV1a {
    public static func hash(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return hash
    }
}
