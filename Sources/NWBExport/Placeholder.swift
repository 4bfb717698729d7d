import NWBKit
