/// The regions the presets are built from. Every count that BRIEF.md
/// (/work/shared/domain/BRIEF.md, "Numbers for scenarios" and "The problem
/// in the trusts' own words") gives is used as given; everything else
/// (populations, town coordinates, hub sites) is an approximate public
/// figure or an illustrative choice, marked as such.

/// A place: a hub site, or a town around which PCNs are spread.
/// Coordinates are approximate town centres in decimal degrees.
struct GenTown: Sendable {
    let name: String
    let lat: Double
    let lon: Double
    init(_ name: String, _ lat: Double, _ lon: Double) { self.name = name; self.lat = lat; self.lon = lon }
}

/// An integrated care system.
struct GenICS: Sendable {
    /// The ICS's name as BRIEF.md gives it (WMAS and YAS) or its NHS name.
    let name: String
    /// Short code used in PCN ids (`pcn-bsol-01`).
    let code: String
    /// Resident population in thousands, approximate (ONS mid-year
    /// estimates, rounded); it shares out PCNs, hubs and clinicians.
    let population: Int
    /// Hub sites. When nil, the first `round(population / 400k)` towns
    /// (WMAS: 15 hubs for 6.2 million people, about one per 400,000).
    let hubs: [GenTown]?
    /// Towns the ICS's PCNs are spread around, largest first.
    let towns: [GenTown]
}

/// A clinical assessment centre (111 / clinical hub / hear-and-treat).
struct GenCAS: Sendable {
    let id: String
    let name: String
    /// nil: the CAS serves the whole trust and belongs to no ICS.
    let icsCode: String?
    let place: GenTown
    let minGrade: Int?
    let requires: [String]
    /// The contracted floor in tenths of WTE, from `floorFrom` to the end.
    let floor10: Int
    let floorFrom: Int
    /// The target in tenths of WTE (raised by half in weeks 27 onwards,
    /// October to March: winter pressure).
    let target10: Int
    let cap: Int
}

/// An ambulance trust.
struct GenTrust: Sendable {
    /// The trust's usual abbreviation, written in the `trust` column.
    let abbr: String
    /// Staff id prefix (`wm-p001`) and CAS id stem.
    let prefix: String
    let ics: [GenICS]
    /// When set, the trust's PCN count (WMAS: 110, BRIEF.md); otherwise PCNs
    /// are shared out by population.
    let pcns: Int?
    let cas: [GenCAS]
}

struct GenPresetSpec: Sendable {
    let command: String
    let title: String
    let start: (year: Int, month: Int, day: Int)
    let weeks: Int
    let trusts: [GenTrust]
    let pcns: Int
    let rotating: Int
    let nonRotating: Int
    let writeTrust: Bool
    let minRun: Int
    let maxRun: Int
    /// H7 default bounds in hundredths.
    let pcnShare: (lo: Int, hi: Int)
    let casShare: (lo: Int, hi: Int)
    /// (from_week, to_week, max_away_share in hundredths)
    let rollout: [(from: Int, to: Int, share: Int)]
    /// The usual length of a contracted PCN block in weeks (YAS scheme: 6).
    let chainBlock: ClosedRange<Int>
    let timeLimit: Int
    let mipGap: String
}

enum GenData {
    // MARK: West Midlands Ambulance Service
    // BRIEF.md: 5.6 million people, six ICSs (named as below), 110 PCNs,
    // 15 "make ready" hubs, runs NHS 111 in the region except Staffordshire.
    // Hub places are illustrative (BRIEF gives the count, not the sites).

    static let wmICS: [GenICS] = [
        GenICS(name: "Birmingham and Solihull", code: "bsol", population: 1290,
               hubs: [GenTown("Birmingham Central", 52.4862, -1.8904), GenTown("Erdington", 52.5236, -1.8386),
                      GenTown("Hollymoor", 52.4070, -1.9850)],
               towns: [GenTown("Birmingham", 52.4862, -1.8904), GenTown("Sutton Coldfield", 52.5700, -1.8240),
                       GenTown("Erdington", 52.5236, -1.8386), GenTown("Handsworth", 52.5080, -1.9300),
                       GenTown("Ladywood", 52.4800, -1.9200), GenTown("Edgbaston", 52.4620, -1.9230),
                       GenTown("Selly Oak", 52.4370, -1.9390), GenTown("Northfield", 52.4150, -1.9660),
                       GenTown("Kings Heath", 52.4330, -1.8930), GenTown("Hall Green", 52.4370, -1.8450),
                       GenTown("Yardley", 52.4760, -1.8000), GenTown("Sparkhill", 52.4550, -1.8630),
                       GenTown("Perry Barr", 52.5240, -1.9000), GenTown("Solihull", 52.4118, -1.7776),
                       GenTown("Shirley", 52.4030, -1.8180), GenTown("Chelmsley Wood", 52.4800, -1.7300)]),
        GenICS(name: "Black Country and West Birmingham", code: "bcwb", population: 1450,
               hubs: [GenTown("Dudley", 52.5123, -2.0811), GenTown("Willenhall", 52.5850, -2.0590),
                      GenTown("Oldbury", 52.5050, -2.0160)],
               towns: [GenTown("Wolverhampton", 52.5862, -2.1288), GenTown("Dudley", 52.5123, -2.0811),
                       GenTown("Walsall", 52.5860, -1.9820), GenTown("West Bromwich", 52.5190, -1.9950),
                       GenTown("Stourbridge", 52.4560, -2.1480), GenTown("Halesowen", 52.4490, -2.0500),
                       GenTown("Smethwick", 52.4930, -1.9680), GenTown("Bilston", 52.5660, -2.0730),
                       GenTown("Brierley Hill", 52.4810, -2.1200), GenTown("Tipton", 52.5290, -2.0660),
                       GenTown("Willenhall", 52.5850, -2.0590), GenTown("Oldbury", 52.5050, -2.0160)]),
        GenICS(name: "Coventry and Warwickshire", code: "cw", population: 1010,
               hubs: [GenTown("Coventry", 52.4068, -1.5197), GenTown("Warwick", 52.2820, -1.5850)],
               towns: [GenTown("Coventry", 52.4068, -1.5197), GenTown("Nuneaton", 52.5230, -1.4680),
                       GenTown("Rugby", 52.3700, -1.2650), GenTown("Leamington Spa", 52.2920, -1.5360),
                       GenTown("Warwick", 52.2820, -1.5850), GenTown("Stratford-upon-Avon", 52.1920, -1.7070),
                       GenTown("Bedworth", 52.4790, -1.4690), GenTown("Kenilworth", 52.3420, -1.5800),
                       GenTown("Atherstone", 52.5780, -1.5460)]),
        GenICS(name: "Herefordshire and Worcestershire", code: "hw", population: 800,
               hubs: [GenTown("Worcester", 52.1920, -2.2200), GenTown("Hereford", 52.0560, -2.7160),
                      GenTown("Bromsgrove", 52.3350, -2.0570)],
               towns: [GenTown("Worcester", 52.1920, -2.2200), GenTown("Hereford", 52.0560, -2.7160),
                       GenTown("Redditch", 52.3070, -1.9450), GenTown("Kidderminster", 52.3880, -2.2500),
                       GenTown("Bromsgrove", 52.3350, -2.0570), GenTown("Malvern", 52.1110, -2.3250),
                       GenTown("Evesham", 52.0920, -1.9470), GenTown("Droitwich", 52.2670, -2.1530),
                       GenTown("Leominster", 52.2260, -2.7420), GenTown("Ledbury", 52.0350, -2.4230)]),
        GenICS(name: "Shropshire, Telford and Wrekin", code: "stw", population: 510,
               hubs: [GenTown("Shrewsbury", 52.7070, -2.7540), GenTown("Donnington", 52.7130, -2.4300)],
               towns: [GenTown("Shrewsbury", 52.7070, -2.7540), GenTown("Telford", 52.6766, -2.4469),
                       GenTown("Oswestry", 52.8600, -3.0530), GenTown("Wellington", 52.7000, -2.5170),
                       GenTown("Ludlow", 52.3680, -2.7180), GenTown("Bridgnorth", 52.5350, -2.4190),
                       GenTown("Market Drayton", 52.9040, -2.4840), GenTown("Whitchurch", 52.9690, -2.6820),
                       GenTown("Newport", 52.7690, -2.3790)]),
        GenICS(name: "Staffordshire and Stoke-on-Trent", code: "ssot", population: 1130,
               hubs: [GenTown("Stoke-on-Trent", 53.0027, -2.1794), GenTown("Stafford", 52.8070, -2.1170)],
               towns: [GenTown("Stoke-on-Trent", 53.0027, -2.1794), GenTown("Stafford", 52.8070, -2.1170),
                       GenTown("Newcastle-under-Lyme", 53.0110, -2.2270), GenTown("Burton upon Trent", 52.8020, -1.6430),
                       GenTown("Tamworth", 52.6340, -1.6950), GenTown("Cannock", 52.6910, -2.0310),
                       GenTown("Lichfield", 52.6820, -1.8260), GenTown("Leek", 53.1050, -2.0260),
                       GenTown("Stone", 52.9040, -2.1460), GenTown("Uttoxeter", 52.8980, -1.8650)]),
    ]

    /// Two CAS: the region's NHS 111 service (no ICS: it serves the whole
    /// region bar Staffordshire, BRIEF.md) and a clinical hub
    /// (hear-and-treat) placed in an ICS. Places are illustrative.
    static let wmCAS: [GenCAS] = [
        GenCAS(id: "cas-wm-111", name: "West Midlands NHS 111 clinical assessment service", icsCode: nil,
               place: GenTown("Brierley Hill", 52.4810, -2.1200), minGrade: nil, requires: ["remote_triage"],
               floor10: 10, floorFrom: 1, target10: 30, cap: 10),
        GenCAS(id: "cas-wm-clinical-hub", name: "WMAS clinical hub (hear and treat)", icsCode: "ssot",
               place: GenTown("Stafford", 52.8070, -2.1170), minGrade: 1, requires: [],
               floor10: 10, floorFrom: 14, target10: 20, cap: 6),
    ]

    static let wmas = GenTrust(abbr: "WMAS", prefix: "wm", ics: wmICS, pcns: 110, cas: wmCAS)

    // MARK: Yorkshire Ambulance Service
    // BRIEF.md: 5.5 million people, three ICSs (named as below), rotating
    // specialist paramedics in alternating 6-week blocks. The PCN count
    // (about 75) and the 10 hubs are the lead's sizing, not BRIEF figures.

    static let yasICS: [GenICS] = [
        GenICS(name: "West Yorkshire and Harrogate", code: "wyh", population: 2600,
               hubs: [GenTown("Leeds", 53.8008, -1.5491), GenTown("Bradford", 53.7950, -1.7594),
                      GenTown("Wakefield", 53.6830, -1.4990), GenTown("Huddersfield", 53.6458, -1.7850)],
               towns: [GenTown("Leeds", 53.8008, -1.5491), GenTown("Bradford", 53.7950, -1.7594),
                       GenTown("Wakefield", 53.6830, -1.4990), GenTown("Huddersfield", 53.6458, -1.7850),
                       GenTown("Halifax", 53.7210, -1.8620), GenTown("Harrogate", 53.9920, -1.5410),
                       GenTown("Dewsbury", 53.6910, -1.6330), GenTown("Keighley", 53.8680, -1.9060),
                       GenTown("Pontefract", 53.6910, -1.3120), GenTown("Otley", 53.9050, -1.6910)]),
        GenICS(name: "Humber Coast and Vale", code: "hcv", population: 1700,
               hubs: [GenTown("Hull", 53.7676, -0.3274), GenTown("York", 53.9590, -1.0815),
                      GenTown("Scarborough", 54.2830, -0.3990)],
               towns: [GenTown("Hull", 53.7676, -0.3274), GenTown("York", 53.9590, -1.0815),
                       GenTown("Scarborough", 54.2830, -0.3990), GenTown("Grimsby", 53.5650, -0.0750),
                       GenTown("Scunthorpe", 53.5810, -0.6540), GenTown("Beverley", 53.8420, -0.4270),
                       GenTown("Bridlington", 54.0830, -0.1920), GenTown("Malton", 54.1350, -0.7980),
                       GenTown("Goole", 53.7040, -0.8730), GenTown("Whitby", 54.4860, -0.6150)]),
        GenICS(name: "South Yorkshire and Bassetlaw", code: "syb", population: 1500,
               hubs: [GenTown("Sheffield", 53.3811, -1.4701), GenTown("Doncaster", 53.5228, -1.1285),
                      GenTown("Rotherham", 53.4300, -1.3570)],
               towns: [GenTown("Sheffield", 53.3811, -1.4701), GenTown("Doncaster", 53.5228, -1.1285),
                       GenTown("Rotherham", 53.4300, -1.3570), GenTown("Barnsley", 53.5526, -1.4797),
                       GenTown("Worksop", 53.3010, -1.1240), GenTown("Retford", 53.3220, -0.9430),
                       GenTown("Mexborough", 53.4940, -1.2880), GenTown("Stocksbridge", 53.4790, -1.5960),
                       GenTown("Thorne", 53.6110, -0.9600)]),
    ]

    static let yasCAS: [GenCAS] = [
        GenCAS(id: "cas-ya-111", name: "Yorkshire NHS 111 and clinical hub", icsCode: nil,
               place: GenTown("Wakefield", 53.6830, -1.4990), minGrade: nil, requires: ["remote_triage"],
               floor10: 10, floorFrom: 1, target10: 30, cap: 8),
    ]

    static let yas = GenTrust(abbr: "YAS", prefix: "ya", ics: yasICS, pcns: nil, cas: yasCAS)

    // MARK: The other eight trusts (england preset)
    // BRIEF.md: ten ambulance trusts, 42 ICSs, about 1,250 PCNs. ICS
    // footprints per trust follow BRIEF (NEAS 1, NWAS 3, EMAS 5, EEAST 6,
    // LAS 5, SWASFT 7); SECAmb and SCAS get 3 each here so that the total
    // is 42 (Frimley, which both serve, is counted under SCAS).

    static func trustCAS(_ prefix: String, _ abbr: String, _ place: GenTown, floor10: Int = 10) -> [GenCAS] {
        [GenCAS(id: "cas-\(prefix)-111", name: "\(abbr) NHS 111 clinical assessment service", icsCode: nil,
                place: place, minGrade: nil, requires: ["remote_triage"], floor10: floor10, floorFrom: 1,
                target10: 30, cap: 10)]
    }

    static let neas = GenTrust(abbr: "NEAS", prefix: "ne", ics: [
        GenICS(name: "North East and North Cumbria", code: "nenc", population: 3000, hubs: nil,
               towns: [GenTown("Newcastle upon Tyne", 54.9783, -1.6178), GenTown("Sunderland", 54.9069, -1.3838),
                       GenTown("Middlesbrough", 54.5742, -1.2350), GenTown("Durham", 54.7761, -1.5733),
                       GenTown("Carlisle", 54.8925, -2.9329), GenTown("Darlington", 54.5236, -1.5595),
                       GenTown("Gateshead", 54.9526, -1.6034), GenTown("Hartlepool", 54.6863, -1.2129),
                       GenTown("Hexham", 54.9710, -2.1010), GenTown("South Shields", 54.9986, -1.4323),
                       GenTown("Morpeth", 55.1680, -1.6880)]),
    ], pcns: nil, cas: trustCAS("ne", "NEAS", GenTown("Newcastle upon Tyne", 54.9783, -1.6178)))

    static let nwas = GenTrust(abbr: "NWAS", prefix: "nw", ics: [
        GenICS(name: "Cheshire and Merseyside", code: "cm", population: 2700, hubs: nil,
               towns: [GenTown("Liverpool", 53.4084, -2.9916), GenTown("Chester", 53.1934, -2.8931),
                       GenTown("Warrington", 53.3900, -2.5970), GenTown("St Helens", 53.4540, -2.7360),
                       GenTown("Birkenhead", 53.3930, -3.0140), GenTown("Crewe", 53.0979, -2.4416),
                       GenTown("Macclesfield", 53.2587, -2.1270), GenTown("Southport", 53.6450, -3.0100),
                       GenTown("Widnes", 53.3610, -2.7340), GenTown("Runcorn", 53.3420, -2.7290)]),
        GenICS(name: "Greater Manchester", code: "gm", population: 2900, hubs: nil,
               towns: [GenTown("Manchester", 53.4808, -2.2426), GenTown("Bolton", 53.5769, -2.4282),
                       GenTown("Oldham", 53.5409, -2.1114), GenTown("Stockport", 53.4106, -2.1575),
                       GenTown("Wigan", 53.5450, -2.6325), GenTown("Rochdale", 53.6097, -2.1561),
                       GenTown("Salford", 53.4875, -2.2901), GenTown("Bury", 53.5933, -2.2966),
                       GenTown("Stretford", 53.4460, -2.3080), GenTown("Ashton-under-Lyne", 53.4880, -2.0980)]),
        GenICS(name: "Lancashire and South Cumbria", code: "lsc", population: 1700, hubs: nil,
               towns: [GenTown("Preston", 53.7632, -2.7031), GenTown("Blackpool", 53.8175, -3.0357),
                       GenTown("Blackburn", 53.7480, -2.4820), GenTown("Lancaster", 54.0466, -2.8007),
                       GenTown("Burnley", 53.7890, -2.2480), GenTown("Kendal", 54.3280, -2.7460),
                       GenTown("Barrow-in-Furness", 54.1108, -3.2261), GenTown("Chorley", 53.6530, -2.6320),
                       GenTown("Accrington", 53.7530, -2.3640), GenTown("Morecambe", 54.0700, -2.8640)]),
    ], pcns: nil, cas: trustCAS("nw", "NWAS", GenTown("Salford", 53.4875, -2.2901), floor10: 20))

    static let emas = GenTrust(abbr: "EMAS", prefix: "em", ics: [
        GenICS(name: "Derby and Derbyshire", code: "dd", population: 1050, hubs: nil,
               towns: [GenTown("Derby", 52.9225, -1.4746), GenTown("Chesterfield", 53.2350, -1.4210),
                       GenTown("Buxton", 53.2590, -1.9110), GenTown("Ilkeston", 52.9700, -1.3090),
                       GenTown("Matlock", 53.1380, -1.5550), GenTown("Glossop", 53.4430, -1.9490),
                       GenTown("Swadlincote", 52.7740, -1.5570)]),
        GenICS(name: "Nottingham and Nottinghamshire", code: "nn", population: 1050, hubs: nil,
               towns: [GenTown("Nottingham", 52.9548, -1.1581), GenTown("Mansfield", 53.1472, -1.1987),
                       GenTown("Newark-on-Trent", 53.0760, -0.8090), GenTown("Hucknall", 53.0380, -1.2050),
                       GenTown("Beeston", 52.9260, -1.2150), GenTown("Sutton-in-Ashfield", 53.1250, -1.2610),
                       GenTown("Arnold", 52.9990, -1.1270)]),
        GenICS(name: "Leicester, Leicestershire and Rutland", code: "llr", population: 1100, hubs: nil,
               towns: [GenTown("Leicester", 52.6369, -1.1398), GenTown("Loughborough", 52.7721, -1.2062),
                       GenTown("Hinckley", 52.5410, -1.3720), GenTown("Melton Mowbray", 52.7660, -0.8860),
                       GenTown("Market Harborough", 52.4770, -0.9210), GenTown("Coalville", 52.7220, -1.3690),
                       GenTown("Oakham", 52.6700, -0.7270), GenTown("Wigston", 52.5830, -1.1050)]),
        GenICS(name: "Lincolnshire", code: "linc", population: 770, hubs: nil,
               towns: [GenTown("Lincoln", 53.2307, -0.5406), GenTown("Boston", 52.9789, -0.0266),
                       GenTown("Grantham", 52.9120, -0.6420), GenTown("Skegness", 53.1440, 0.3360),
                       GenTown("Spalding", 52.7870, -0.1530), GenTown("Louth", 53.3670, -0.0060),
                       GenTown("Gainsborough", 53.3990, -0.7750), GenTown("Sleaford", 52.9990, -0.4100),
                       GenTown("Stamford", 52.6520, -0.4800)]),
        GenICS(name: "Northamptonshire", code: "nhants", population: 790, hubs: nil,
               towns: [GenTown("Northampton", 52.2405, -0.9027), GenTown("Kettering", 52.3990, -0.7260),
                       GenTown("Corby", 52.4880, -0.7010), GenTown("Wellingborough", 52.3020, -0.6940),
                       GenTown("Daventry", 52.2570, -1.1620), GenTown("Rushden", 52.2890, -0.6010),
                       GenTown("Towcester", 52.1340, -0.9900)]),
    ], pcns: nil, cas: trustCAS("em", "EMAS", GenTown("Nottingham", 52.9548, -1.1581)))

    static let eeast = GenTrust(abbr: "EEAST", prefix: "ee", ics: [
        GenICS(name: "Bedfordshire, Luton and Milton Keynes", code: "blmk", population: 1000, hubs: nil,
               towns: [GenTown("Luton", 51.8787, -0.4200), GenTown("Milton Keynes", 52.0406, -0.7594),
                       GenTown("Bedford", 52.1364, -0.4675), GenTown("Dunstable", 51.8860, -0.5210),
                       GenTown("Leighton Buzzard", 51.9170, -0.6600), GenTown("Biggleswade", 52.0870, -0.2640)]),
        GenICS(name: "Cambridgeshire and Peterborough", code: "cp", population: 950, hubs: nil,
               towns: [GenTown("Cambridge", 52.2053, 0.1218), GenTown("Peterborough", 52.5695, -0.2405),
                       GenTown("Huntingdon", 52.3310, -0.1830), GenTown("Ely", 52.3990, 0.2630),
                       GenTown("Wisbech", 52.6660, 0.1580), GenTown("St Neots", 52.2280, -0.2700),
                       GenTown("March", 52.5510, 0.0880)]),
        GenICS(name: "Hertfordshire and West Essex", code: "hwe", population: 1600, hubs: nil,
               towns: [GenTown("Stevenage", 51.9017, -0.2019), GenTown("Watford", 51.6565, -0.3903),
                       GenTown("Harlow", 51.7730, 0.1020), GenTown("Hemel Hempstead", 51.7526, -0.4692),
                       GenTown("St Albans", 51.7520, -0.3360), GenTown("Hertford", 51.7960, -0.0780),
                       GenTown("Welwyn Garden City", 51.8010, -0.2060), GenTown("Bishop's Stortford", 51.8720, 0.1590),
                       GenTown("Epping", 51.7000, 0.1100)]),
        GenICS(name: "Mid and South Essex", code: "mse", population: 1200, hubs: nil,
               towns: [GenTown("Chelmsford", 51.7356, 0.4685), GenTown("Southend-on-Sea", 51.5459, 0.7077),
                       GenTown("Basildon", 51.5761, 0.4886), GenTown("Brentwood", 51.6210, 0.3050),
                       GenTown("Grays", 51.4750, 0.3230), GenTown("Maldon", 51.7310, 0.6760),
                       GenTown("Billericay", 51.6280, 0.4190), GenTown("Braintree", 51.8780, 0.5530)]),
        GenICS(name: "Norfolk and Waveney", code: "nwv", population: 1100, hubs: nil,
               towns: [GenTown("Norwich", 52.6309, 1.2974), GenTown("King's Lynn", 52.7517, 0.4020),
                       GenTown("Great Yarmouth", 52.6080, 1.7290), GenTown("Lowestoft", 52.4750, 1.7500),
                       GenTown("Thetford", 52.4130, 0.7500), GenTown("Cromer", 52.9310, 1.3020),
                       GenTown("Dereham", 52.6810, 0.9390)]),
        GenICS(name: "Suffolk and North East Essex", code: "snee", population: 1000, hubs: nil,
               towns: [GenTown("Ipswich", 52.0567, 1.1482), GenTown("Colchester", 51.8959, 0.8919),
                       GenTown("Bury St Edmunds", 52.2460, 0.7110), GenTown("Clacton-on-Sea", 51.7890, 1.1560),
                       GenTown("Felixstowe", 51.9630, 1.3510), GenTown("Sudbury", 52.0380, 0.7310),
                       GenTown("Stowmarket", 52.1890, 0.9980)]),
    ], pcns: nil, cas: trustCAS("ee", "EEAST", GenTown("Chelmsford", 51.7356, 0.4685)))

    static let las = GenTrust(abbr: "LAS", prefix: "ln", ics: [
        GenICS(name: "North Central London", code: "ncl", population: 1500, hubs: nil,
               towns: [GenTown("Camden", 51.5390, -0.1426), GenTown("Islington", 51.5362, -0.1030),
                       GenTown("Barnet", 51.6252, -0.1517), GenTown("Enfield", 51.6523, -0.0807),
                       GenTown("Wood Green", 51.5970, -0.1090), GenTown("Hampstead", 51.5560, -0.1780),
                       GenTown("Edmonton", 51.6150, -0.0620)]),
        GenICS(name: "North East London", code: "nel", population: 2100, hubs: nil,
               towns: [GenTown("Stratford", 51.5416, -0.0030), GenTown("Romford", 51.5750, 0.1830),
                       GenTown("Ilford", 51.5590, 0.0740), GenTown("Hackney", 51.5450, -0.0550),
                       GenTown("Walthamstow", 51.5830, -0.0200), GenTown("Barking", 51.5360, 0.0810),
                       GenTown("Whitechapel", 51.5190, -0.0610), GenTown("Hornchurch", 51.5560, 0.2170),
                       GenTown("Dagenham", 51.5410, 0.1480)]),
        GenICS(name: "North West London", code: "nwl", population: 2100, hubs: nil,
               towns: [GenTown("Ealing", 51.5130, -0.3040), GenTown("Harrow", 51.5800, -0.3340),
                       GenTown("Uxbridge", 51.5460, -0.4780), GenTown("Hounslow", 51.4680, -0.3610),
                       GenTown("Wembley", 51.5520, -0.2960), GenTown("Hammersmith", 51.4927, -0.2240),
                       GenTown("Paddington", 51.5160, -0.1750), GenTown("Southall", 51.5110, -0.3760),
                       GenTown("Kensington", 51.5000, -0.1920)]),
        GenICS(name: "South East London", code: "sel", population: 1900, hubs: nil,
               towns: [GenTown("Lewisham", 51.4615, -0.0134), GenTown("Bromley", 51.4060, 0.0150),
                       GenTown("Greenwich", 51.4826, -0.0077), GenTown("Woolwich", 51.4900, 0.0640),
                       GenTown("Bexleyheath", 51.4560, 0.1500), GenTown("Peckham", 51.4740, -0.0690),
                       GenTown("Brixton", 51.4613, -0.1156), GenTown("Orpington", 51.3750, 0.0980),
                       GenTown("Sidcup", 51.4240, 0.1030)]),
        GenICS(name: "South West London", code: "swl", population: 1500, hubs: nil,
               towns: [GenTown("Croydon", 51.3762, -0.0982), GenTown("Kingston upon Thames", 51.4123, -0.3007),
                       GenTown("Wandsworth", 51.4571, -0.1910), GenTown("Sutton", 51.3618, -0.1945),
                       GenTown("Wimbledon", 51.4214, -0.2064), GenTown("Richmond", 51.4613, -0.3037),
                       GenTown("Tooting", 51.4275, -0.1680), GenTown("Mitcham", 51.4030, -0.1680)]),
    ], pcns: nil, cas: trustCAS("ln", "LAS", GenTown("Waterloo", 51.5030, -0.1130), floor10: 20))

    static let secamb = GenTrust(abbr: "SECAmb", prefix: "se", ics: [
        GenICS(name: "Kent and Medway", code: "km", population: 1900, hubs: nil,
               towns: [GenTown("Maidstone", 51.2720, 0.5290), GenTown("Canterbury", 51.2802, 1.0789),
                       GenTown("Ashford", 51.1465, 0.8750), GenTown("Chatham", 51.3700, 0.5270),
                       GenTown("Dartford", 51.4440, 0.2170), GenTown("Tunbridge Wells", 51.1320, 0.2630),
                       GenTown("Margate", 51.3813, 1.3862), GenTown("Folkestone", 51.0814, 1.1695),
                       GenTown("Dover", 51.1295, 1.3089), GenTown("Sevenoaks", 51.2720, 0.1900),
                       GenTown("Sittingbourne", 51.3400, 0.7330)]),
        GenICS(name: "Surrey Heartlands", code: "sh", population: 1100, hubs: nil,
               towns: [GenTown("Guildford", 51.2362, -0.5704), GenTown("Epsom", 51.3360, -0.2670),
                       GenTown("Woking", 51.3190, -0.5580), GenTown("Redhill", 51.2400, -0.1700),
                       GenTown("Leatherhead", 51.2960, -0.3300), GenTown("Dorking", 51.2320, -0.3330),
                       GenTown("Godalming", 51.1860, -0.6150), GenTown("Chertsey", 51.3870, -0.5080)]),
        GenICS(name: "Sussex", code: "sx", population: 1700, hubs: nil,
               towns: [GenTown("Brighton", 50.8225, -0.1372), GenTown("Crawley", 51.1092, -0.1872),
                       GenTown("Eastbourne", 50.7684, 0.2903), GenTown("Worthing", 50.8179, -0.3729),
                       GenTown("Hastings", 50.8543, 0.5735), GenTown("Chichester", 50.8365, -0.7792),
                       GenTown("Horsham", 51.0620, -0.3250), GenTown("Lewes", 50.8740, 0.0080),
                       GenTown("Bognor Regis", 50.7820, -0.6760), GenTown("Haywards Heath", 51.0000, -0.1000)]),
    ], pcns: nil, cas: trustCAS("se", "SECAmb", GenTown("Crawley", 51.1092, -0.1872)))

    static let scas = GenTrust(abbr: "SCAS", prefix: "sc", ics: [
        GenICS(name: "Buckinghamshire, Oxfordshire and Berkshire West", code: "bob", population: 1800, hubs: nil,
               towns: [GenTown("Oxford", 51.7520, -1.2577), GenTown("Reading", 51.4543, -0.9781),
                       GenTown("Aylesbury", 51.8156, -0.8084), GenTown("High Wycombe", 51.6287, -0.7482),
                       GenTown("Banbury", 52.0629, -1.3398), GenTown("Newbury", 51.4010, -1.3230),
                       GenTown("Bicester", 51.8990, -1.1530), GenTown("Abingdon", 51.6710, -1.2820),
                       GenTown("Witney", 51.7850, -1.4850), GenTown("Amersham", 51.6760, -0.6070)]),
        GenICS(name: "Hampshire and Isle of Wight", code: "hiow", population: 1900, hubs: nil,
               towns: [GenTown("Southampton", 50.9097, -1.4044), GenTown("Portsmouth", 50.8198, -1.0880),
                       GenTown("Winchester", 51.0632, -1.3080), GenTown("Basingstoke", 51.2665, -1.0924),
                       GenTown("Newport (Isle of Wight)", 50.7010, -1.2920), GenTown("Andover", 51.2080, -1.4800),
                       GenTown("Eastleigh", 50.9690, -1.3500), GenTown("Fareham", 50.8520, -1.1790),
                       GenTown("Havant", 50.8560, -0.9830), GenTown("Petersfield", 51.0040, -0.9350)]),
        GenICS(name: "Frimley", code: "frim", population: 800, hubs: nil,
               towns: [GenTown("Frimley", 51.3160, -0.7440), GenTown("Slough", 51.5105, -0.5950),
                       GenTown("Farnborough", 51.2920, -0.7560), GenTown("Camberley", 51.3370, -0.7420),
                       GenTown("Bracknell", 51.4130, -0.7500), GenTown("Maidenhead", 51.5220, -0.7190),
                       GenTown("Aldershot", 51.2480, -0.7580), GenTown("Farnham", 51.2150, -0.7990),
                       GenTown("Windsor", 51.4830, -0.6040)]),
    ], pcns: nil, cas: trustCAS("sc", "SCAS", GenTown("Otterbourne", 51.0130, -1.3470)))

    static let swasft = GenTrust(abbr: "SWASFT", prefix: "sw", ics: [
        GenICS(name: "Cornwall and the Isles of Scilly", code: "cios", population: 570, hubs: nil,
               towns: [GenTown("Truro", 50.2632, -5.0510), GenTown("Penzance", 50.1188, -5.5375),
                       GenTown("Bodmin", 50.4700, -4.7170), GenTown("St Austell", 50.3400, -4.7900),
                       GenTown("Camborne", 50.2130, -5.3000), GenTown("Newquay", 50.4150, -5.0730),
                       GenTown("Falmouth", 50.1530, -5.0700), GenTown("Liskeard", 50.4550, -4.4650),
                       GenTown("Bude", 50.8300, -4.5430)]),
        GenICS(name: "Devon", code: "dev", population: 1200, hubs: nil,
               towns: [GenTown("Exeter", 50.7184, -3.5339), GenTown("Plymouth", 50.3755, -4.1427),
                       GenTown("Torquay", 50.4619, -3.5253), GenTown("Barnstaple", 51.0800, -4.0580),
                       GenTown("Newton Abbot", 50.5290, -3.6090), GenTown("Exmouth", 50.6190, -3.4140),
                       GenTown("Tiverton", 50.9020, -3.4910), GenTown("Tavistock", 50.5500, -4.1440),
                       GenTown("Okehampton", 50.7390, -4.0030)]),
        GenICS(name: "Somerset", code: "som", population: 570, hubs: nil,
               towns: [GenTown("Taunton", 51.0150, -3.1000), GenTown("Yeovil", 50.9420, -2.6330),
                       GenTown("Bridgwater", 51.1280, -3.0030), GenTown("Wells", 51.2090, -2.6470),
                       GenTown("Frome", 51.2280, -2.3220), GenTown("Minehead", 51.2040, -3.4750),
                       GenTown("Burnham-on-Sea", 51.2380, -2.9970), GenTown("Chard", 50.8720, -2.9640)]),
        GenICS(name: "Bristol, North Somerset and South Gloucestershire", code: "bnssg", population: 1000, hubs: nil,
               towns: [GenTown("Bristol", 51.4545, -2.5879), GenTown("Weston-super-Mare", 51.3460, -2.9770),
                       GenTown("Yate", 51.5400, -2.4110), GenTown("Clevedon", 51.4380, -2.8540),
                       GenTown("Kingswood", 51.4570, -2.5050), GenTown("Thornbury", 51.6090, -2.5250),
                       GenTown("Portishead", 51.4820, -2.7680), GenTown("Filton", 51.5050, -2.5770)]),
        GenICS(name: "Bath and North East Somerset, Swindon and Wiltshire", code: "bsw", population: 950, hubs: nil,
               towns: [GenTown("Swindon", 51.5558, -1.7797), GenTown("Bath", 51.3811, -2.3590),
                       GenTown("Salisbury", 51.0688, -1.7945), GenTown("Chippenham", 51.4580, -2.1160),
                       GenTown("Trowbridge", 51.3190, -2.2080), GenTown("Devizes", 51.3500, -1.9940),
                       GenTown("Marlborough", 51.4200, -1.7300), GenTown("Warminster", 51.2050, -2.1790),
                       GenTown("Melksham", 51.3730, -2.1380)]),
        GenICS(name: "Dorset", code: "dor", population: 800, hubs: nil,
               towns: [GenTown("Bournemouth", 50.7192, -1.8808), GenTown("Dorchester", 50.7154, -2.4367),
                       GenTown("Poole", 50.7150, -1.9870), GenTown("Weymouth", 50.6140, -2.4570),
                       GenTown("Bridport", 50.7330, -2.7580), GenTown("Blandford Forum", 50.8560, -2.1640),
                       GenTown("Shaftesbury", 51.0060, -2.1980), GenTown("Wimborne Minster", 50.7990, -1.9880),
                       GenTown("Christchurch", 50.7350, -1.7780)]),
        GenICS(name: "Gloucestershire", code: "glos", population: 650, hubs: nil,
               towns: [GenTown("Gloucester", 51.8642, -2.2382), GenTown("Cheltenham", 51.8994, -2.0783),
                       GenTown("Stroud", 51.7450, -2.2170), GenTown("Cirencester", 51.7190, -1.9680),
                       GenTown("Tewkesbury", 51.9920, -2.1600), GenTown("Coleford", 51.7940, -2.6160),
                       GenTown("Lydney", 51.7280, -2.5300), GenTown("Stow-on-the-Wold", 51.9300, -1.7240)]),
    ], pcns: nil, cas: trustCAS("sw", "SWASFT", GenTown("Exeter", 50.7184, -3.5339)))

    /// A trimmed West Midlands for the `small` preset: two ICSs, one hub
    /// each, one CAS, 12 weeks.
    static let smallTrust = GenTrust(abbr: "WMAS", prefix: "sm", ics: [
        GenICS(name: "Birmingham and Solihull", code: "bsol", population: 1290,
               hubs: [GenTown("Birmingham Central", 52.4862, -1.8904)],
               towns: [GenTown("Edgbaston", 52.4620, -1.9230), GenTown("Sutton Coldfield", 52.5700, -1.8240),
                       GenTown("Solihull", 52.4118, -1.7776)]),
        GenICS(name: "Coventry and Warwickshire", code: "cw", population: 1010,
               hubs: [GenTown("Coventry", 52.4068, -1.5197)],
               towns: [GenTown("Coventry", 52.4068, -1.5197), GenTown("Rugby", 52.3700, -1.2650),
                       GenTown("Nuneaton", 52.5230, -1.4680)]),
    ], pcns: 5, cas: [
        GenCAS(id: "cas-sm-111", name: "West Midlands NHS 111 clinical hub", icsCode: nil,
               place: GenTown("Brierley Hill", 52.4810, -2.1200), minGrade: nil, requires: [],
               floor10: 0, floorFrom: 1, target10: 10, cap: 3),
    ])

    /// The `tiny` preset: one hub and two PCNs of one ICS, the size of a
    /// first pair of PCN posts.
    static let tinyTrust = GenTrust(abbr: "WMAS", prefix: "tn", ics: [
        GenICS(name: "Herefordshire and Worcestershire", code: "hw", population: 800,
               hubs: [GenTown("Worcester", 52.1920, -2.2200)],
               towns: [GenTown("Malvern", 52.1110, -2.3250), GenTown("Evesham", 52.0920, -1.9470)]),
    ], pcns: 2, cas: [])

    /// The `pilot` preset: one ICS, after the Leeds pilot that rotated
    /// paramedics in 10-week blocks across 15 GP surgeries (BRIEF.md). Two
    /// hubs of West Yorkshire; PCN places are illustrative.
    static let pilotTrust = GenTrust(abbr: "YAS", prefix: "ld", ics: [
        GenICS(name: "West Yorkshire and Harrogate", code: "wyh", population: 2600,
               hubs: [GenTown("Leeds", 53.8008, -1.5491), GenTown("Bradford", 53.7950, -1.7594)],
               towns: [GenTown("Leeds", 53.8008, -1.5491), GenTown("Bradford", 53.7950, -1.7594),
                       GenTown("Wakefield", 53.6830, -1.4990), GenTown("Otley", 53.9050, -1.6910),
                       GenTown("Pudsey", 53.7960, -1.6610), GenTown("Morley", 53.7400, -1.5990),
                       GenTown("Keighley", 53.8680, -1.9060), GenTown("Shipley", 53.8330, -1.7770)]),
    ], pcns: 15, cas: [
        GenCAS(id: "cas-ld-111", name: "Yorkshire NHS 111 clinical hub", icsCode: nil,
               place: GenTown("Wakefield", 53.6830, -1.4990), minGrade: nil, requires: [],
               floor10: 0, floorFrom: 1, target10: 10, cap: 3),
    ])

    /// The `two-ics` preset: two ICSs of one trust, South Yorkshire's scheme
    /// of paramedics in PCN posts (BRIEF.md), two hubs each, one CAS.
    static let twoICSTrust = GenTrust(abbr: "YAS", prefix: "sy", ics: [
        GenICS(name: "South Yorkshire and Bassetlaw", code: "syb", population: 1500,
               hubs: [GenTown("Sheffield", 53.3811, -1.4701), GenTown("Doncaster", 53.5228, -1.1285)],
               towns: [GenTown("Sheffield", 53.3811, -1.4701), GenTown("Doncaster", 53.5228, -1.1285),
                       GenTown("Rotherham", 53.4300, -1.3570), GenTown("Barnsley", 53.5526, -1.4797),
                       GenTown("Worksop", 53.3010, -1.1240), GenTown("Mexborough", 53.4940, -1.2880),
                       GenTown("Stocksbridge", 53.4790, -1.5960)]),
        GenICS(name: "Humber Coast and Vale", code: "hcv", population: 1700,
               hubs: [GenTown("Hull", 53.7676, -0.3274), GenTown("York", 53.9590, -1.0815)],
               towns: [GenTown("Hull", 53.7676, -0.3274), GenTown("York", 53.9590, -1.0815),
                       GenTown("Grimsby", 53.5650, -0.0750), GenTown("Scunthorpe", 53.5810, -0.6540),
                       GenTown("Beverley", 53.8420, -0.4270), GenTown("Goole", 53.7040, -0.8730)]),
    ], pcns: 12, cas: [
        GenCAS(id: "cas-sy-111", name: "Yorkshire NHS 111 and clinical hub", icsCode: nil,
               place: GenTown("Wakefield", 53.6830, -1.4990), minGrade: nil, requires: ["remote_triage"],
               floor10: 5, floorFrom: 1, target10: 15, cap: 4),
    ])

    static func spec(_ preset: ScenarioPreset, seed: UInt64) -> GenPresetSpec {
        let cmd = "rota generate --preset \(preset.rawValue) --seed \(seed)"
        // Rotation policy shared by the full-size presets: blocks of 4–13
        // weeks (BRIEF.md "Typical rotation choices"), 20–50% of weeks in a
        // PCN, up to 30% in a CAS, and a rollout timetable (YAS's "agreed
        // rollout timetable") that lets more staff away as the year goes on.
        let rollout: [(from: Int, to: Int, share: Int)] = [(1, 13, 35), (14, 26, 45), (27, 52, 55)]
        switch preset {
        case .small:
            return GenPresetSpec(command: cmd, title: "Small generated example, spring 2027 (seed \(seed))",
                                 start: (2027, 4, 5), weeks: 12, trusts: [smallTrust], pcns: 5, rotating: 8,
                                 nonRotating: 4, writeTrust: false, minRun: 3, maxRun: 6,
                                 pcnShare: (25, 50), casShare: (0, 25), rollout: [(1, 4, 50)],
                                 chainBlock: 3...4, timeLimit: 60, mipGap: "0.0")
        case .tiny:
            return GenPresetSpec(command: cmd, title: "Two PCN posts, summer 2027 (generated, seed \(seed))",
                                 start: (2027, 4, 5), weeks: 26, trusts: [tinyTrust], pcns: 2, rotating: 4,
                                 nonRotating: 1, writeTrust: false, minRun: 4, maxRun: 10,
                                 pcnShare: (20, 50), casShare: (0, 0), rollout: [(1, 26, 50)],
                                 chainBlock: 6...8, timeLimit: 60, mipGap: "0.0")
        case .pilot:
            // A year of one ICS's scheme in 10-week PCN blocks.
            return GenPresetSpec(command: cmd, title: "Leeds-style pilot 2027/28 (generated, seed \(seed))",
                                 start: (2027, 4, 5), weeks: 52, trusts: [pilotTrust], pcns: 15, rotating: 16,
                                 nonRotating: 4, writeTrust: false, minRun: 5, maxRun: 10,
                                 pcnShare: (25, 50), casShare: (0, 20), rollout: [(1, 10, 40), (11, 52, 55)],
                                 chainBlock: 10...10, timeLimit: 60, mipGap: "0.0")
        case .twoICS:
            // Half a year of two ICSs: about 30 clinicians, 17 sites.
            return GenPresetSpec(command: cmd, title: "Two ICSs, summer 2027 (generated, seed \(seed))",
                                 start: (2027, 4, 5), weeks: 26, trusts: [twoICSTrust], pcns: 12, rotating: 24,
                                 nonRotating: 6, writeTrust: false, minRun: 4, maxRun: 10,
                                 pcnShare: (20, 50), casShare: (0, 30), rollout: [(1, 13, 40), (14, 26, 50)],
                                 chainBlock: 6...8, timeLimit: 60, mipGap: "0.0")
        case .westMidlands:
            // BRIEF.md: WMAS, six ICSs, 110 PCNs, 15 hubs. About 200
            // rotating specialist/advanced clinicians ("hundreds per trust,
            // not thousands") and about 40 who stay on the frontline.
            return GenPresetSpec(command: cmd, title: "West Midlands 2027/28 (generated, seed \(seed))",
                                 start: (2027, 4, 5), weeks: 52, trusts: [wmas], pcns: 110, rotating: 200,
                                 nonRotating: 40, writeTrust: false, minRun: 4, maxRun: 13,
                                 pcnShare: (20, 50), casShare: (0, 30), rollout: rollout,
                                 chainBlock: 6...8, timeLimit: 60, mipGap: "0.0")
        case .yorkshire:
            // BRIEF.md: YAS, three ICSs; its scheme alternates 6-week blocks
            // between PCN and ambulance service, so runs of 6–12 weeks.
            return GenPresetSpec(command: cmd, title: "Yorkshire 2027/28 (generated, seed \(seed))",
                                 start: (2027, 4, 5), weeks: 52, trusts: [yas], pcns: 75, rotating: 115,
                                 nonRotating: 25, writeTrust: false, minRun: 6, maxRun: 12,
                                 pcnShare: (25, 50), casShare: (0, 25), rollout: rollout,
                                 chainBlock: 6...6, timeLimit: 60, mipGap: "0.0")
        case .england:
            // BRIEF.md: ten trusts, 42 ICSs, about 1,250 PCNs; about 1,800
            // rotating clinicians (a couple of hundred per trust).
            return GenPresetSpec(command: cmd, title: "England 2027/28 (generated, seed \(seed))",
                                 start: (2027, 4, 5), weeks: 52,
                                 trusts: [neas, nwas, yas, emas, wmas, eeast, las, secamb, scas, swasft],
                                 pcns: 1250, rotating: 1800, nonRotating: 360, writeTrust: true,
                                 minRun: 4, maxRun: 13, pcnShare: (20, 50), casShare: (0, 30), rollout: rollout,
                                 chainBlock: 6...8, timeLimit: 600, mipGap: "0.01")
        }
    }

    // Display names only; any resemblance to real staff is chance.
    static let firstNames = ["Aisha", "Ben", "Chloe", "Daniel", "Ella", "Femi", "Grace", "Harry", "Isla", "Jack",
                             "Kate", "Liam", "Maya", "Noah", "Olivia", "Priya", "Rhys", "Sofia", "Tom", "Uma",
                             "Vikram", "Yasmin", "Zak", "Amir", "Bethan", "Callum", "Deepa", "Eilidh", "Fraser",
                             "Georgia", "Hamza", "Imogen", "Jamal", "Kiran", "Lucy", "Mohammed", "Niamh", "Owen",
                             "Poppy", "Ravi", "Sian", "Tariq", "Zara", "Joanne", "Mark", "Helen", "Gareth", "Nadia"]
    static let lastNames = ["Khan", "Walsh", "Evans", "Patel", "Price", "Adeyemi", "Lewis", "Singh", "Murphy",
                            "O'Neill", "Brown", "Hughes", "Smith", "Jones", "Taylor", "Williams", "Davies", "Wilson",
                            "Roberts", "Ahmed", "Hussain", "Thomas", "Johnson", "Wright", "Robinson", "Thompson",
                            "White", "Edwards", "Green", "Hall", "Wood", "Clarke", "Jackson", "Kaur", "Begum",
                            "Okafor", "Nowak", "Mensah", "Campbell", "Kelly", "Chen", "Ali", "Shah", "Morgan",
                            "Cooper", "Ward", "Bailey", "Baker", "Mitchell", "Turner"]
}
