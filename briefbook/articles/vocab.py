"""Word lists: title words, honorifics, words that are never part of a person's name."""
from __future__ import annotations

TITLE_HEADS = {
    "Minister", "Ministers", "Premier", "President", "Vice-President", "Prime", "Secretary",
    "Secretary-General", "Councillor", "Councilor", "Ambassador", "Governor", "Chairman",
    "Chairwoman", "Chairperson", "Chair", "Director", "Director-General", "Leader", "Leaders",
    "Spokesperson", "Spokesman", "Spokeswoman", "Speaker", "Envoy", "Consul", "Consul-General",
    "Commissioner", "Undersecretary", "Under-Secretary", "Chief", "Head", "Mayor", "Chancellor",
    "Representative", "King", "Queen", "Prince", "Princess", "Emperor", "Sultan", "Senator",
    "Deputy", "Vice", "Member", "Advisor", "Adviser", "Counsellor", "Counselor", "Attaché",
    "General", "Admiral", "Commander", "Delegate", "Coordinator", "Negotiator", "Justice",
    "Chargé", "President-elect", "Premier-designate", "Officer", "Comrade", "Lieutenant",
    "Marshal", "Colonel", "Rector", "Dean", "CEO", "Chairman-designate", "Vice-Chairman",
    "Vice-Minister", "Vice-Premier", "Deputy-Director", "Di-Pertuan", "di-Pertuan", "Dipertuan",
    "Pertuan", "Agong", "Secretary-at-large", "Spouse", "Emir", "Crown", "Monarch",
}
ORG_WORDS = {
    "Foreign", "Affairs", "International", "Cooperation", "State", "Ministry", "Defence",
    "Defense", "National", "Assembly", "Council", "Commerce", "Economy", "Economic", "Finance",
    "Interior", "Justice", "Education", "Health", "Agriculture", "Tourism", "Culture", "Public",
    "Works", "Transport", "Trade", "Industry", "Planning", "Information", "Environment",
    "Energy", "Labour", "Labor", "Development", "Relations", "Senate", "Party", "Committee",
    "Central", "Political", "Bureau", "Standing", "People's", "People’s", "Peoples", "People",
    "Republic", "Kingdom", "Secretariat", "Office", "Department", "Senior", "Officials",
    "Official", "Permanent", "Royal", "Government", "Cabinet", "Executive", "First", "Second",
    "Third", "Acting", "Former", "Supreme", "High", "Parliament", "Parliamentary", "Upper",
    "Lower", "House", "Youth", "Women", "Women's", "Social", "Rural", "Urban", "Science",
    "Technology", "Innovation", "Sports", "Posts", "Telecommunications", "Mines", "Water",
    "Resources", "Land", "Management", "Construction", "Fisheries", "Forestry", "Religion",
    "Religions", "Cults", "Inspection", "Civil", "Service", "Veterans", "Rehabilitation",
    "Vocational", "Training", "Policy", "Policies", "Asian", "Asia", "Europe", "European",
    "Pacific", "Southeast", "East", "West", "North", "South", "Union", "Nations", "United",
    "Organization", "Organisation", "Authority", "Agency", "Commission", "Bank", "Fund",
    "Forces", "Armed", "Army", "Navy", "Air", "Force", "Police", "Military", "Delegation",
    "Embassy", "Consulate", "Mission", "Chamber", "Federation", "Association", "Institute",
    "University", "Academy", "Court", "Tribunal", "Region", "Province", "Provincial",
    "Municipal", "City", "Capital", "Communist", "Congress", "Conference", "Summit", "Meeting",
    "Consultation", "Dialogue", "Forum", "Partnership", "Initiative", "Year", "Exchanges",
    "Affair", "Protocol", "General", "Consular", "Multilateral", "Bilateral", "Regional",
    "Global", "Strategic", "Comprehensive", "Belt", "Road", "Action", "Plan", "Community",
    "Future", "Shared", "Special", "Envoy", "Presidential", "Minister's", "Ministers'",
    "Officials'", "Leaders'", "Excellency", "Excellencies", "Hall", "Palace", "Great",
    "Secretary-General's", "Department's", "Prime", "In", "Charge", "Attached", "Spokesperson",
    "Socialist", "Democratic", "Federal", "Islamic", "Sovereign", "Independent", "Constitutional",
}
ORG_ACRONYMS = {
    "ASEAN", "Asean", "SOM", "EU", "UN", "UNESCO", "WHO", "WTO", "IMF", "ADB", "AIIB", "CPC",
    "NPC", "CPPCC", "CPP", "MFAIC", "MFA", "AKP", "TV", "NGO", "MOU", "MoU", "G20", "G7",
    "PRC", "ROK", "DPRK", "USA", "UK", "US", "RGC", "NATO", "APEC", "ASEM", "Asem", "BRI",
    "RCEP", "CSP", "LMC", "SOC", "AMM", "PMC", "EAS", "ARF", "FTA", "AFP", "AP", "CNN", "BBC",
}
FUNCTION_CAPS = {
    "The", "A", "An", "His", "Her", "Their", "Its", "He", "She", "It", "They", "We", "I", "You",
    "This", "That", "These", "Those", "On", "In", "At", "During", "After", "Before", "While",
    "Meanwhile", "According", "Both", "Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr.",
    "Also", "And", "But", "Or", "As", "By", "For", "From", "Of", "To", "With", "Under", "Upon",
    "Speaking", "Addressing", "Following", "Earlier", "Later", "Last", "Next", "Moreover",
    "Furthermore", "However", "Besides", "Today", "Yesterday", "Tomorrow", "Kingdom's",
    "Source", "Photo", "Read", "More", "Related", "Mekong", "Lancang", "Phnom", "Penh",
    "Beijing", "Bangkok", "Hanoi", "Vientiane", "Jakarta", "Manila", "Tokyo", "Seoul", "Siem",
    "Reap", "Sihanoukville", "Kuala", "Lumpur", "Yangon", "Naypyidaw", "Nay", "Pyi", "Taw",
    "Washington", "Brussels", "London", "Paris", "Geneva", "New", "York", "Delhi", "Shanghai",
    "Guangzhou", "Kunming", "Nanning", "Singapore", "Brunei", "Darussalam", "Bandar", "Seri",
    "Begawan", "Dili", "Canberra", "Moscow", "Berlin", "Rome", "Madrid", "Ottawa", "Peace",
    "Building", "Win-win", "Prime", "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December", "Monday", "Tuesday",
    "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "Xinhua", "Khmer", "Times",
}
# Honorifics, longest first; value: (honorific to store, form of address)
HONORIFICS: list[tuple[str, str, str]] = [
    # a rank-distinct honorific is kept as written: "Samdech Moha Bovor Thipadei" is not
    # just "Samdech", "Datuk Seri" is not "Datuk"
    ("Samdech Akka Moha Sena Padei Techo", "Samdech Akka Moha Sena Padei Techo", "Samdech"),
    ("Samdech Moha Bovor Thipadei", "Samdech Moha Bovor Thipadei", "Samdech"),
    ("Samdech Techo", "Samdech Techo", "Samdech"),
    ("Samdech", "Samdech", "Samdech"),
    ("Their Excellencies", "H.E.", "Their Excellencies"),
    ("His Excellency", "H.E.", "His Excellency"),
    ("Her Excellency", "H.E.", "Her Excellency"),
    ("His Majesty", "H.M.", "His Majesty"),
    ("Her Majesty", "H.M.", "Her Majesty"),
    ("His Royal Highness", "H.R.H.", "His Royal Highness"),
    ("Her Royal Highness", "H.R.H.", "Her Royal Highness"),
    ("Lok Chumteav", "Lok Chumteav", "Lok Chumteav"),
    ("Neak Oknha", "Neak Oknha", "Neak Oknha"),
    ("Oknha", "Oknha", "Oknha"),
    ("H.E.", "H.E.", ""), ("HE", "H.E.", ""), ("H. E.", "H.E.", ""),
    ("Excellency", "H.E.", "His Excellency"),
    ("Dato' Sri", "Dato' Sri", ""), ("Datuk Seri", "Datuk Seri", ""), ("Tan Sri", "Tan Sri", ""),
    ("Puan Sri", "Puan Sri", ""), ("Toh Puan", "Toh Puan", ""),
    ("Dato'", "Dato'", ""), ("Datuk", "Datuk", ""), ("Dato", "Dato", ""), ("Datin", "Datin", ""),
    ("Tun", "Tun", ""), ("Pehin", "Pehin", ""), ("Tengku", "Tengku", ""), ("Tunku", "Tunku", ""),
    ("Haji", "Haji", ""), ("Hajah", "Hajah", ""), ("Pengiran", "Pengiran", ""),
    ("Yang Amat Berhormat", "YAB", ""), ("Yang Berhormat", "YB", ""),
    ("Honourable", "Hon.", ""), ("Honorable", "Hon.", ""), ("Hon.", "Hon.", ""),
    ("Professor", "Prof.", ""), ("Prof.", "Prof.", ""), ("Dr.", "Dr.", ""), ("Dr", "Dr.", ""),
    ("Madam", "", ""), ("Madame", "", ""), ("Mme.", "", ""), ("Mme", "", ""), ("Mr.", "", ""),
    ("Mrs.", "", ""), ("Ms.", "", ""), ("Mr", "", ""), ("Mrs", "", ""), ("Ms", "", ""),
    ("Khun", "", ""), ("Sir", "Sir", ""), ("Dame", "Dame", ""),
]
# Forms that say "a person's name follows" without being stored as an honorific.
COURTESY_TITLES = {"Madam", "Madame", "Mme.", "Mme", "Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms",
                   "Khun"}
# Words that extend an honorific when they follow one: Khmer ("Samdech Moha Borvor
# Thipadei"), Malay and Bruneian ("Dato' Sri Haji", "Dato Seri Setia Awang Haji",
# "Pehin Orang Kaya ...").  Never taken as an honorific on their own.
HONORIFIC_EXTENSIONS = {
    "Moha", "Borvor", "Bovor", "Thipadei", "Akka", "Sena", "Padei", "Techo", "Vibol", "Kralahom",
    "Seri", "Sri", "Setia", "Utama", "Paduka", "Orang", "Kaya", "Datu", "Pekerma", "Jaya",
    "Awang", "Dayang", "Haji", "Hajah", "Pengiran", "Dewa", "Laila", "Lela", "Indera", "Wira",
    "Diraja", "Di-Raja", "Panglima", "Dato", "Dato'", "Datuk", "Amar", "Pahlawan",
}
# Particles inside a name: "Mohamad bin Haji Hasan", "Ursula von der Leyen".
NAME_PARTICLES = {"bin", "binti", "bte", "bt", "binte", "ibn", "van", "von", "der", "de", "da",
                  "del", "della", "dos", "das", "di", "du", "la", "le", "al", "el"}
CONNECTORS = {"of", "and", "the", "for", "at", "on", "to", "de", "&", "in", "charge"}
