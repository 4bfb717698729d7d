/// The version of NWBKit, written into outputs so results can be traced to the tool that made them.
public enum NWBKitVersion {
    public static let current = "0.2.0"
}
