import NWBKit

/// The lookup tables of the dandi tool, as data in one place. Taken from dandi-cli 0.81.0
/// (`dandi.metadata.util.neurodata_typemap`, `species_map`) with dandischema 0.14.0
/// (schemaVersion 0.8.0); see `shared/docs/reference-tools/` for how they were read.
public enum DandiTables {
    /// The dandi-cli version these tables and rules come from.
    public static let dandiVersion = "0.81.0"
    /// dandischema's version of the asset model.
    public static let schemaVersion = "0.8.0"

    /// What one neurodata type says about a file.
    public struct TypeFacts: Sendable, Equatable {
        public var approach: String?
        public var technique: String?
    }

    /// Neurodata type (exact, case-sensitive name; no subclassing) → approach and measurement technique.
    /// Order is the table's, which NWBKit uses as the canonical order of its lists.
    public static let neurodataTypes: [(type: String, facts: TypeFacts)] = [
        (
            "ElectricalSeries",
            TypeFacts(approach: ephys, technique: "multi electrode extracellular electrophysiology recording technique")
        ),
        ("SpikeEventSeries", TypeFacts(approach: ephys, technique: "spike sorting technique")),
        ("FeatureExtraction", TypeFacts(approach: ephys, technique: "spike sorting technique")),
        ("LFP", TypeFacts(approach: ephys, technique: "signal filtering technique")),
        ("EventWaveform", TypeFacts(approach: ephys, technique: "spike sorting technique")),
        ("EventDetection", TypeFacts(approach: ephys, technique: "spike sorting technique")),
        ("ElectrodeGroup", TypeFacts(approach: ephys, technique: "surgical technique")),
        ("PatchClampSeries", TypeFacts(approach: ephys, technique: "patch clamp technique")),
        ("CurrentClampSeries", TypeFacts(approach: ephys, technique: "current clamp technique")),
        ("CurrentClampStimulusSeries", TypeFacts(approach: ephys, technique: "current clamp technique")),
        ("VoltageClampSeries", TypeFacts(approach: ephys, technique: "voltage clamp technique")),
        ("VoltageClampStimulusSeries", TypeFacts(approach: ephys, technique: "voltage clamp technique")),
        ("TwoPhotonSeries", TypeFacts(approach: microscopy, technique: "two-photon microscopy technique")),
        ("OnePhotonSeries", TypeFacts(approach: microscopy, technique: "one-photon microscopy technique")),
        ("OpticalChannel", TypeFacts(approach: microscopy, technique: "surgical technique")),
        ("ImagingPlane", TypeFacts(approach: microscopy, technique: nil)),
        ("PlaneSegmentation", TypeFacts(approach: microscopy, technique: nil)),
        ("Position", TypeFacts(approach: behavior, technique: behavioralTechnique)),
        ("SpatialSeries", TypeFacts(approach: behavior, technique: behavioralTechnique)),
        ("BehavioralEpochs", TypeFacts(approach: behavior, technique: behavioralTechnique)),
        ("BehavioralEvents", TypeFacts(approach: behavior, technique: behavioralTechnique)),
        ("BehavioralTimeSeries", TypeFacts(approach: behavior, technique: behavioralTechnique)),
        ("PupilTracking", TypeFacts(approach: behavior, technique: behavioralTechnique)),
        ("EyeTracking", TypeFacts(approach: behavior, technique: behavioralTechnique)),
        ("CompassDirection", TypeFacts(approach: behavior, technique: behavioralTechnique)),
        ("ProcessingModule", TypeFacts(approach: nil, technique: "analytical technique")),
        ("RGBImage", TypeFacts(approach: nil, technique: "photographic technique")),
        ("DecompositionSeries", TypeFacts(approach: nil, technique: "fourier analysis technique")),
        ("Units", TypeFacts(approach: ephys, technique: "spike sorting technique")),
        ("Spectrum", TypeFacts(approach: nil, technique: "fourier analysis technique")),
        // Misspelled upstream (capital I), so a real OptogeneticStimulusSite never matches; kept for parity.
        ("OptogeneticStimulusSIte", TypeFacts(approach: "optogenetic approach", technique: nil)),
        ("OptogeneticSeries", TypeFacts(approach: "optogenetic approach", technique: nil)),
    ]

    private static let ephys = "electrophysiological approach"
    private static let microscopy = "microscopy approach; cell population imaging"
    private static let behavior = "behavioral approach"
    private static let behavioralTechnique = "behavioral technique"

    /// One species the dandi tool recognises.
    public struct Species: Sendable, Equatable {
        public var identifier: String
        public var name: String
        public var scientificName: String
        public var commonName: String
        /// A lower-case prefix that matches (`mus` matches any "mus…").
        public var prefix: String?
        /// Other lower-case names matched in a second pass.
        public var commonNames: [String]
    }

    public static let species: [Species] = [
        taxon(10090, "Mus musculus", "House mouse", prefix: "mus", ["mouse"]),
        taxon(9606, "Homo sapiens", "Human", prefix: "homo", ["human"]),
        taxon(10116, "Rattus norvegicus", "Norway rat", prefix: nil, ["brown rat", "rat", "norvegicus"]),
        taxon(10117, "Rattus rattus", "Black rat", prefix: nil, ["rattus rattus"]),
        taxon(9544, "Macaca mulatta", "Rhesus monkey", prefix: nil, ["mulatta", "rhesus"]),
        taxon(9483, "Callithrix jacchus", "Common marmoset", prefix: nil, ["jacchus"]),
        taxon(7227, "Drosophila melanogaster", "Fruit fly", prefix: nil, ["melanogaster", "fruit fly"]),
        taxon(7955, "Danio rerio", "Zebra fish", prefix: nil, ["danio", "zebrafish", "zebra fish"]),
        taxon(6239, "Caenorhabditis elegans", "Roundworm", prefix: "caenorhabditis", ["c. elegans", "caenorhabditis elegans"]),
        taxon(
            9545, "Macaca nemestrina", "Pig-tailed macaque", prefix: nil,
            ["pig-tailed macaque", "pigtail monkey", "pigtail macaque"]),
        taxon(9548, "Macaca radiata", "Bonnet macaque", prefix: nil, ["bonnet macaque", "bonnet monkey", "radiata"]),
        taxon(10047, "Meriones unguiculatus", "Mongolian gerbil", prefix: nil, ["mongolian gerbil", "mongolian jird"]),
        taxon(30207, "Polistes fuscatus", "Common paper wasp", prefix: nil, ["common paper wasp"]),
    ]

    private static func taxon(_ id: Int, _ scientific: String, _ common: String, prefix: String?, _ names: [String]) -> Species {
        Species(
            identifier: "http://purl.obolibrary.org/obo/NCBITaxon_\(id)", name: "\(scientific) - \(common)",
            scientificName: scientific, commonName: common, prefix: prefix, commonNames: names)
    }

    /// The DANDI standards entry for NWB.
    public static let nwbStandard = (identifier: "RRID:SCR_015242", name: "Neurodata Without Borders (NWB)")
}
