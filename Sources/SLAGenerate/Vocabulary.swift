/// Word lists for names and descriptions. Everything is encoded to bytes once, up front.
enum Vocabulary {
    static let companyStems = [
        "Northwind", "Contoso", "Fabrikam", "Blue Harbor", "Summit", "Redwood", "Pioneer", "Atlas",
        "Evergreen", "Lakeside", "Silverline", "Brightpath", "Cobalt", "Granite", "Harborview",
        "Ironwood", "Juniper", "Keystone", "Meridian", "Nimbus", "Oakridge", "Pinnacle", "Quantum",
        "Riverbend", "Sterling", "Trident", "Vantage", "Westfield", "Zenith", "Apex", "Beacon",
        "Crescent", "Falcon", "Horizon", "Kestrel", "Liberty", "Maple", "Northstar", "Orion",
        "Polaris", "Sunrise", "Tidewater", "Velocity", "Willow", "Harper & Lowe", "O'Brien",
        "Alder", "Bayside", "Cedar Point", "Driftwood", "Eastgate", "Foxglove", "Goldcrest",
        "Highland", "Ivory Coast", "Lighthouse", "Mosaic", "Nordic", "Pacific Crest", "Ridgeline",
    ]
    static let industries = [
        "Logistics", "Health", "Insurance", "Bank", "Credit Union", "Airlines", "Telecom", "Energy",
        "Retail", "Hotels", "Pharmacy", "Utilities", "Motors", "Travel", "Foods", "Media",
        "Software", "Financial", "Realty", "Learning", "Water", "Freight", "Mutual", "Rail",
        "Outsourcing", "Collections", "Wireless", "Clinics", "Gaming", "Apparel",
    ]
    static let legalSuffixes = [
        "", "", "", " Inc.", ", Inc.", " LLC", " Ltd", " GmbH", " S.A.", " plc", " Group", " Co.",
        ", LLC", " AG", " B.V.",
    ]
    static let states = [
        "Ohio", "Texas", "Virginia", "Colorado", "Georgia", "Arizona", "Maryland", "Oregon",
        "Utah", "Kansas", "Nevada", "Iowa",
    ]
    static let agencies = [
        "Department of Revenue", "Department of Labor", "Health Services", "Motor Vehicles",
        "Veterans Affairs", "Unemployment Insurance", "Department of Transportation",
        "Child Support Services", "Housing Authority", "Medicaid Office",
    ]
    static let firstNames = [
        "Alex", "Priya", "Jordan", "Maria", "Kenji", "Fatima", "Liam", "Chloe", "Mateo", "Aisha",
        "Noah", "Sofia", "Ethan", "Yuki", "Omar", "Hannah", "Lucas", "Ingrid", "Diego", "Mei",
        "Samuel", "Zara", "Tomas", "Amara", "Viktor", "Leila", "Oscar", "Nadia", "Felix", "Grace",
    ]
    static let lastNames = [
        "Chen", "Raman", "Lee", "Garcia", "Tanaka", "Hassan", "Murphy", "Dubois", "Rossi", "Okafor",
        "Novak", "Silva", "Walsh", "Sato", "Khan", "Becker", "Moreau", "Larsen", "Santos", "Wong",
        "Fischer", "Ali", "Horvat", "Mensah", "Petrov", "Haddad", "Berg", "Kowalski", "Weber", "Kim",
    ]

    static let areas = [
        "Architect flow", "Inbound voice", "Outbound campaign", "WebRTC phone", "Agent desktop",
        "SSO login", "Call recording", "Dashboards", "Analytics API", "Queue routing",
        "Predictive routing", "Speech analytics", "Email routing", "SMS", "Web messaging",
        "WFM schedules", "Quality evaluations", "Screen recording", "BYOC trunk", "Edge",
        "Salesforce integration", "Zendesk integration", "ServiceNow integration", "Teams integration",
        "Data actions", "Scripts", "Callbacks", "Voicemail", "IVR", "Bot flow", "Text-to-speech",
        "Platform API", "Emergency group", "Wrap-up codes",
    ]
    static let symptoms = [
        "calls drop after 30 seconds", "agents cannot log in", "one-way audio on transfers",
        "reports show no interactions", "dialer stuck at 0 calls/min", "error 503 on save",
        "emails not routed to queue", "recordings missing", "schedule publish fails", "very slow",
        "callbacks not created", "messages not delivered", "API returns 429", "token refresh fails",
        "widget does not load", "no transcription", "wrong hold music", "wait times look wrong",
        "duplicate interactions", "evaluations not assigned", "data action times out",
        "intent not recognized", "screen pop missing", "presence stuck on Away", "audio choppy",
        "cannot transfer", "export is empty", "login loop", "calls not offered", "outage",
        "how to configure?", "question about limits", "feature request", "licence count wrong",
    ]
    static let details = [
        ", ~40 agents", ", since 09:00", ", EMEA only", ", intermittent", ", after release",
        ", all sites", ", 2 queues", ", urgent", ", since yesterday", ", one user",
    ]
    static let errorMessages = [
        "Request failed", "Session expired", "Something went wrong", "Invalid token",
        "Not authorized", "Timeout",
    ]
    static let longBodies = [
        "Steps to reproduce:\n1. Log in as an agent\n2. Answer an inbound call\n3. Transfer to queue \"Billing\"\nExpected: transfer completes. Actual: the call drops.",
        "Impact: all agents at the Dublin site, about 120 users.\nStarted: this morning, after the weekly release.\nWorkaround: none, we are routing calls to the backup number.",
        "Hi team,\nsince the update our supervisors see \"0\" in the queue activity view, while calls are waiting.\nPlease advise, thanks.",
        "Customer says: \"the IVR hangs up, every time, after the language menu\".\nTrace ids attached in the portal.",
    ]
    static let owners = [
        "Dana Whitfield", "Marcus Oyelaran", "Elena Petrova", "Raj Mehta", "Claire Fontaine",
        "Tobias Lindqvist", "Grace Okonkwo", "Hiro Nakamura", "Sara Bianchi", "Owen Gallagher",
    ]
}

/// Byte-encoded words, built once per run.
struct EncodedVocabulary {
    let areas: [[UInt8]]
    let symptoms: [[UInt8]]
    let details: [[UInt8]]
    let errorMessages: [[UInt8]]
    let longBodies: [[UInt8]]
    let owners: [[UInt8]]
    let engineers: [[UInt8]]

    init(rng: inout Xoshiro256) {
        func encode(_ list: [String]) -> [[UInt8]] { list.map { Array($0.utf8) } }
        areas = encode(Vocabulary.areas)
        symptoms = encode(Vocabulary.symptoms)
        details = encode(Vocabulary.details)
        errorMessages = encode(Vocabulary.errorMessages)
        longBodies = encode(Vocabulary.longBodies)
        owners = encode(Vocabulary.owners)
        var names: [[UInt8]] = []
        var seen = Set<[UInt8]>()
        while names.count < 48 {
            let name = Array("\(rng.element(Vocabulary.firstNames)) \(rng.element(Vocabulary.lastNames))".utf8)
            if seen.insert(name).inserted { names.append(name) }
        }
        engineers = names
    }
}
