// Template data for the long-conversation memory evaluation set (see generate-set.ts): pools of names and
// places for the personas, small-talk and topic sentences with {placeholders}, assistant replies, and the
// fact templates (statements plus differently worded questions) whose answers the evaluation asks about.

export type QuestionKind = "date" | "name" | "number" | "place" | "preference" | "change" | "recommendation" | "multi-hop";

/** A fact the user states once; `answer` is the persona key whose value answers every question. */
export interface FactTemplate {
  id: string;
  kind: "date" | "name" | "number" | "place" | "preference";
  answer: string;
  statements: string[];
  questions: string[];
}

/** A fact stated early and corrected later; the correction never repeats the old value. */
export interface ChangeTemplate {
  id: string;
  before: string;
  after: string;
  statements: string[];
  corrections: string[];
  /** Ask for the current value: the evidence is the correction only. */
  currentQuestions: string[];
  /** Ask for the original value, which needs both messages to know it changed. */
  originalQuestions: string[];
}

/** The user asks for a suggestion and the assistant's reply names it. */
export interface RecommendationTemplate {
  id: string;
  answer: string;
  asks: string[];
  replies: string[];
  questions: string[];
}

/** A statement that names a person or thing only by name; the question needs the fact `requires` to link it. */
export interface MultiHopTemplate {
  id: string;
  requires: string;
  answer: string;
  statements: string[];
  questions: string[];
}

export const FEMALE_NAMES = [
  "Lena",
  "Amara",
  "Sofia",
  "Ingrid",
  "Priya",
  "Chloe",
  "Mei",
  "Fatima",
  "Hannah",
  "Beatriz",
  "Yuki",
  "Olga",
  "Nadia",
  "Rosa",
  "Grace",
  "Aisha",
  "Clara",
  "Freya",
  "Ines",
  "Marta",
  "Zara",
  "Elif",
  "Noor",
  "Tessa",
  "Vera",
  "Leila",
];

export const MALE_NAMES = [
  "Jonas",
  "Tomás",
  "Kwame",
  "Luca",
  "Ravi",
  "Oscar",
  "Mateo",
  "Henrik",
  "Dmitri",
  "Samir",
  "Felix",
  "Hugo",
  "Kenji",
  "Arjun",
  "Malik",
  "Pieter",
  "Elias",
  "Bruno",
  "Callum",
  "Diego",
  "Emeka",
  "Finn",
  "Ivan",
  "Nikolai",
  "Rafael",
  "Theo",
];

export const NEUTRAL_NAMES = ["Alex", "Sam", "Robin", "Jordan", "Charlie", "Kim", "Noa", "Sasha", "Ari", "Quinn", "Rowan", "Jesse", "Eden"];

export const USER_NAMES = ["Maya", "Daniel", "Anouk", "Marcus", "Julia", "Kofi", "Elena", "Tariq"];

export const SURNAMES = [
  "Mbeki",
  "Okafor",
  "Lindqvist",
  "Moreau",
  "Nakamura",
  "Kowalski",
  "Haddad",
  "Fernandes",
  "Oyelaran",
  "Varga",
  "Castellano",
  "Brennan",
  "Achterberg",
  "Sato",
  "Petrov",
  "Iyer",
  "Delacroix",
  "Novak",
  "Abara",
  "Whitlock",
];

export const DOG_NAMES = [
  "Biscuit",
  "Pepper",
  "Mochi",
  "Juniper",
  "Waffles",
  "Ziggy",
  "Bramble",
  "Noodle",
  "Pickles",
  "Rufus",
  "Olive",
  "Tofu",
  "Dash",
  "Marmite",
];

export const KITTEN_NAMES = [
  "Saffron",
  "Pixel",
  "Clementine",
  "Miso",
  "Figaro",
  "Nutmeg",
  "Tinsel",
  "Wasabi",
  "Pumpkin",
  "Sesame",
  "Gizmo",
  "Luna",
];

export const CITIES = [
  "Porto",
  "Seville",
  "Kraków",
  "Ljubljana",
  "Ghent",
  "Bologna",
  "Valencia",
  "Lyon",
  "Edinburgh",
  "Tallinn",
  "Bergen",
  "Thessaloniki",
  "Bordeaux",
  "Rotterdam",
  "Salzburg",
  "Granada",
  "Cork",
  "Trieste",
  "Gdańsk",
  "Lisbon",
  "Copenhagen",
  "Marseille",
  "Nantes",
  "Leipzig",
  "Turin",
  "Aarhus",
  "Bilbao",
  "Brno",
  "Riga",
  "Zagreb",
  "Malmö",
  "Dubrovnik",
  "Hamburg",
  "Naples",
  "Vilnius",
  "Split",
];

export const RESTAURANTS = [
  "Casa Lupita",
  "The Copper Pot",
  "Osteria Bellavista",
  "Little Saigon Kitchen",
  "Maison Verte",
  "Sakura Garden",
  "The Hungry Heron",
  "Taberna do Rio",
  "Bistro Margaux",
  "Golden Lotus",
  "El Faro",
  "Trattoria Nonna Pia",
  "The Olive Branch",
  "Kinfolk Table",
  "Spice Route",
  "Café Amalfi",
  "The Salt House",
  "Marigold Dining Room",
  "Yuzu Izakaya",
  "La Petite Cour",
];

export const HOTELS = [
  "Hotel Aurora",
  "The Harbour Lodge",
  "Casa Azul Suites",
  "The Linden Hotel",
  "Grand Meridian",
  "Hotel Solvika",
  "The Ivy Court",
  "Parkview Inn",
  "Hotel Rosmarin",
  "The Quayside",
];

export const CAFES = [
  "Bean There",
  "The Daily Grind",
  "Kaffe Klubb",
  "Moonbean",
  "Little Fox Coffee",
  "Café Tilia",
  "Roast Republic",
  "The Sugar Loaf",
  "Drip & Co",
  "Oak & Ember",
];

export const GYMS = [
  "Boulder Barn",
  "The Crag Climbing Centre",
  "Summit Wall",
  "Vertical Loft",
  "Chalk House",
  "Edge Climbing Gym",
  "Basecamp Bouldering",
  "The Overhang",
];

export const COMPANIES = [
  "Northwind Labs",
  "Bluefin Analytics",
  "Lumen Health",
  "Quarry Software",
  "Tidewater Logistics",
  "Greenleaf Energy",
  "Pebble Finance",
  "Orbital Media",
  "Kestrel Robotics",
  "Harbor Learning",
];

export const PROJECTS = [
  "Atlas",
  "Beacon",
  "Harbor",
  "Juniper",
  "Nimbus",
  "Orchard",
  "Polaris",
  "Quill",
  "Ripple",
  "Sextant",
  "Tundra",
  "Vesper",
];

export const ROLES = [
  "head of design",
  "engineering lead",
  "senior analyst",
  "product director",
  "operations manager",
  "lead editor",
  "research coordinator",
  "head of partnerships",
];

export const CUISINES = [
  "Ethiopian",
  "Sichuan",
  "Lebanese",
  "Peruvian",
  "Georgian",
  "Vietnamese",
  "Korean",
  "Sri Lankan",
  "Oaxacan",
  "Keralan",
  "Basque",
  "Burmese",
];

export const HATED_FOODS = [
  "coriander",
  "olives",
  "blue cheese",
  "mushrooms",
  "anchovies",
  "liquorice",
  "beetroot",
  "capers",
  "raw onion",
  "tarragon",
];

export const COFFEE_ORDERS = [
  "oat flat white",
  "double espresso",
  "cortado",
  "iced americano",
  "cappuccino with cinnamon",
  "soy latte",
  "long black",
  "macchiato",
];

export const BANDS = [
  "Khruangbin",
  "Radiohead",
  "Fleetwood Mac",
  "Bombay Bicycle Club",
  "Nina Simone",
  "Tame Impala",
  "Fontaines D.C.",
  "Hiatus Kaiyote",
  "Beach House",
  "Alabama Shakes",
  "Massive Attack",
  "Big Thief",
];

export const SEASONS = ["autumn", "late spring", "winter", "early summer"];

export const WORKOUT_TIMES = ["before 7 in the morning", "at lunchtime", "right after work", "late in the evening"];

export const GENRES = [
  "historical fiction",
  "hard science fiction",
  "narrative non-fiction",
  "Scandinavian crime novels",
  "graphic novels",
  "travel memoirs",
  "literary fantasy",
  "short story collections",
];

export const CARS = [
  "Skoda Octavia estate",
  "Toyota Yaris hybrid",
  "second-hand Golf",
  "Kia Niro",
  "Renault Zoe",
  "Mazda CX-30",
  "Volvo V60",
  "Honda Jazz",
];

export const DIETS = ["vegetarian", "pescatarian", "vegan", "flexitarian"];

export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export const MONTHS = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

export const CURRENCIES = ["€", "£", "$"];

export const BOOKS = [
  "The Remains of the Day",
  "Piranesi",
  "A Gentleman in Moscow",
  "The Overstory",
  "Station Eleven",
  "Braiding Sweetgrass",
  "The Left Hand of Darkness",
  "Klara and the Sun",
  "The Shadow of the Wind",
  "Educated",
  "Circe",
  "The Hobbit",
  "Sapiens",
  "The Name of the Rose",
  "Pachinko",
  "Project Hail Mary",
];

export const PODCASTS = [
  "Radiolab",
  "99% Invisible",
  "Hidden Brain",
  "Reply All",
  "The Rest Is History",
  "Search Engine",
  "Decoder Ring",
  "Ologies",
  "Song Exploder",
];

export const TRAILS = [
  "the Ridgeback Loop",
  "the Old Mill Trail",
  "the Falcon Crest Path",
  "the Three Lakes Walk",
  "the Heather Ridge Circuit",
  "the Lighthouse Coastal Path",
  "the Pinewood Gorge Trail",
];

export const DISHES = [
  "mushroom risotto",
  "lamb tagine",
  "shakshuka",
  "Thai green curry",
  "paella",
  "chicken katsu",
  "aubergine parmigiana",
  "beef bourguignon",
  "miso-glazed salmon",
  "dal makhani",
];

export const PLANTS = ["ZZ plant", "snake plant", "pothos", "cast iron plant", "peace lily", "Chinese evergreen", "parlour palm"];

export const BOARD_GAMES = [
  "Ticket to Ride",
  "Carcassonne",
  "Codenames",
  "Wingspan",
  "Azul",
  "Dixit",
  "Sushi Go Party",
  "Splendor",
  "Kingdomino",
];

export const SERIES = [
  "Slow Horses",
  "The Bear",
  "Severance",
  "Mare of Easttown",
  "Dark",
  "Shōgun",
  "Schitt's Creek",
  "Borgen",
  "Detectorists",
];

// Values for the filler sentences. They never come from a persona, so filler never restates a fact.
export const FILLER_VALUES: Record<string, string[]> = {
  anyCity: ["Vienna", "Prague", "Oslo", "Madrid", "Budapest", "Helsinki", "Athens", "Dublin", "Amsterdam", "Zurich", "Munich", "Florence"],
  other: ["Pat", "Lou", "Mo", "Bea", "Gus", "Ida", "Ned", "Ruth", "Vic", "Wren", "Dot", "Abe", "Cy", "Flo"],
  anyDish: [
    "pasta bake",
    "vegetable soup",
    "fried rice",
    "fish tacos",
    "a big salad",
    "lentil stew",
    "omelettes",
    "stir-fried noodles",
    "chilli",
    "roast vegetables",
  ],
  ingredient: [
    "ginger",
    "lemons",
    "chickpeas",
    "fennel",
    "smoked paprika",
    "fresh basil",
    "miso",
    "tahini",
    "leeks",
    "sweet potatoes",
    "feta",
    "pine nuts",
  ],
  hobby: [
    "pottery",
    "sourdough baking",
    "birdwatching",
    "watercolour painting",
    "the guitar",
    "chess",
    "gardening",
    "film photography",
    "knitting",
    "woodworking",
  ],
  sport: ["tennis", "padel", "five-a-side football", "squash", "badminton", "volleyball", "table tennis", "basketball"],
  lang: ["Python", "TypeScript", "Rust", "Go", "SQL", "Kotlin", "Bash"],
  tool: ["Docker", "git", "VS Code", "Postgres", "Excel", "Notion", "Figma", "Jira"],
  show: [
    "a baking competition",
    "a documentary about octopuses",
    "an old detective series",
    "a reality show about architects",
    "a nature series",
    "a stand-up special",
  ],
  bookGenre: ["a thriller", "a biography", "a poetry collection", "a cosy mystery", "an essay collection", "a sci-fi novella"],
  weekday: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  n: ["two", "three", "four", "five", "six"],
  minutes: ["15", "20", "25", "30", "40", "45"],
  weather: ["grey and drizzly", "unexpectedly sunny", "freezing", "windy", "muggy", "perfect"],
  mood: ["tired", "weirdly energetic", "a bit scattered", "pretty calm", "restless", "cheerful"],
};

// User filler sentences by topic. Messages combine one to three of them (sometimes across topics).
export const USER_SENTENCES: Record<string, string[]> = {
  smalltalk: [
    "Morning! The weather here is {weather} again.",
    "I'm feeling {mood} today, not sure why.",
    "Happy {weekday}, I suppose.",
    "I slept terribly last night, the neighbours were having a party until two.",
    "It's been one of those days where nothing quite goes to plan.",
    "I finally cleaned out the fridge, which felt like a small victory.",
    "Just got back from a long walk and my head feels clearer.",
    "I keep forgetting to water the plants on the balcony.",
    "The washing machine is making a strange knocking noise again.",
    "Had a lovely chat with {other} from next door this morning.",
    "I think I've had too much coffee today, my hands are buzzing.",
    "Nothing much going on, just wanted to think out loud for a bit.",
    "I spent the whole evening watching {show} and regret nothing.",
    "The bin collection got moved to {weekday} and I completely missed it.",
    "It's weirdly quiet in the flat today.",
    "I found an old photo album while tidying and lost an hour to it.",
    "The weekend went by far too fast.",
    "I'm trying to get better at replying to messages on the same day.",
    "My phone screen cracked this morning, great start.",
    "I bought flowers for the kitchen table just because.",
    "Traffic on the way home was absolutely ridiculous.",
    "We had a power cut for {minutes} minutes and it felt like camping.",
  ],
  work: [
    "Work has been hectic, we had {n} meetings before lunch.",
    "I spent most of the afternoon untangling a spreadsheet someone else built.",
    "Our team retro went better than expected today.",
    "I need to write a status update and I don't know where to start.",
    "My calendar is completely full this week.",
    "I had a tricky conversation with a client about scope creep.",
    "Someone scheduled a meeting at 8am on a {weekday}, which should be illegal.",
    "I finally finished the quarterly report and sent it off.",
    "We're hiring again, so I'm reading a lot of CVs.",
    "I'm trying to block out focus time but people keep booking over it.",
    "The office coffee machine broke, so morale is low.",
    "I presented to the leadership group and only stumbled once.",
    "I keep getting pulled into other teams' problems.",
    "Working from home today, which means working from the sofa.",
    "I'm mentoring a junior colleague and it's more rewarding than I expected.",
    "Our planning session ran {minutes} minutes over.",
    "I'd like to get better at saying no to extra projects.",
    "The new ticketing process is confusing everyone.",
    "We celebrated a small release with cake in the kitchen.",
    "I'm drafting a proposal and rewriting the first paragraph for the fifth time.",
  ],
  hobbies: [
    "I've been getting back into {hobby} lately.",
    "Tried {sport} with {other} at the weekend and I'm so sore.",
    "My {hobby} phase is going strong, the flat is full of supplies.",
    "I signed up for a beginners' class in {hobby}.",
    "I watched a few tutorials on {hobby} and now I want to buy everything.",
    "Played {sport} for the first time in ages and loved it.",
    "My attempt at {hobby} this weekend was a glorious mess.",
    "I'm thinking of joining a local {sport} club.",
    "I spent Sunday afternoon on {hobby} and lost track of time.",
    "A friend lent me some gear so I can try {hobby} properly.",
    "I'm trying to keep one evening a week free for hobbies.",
    "I want a hobby that gets me away from screens.",
    "I went to a {sport} match with {other}, the atmosphere was great.",
    "I've started a little notebook to track my {hobby} progress.",
    "My hands are covered in paint, or clay, or both.",
    "I keep buying hobby supplies faster than I use them.",
    "I'm slowly getting better at {hobby}, which is satisfying.",
    "There's a {hobby} meetup on {weekday} evenings that I might go to.",
  ],
  travel: [
    "I've been daydreaming about a weekend in {anyCity}.",
    "A friend just got back from {anyCity} and the photos are unreal.",
    "I hate packing, I always bring too many shoes.",
    "Train travel is so much nicer than flying for short trips.",
    "I've been looking at flight prices and they are wild right now.",
    "I need a proper holiday, even just a few days somewhere warm.",
    "{other} recommended a tiny bakery in {anyCity} that I keep thinking about.",
    "I want to do more trips by night train.",
    "Airports make me so anxious, I always arrive way too early.",
    "I found my old travel journal from a trip to {anyCity}.",
    "I'd love to learn enough of the language before my next trip.",
    "Long-haul flights destroy me for days afterwards.",
    "I'm trying to use up my annual leave before it expires.",
    "Road trips with a good playlist are underrated.",
    "I've started a list of places I want to visit before I'm forty.",
    "My suitcase wheel broke on the last trip so I need a new one.",
    "I always say I'll travel light and never do.",
    "We're thinking about a long weekend somewhere by the sea.",
  ],
  cooking: [
    "I made {anyDish} tonight and it was surprisingly good.",
    "I'm trying to cook more with {ingredient}.",
    "Meal prep Sunday went well, the fridge is full of containers.",
    "I burned the garlic again, the whole flat smells of it.",
    "I want to get better at making bread without a recipe.",
    "We had {anyDish} for the third night in a row.",
    "I bought way too much {ingredient} at the market.",
    "I'm trying to eat less takeaway this month.",
    "The new cookbook I borrowed has some wild recipes.",
    "My sourdough starter died while I was away.",
    "I'm hosting a small dinner soon and already stressing about the menu.",
    "Leftovers for lunch again, but honestly they were great.",
    "I finally sharpened my kitchen knives and it's a different world.",
    "I want to learn a few dishes I can make without thinking.",
    "Is there anything more satisfying than a good soup on a cold day?",
    "I tried a recipe with {ingredient} and it didn't quite work.",
    "We're trying to plan meals for the week so we waste less food.",
    "I made pancakes on a {weekday}, which felt very rebellious.",
  ],
  health: [
    "I've been trying to get eight hours of sleep, with mixed results.",
    "My back has been stiff from sitting all day.",
    "I went for a {minutes}-minute run and felt great afterwards.",
    "I'm trying to drink more water, I set reminders on my phone.",
    "I think I'm coming down with a cold.",
    "I've started stretching every morning, it helps a lot.",
    "My knee has been clicking when I take the stairs.",
    "I've been meditating for ten minutes a day, on and off.",
    "I skipped the gym all week and feel sluggish.",
    "I'm trying to cut down on sugar, which is harder than it sounds.",
    "I did a yoga class and discovered muscles I didn't know I had.",
    "My sleep tracker says I'm getting less deep sleep than I thought.",
    "I'm trying to take proper breaks away from the screen.",
    "Walking to work instead of taking the bus has been nice.",
    "I had a headache most of the afternoon.",
    "I'm trying to build a routine that doesn't collapse by midweek.",
    "I signed up for a {minutes}-minute lunchtime fitness class.",
    "I feel much better when I get outside in the morning.",
  ],
  books: [
    "I started reading {bookGenre} and can't put it down.",
    "I'm stuck halfway through a book and can't decide whether to push on.",
    "The library finally had the book I reserved months ago.",
    "I read on the train this morning instead of scrolling, small win.",
    "I've got a stack of unread books on the nightstand.",
    "I'm in a reading slump, nothing is grabbing me.",
    "My book club picked {bookGenre} this month.",
    "I keep buying books faster than I can read them.",
    "I finished {bookGenre} last night and the ending was a shock.",
    "I'm trying audiobooks on my walks.",
    "I want to read more non-fiction this year.",
    "A colleague lent me {bookGenre} and insisted I'd love it.",
    "I re-read an old favourite and it holds up.",
    "I've been reading a chapter before bed instead of scrolling.",
    "The second-hand bookshop near the station is dangerous for my wallet.",
    "I'm trying to read one book in another language this year.",
  ],
  family: [
    "My sister sent me a voice note that was eleven minutes long.",
    "My brother and I had a long call about nothing in particular.",
    "Mum keeps forwarding me articles about vitamins.",
    "The family group chat has been very active this week.",
    "My dad finally learned how to send photos, so now he sends dozens.",
    "My sister and I are planning something for our parents' anniversary.",
    "My brother is into cycling now and won't stop talking about it.",
    "We had a big family lunch and everyone talked over each other.",
    "The dog has been extra clingy this week.",
    "The dog stole a whole sandwich off the counter yesterday.",
    "My partner and I finally agreed on curtains for the bedroom.",
    "My grandmother taught me her soup recipe over video call.",
    "My cousin is getting into pottery too, so we compare disasters.",
    "The dog refused to go outside because it was raining.",
  ],
};

// User tech questions and the assistant answers that go with them (placeholders are filled once for both).
export const TECH_EXCHANGES: { question: string; answer: string }[] = [
  {
    question: "How do I undo my last commit in git without losing the changes?",
    answer: "Use git reset --soft HEAD~1. It moves the branch back one commit but keeps your changes staged, so nothing is lost.",
  },
  {
    question: "In {lang}, what's the cleanest way to read a file line by line?",
    answer:
      "Most languages give you a streaming reader for that; open the file, iterate over lines, and let the reader close the handle when the loop ends.",
  },
  {
    question: "Why does my laptop fan spin up every time I open a few browser tabs?",
    answer:
      "Usually one heavy tab is to blame. Check the browser's task manager, close what is eating CPU, and consider a tab-suspender extension.",
  },
  {
    question: "Should I learn {lang} or something else if I want to automate boring work tasks?",
    answer:
      "Pick the language your colleagues already use, so you get help and reuse. Start with one small script that saves you ten minutes a week.",
  },
  {
    question: "What's the difference between a process and a thread, in plain words?",
    answer: "A process is a running program with its own memory; threads are workers inside one process that share that memory.",
  },
  {
    question: "My {tool} setup keeps getting slower, any idea how to speed it up?",
    answer:
      "Start by disabling extensions or plugins you rarely use, clear caches, and check whether a big folder is being indexed in the background.",
  },
  {
    question: "How do I make a spreadsheet formula ignore empty cells?",
    answer:
      'Wrap the range in a filter or use a conditional like IF(cell="","",...), so the blanks are skipped instead of counted as zero.',
  },
  {
    question: "Is it worth using a password manager, or is that overkill?",
    answer: "It's worth it. A password manager lets you use a long unique password everywhere, which protects you when one site leaks.",
  },
  {
    question: "What does it mean when people say a database query needs an index?",
    answer: "An index is like a book's index: the database jumps straight to matching rows instead of scanning the whole table.",
  },
  {
    question: "How often should I back up my photos, realistically?",
    answer:
      "Automate it so it happens daily without you thinking, and keep one copy off-site, like a cloud service or a drive at a friend's place.",
  },
  {
    question: "Why do people keep recommending {tool} for everything?",
    answer:
      "Mostly because it's widely used and well documented, so you find answers fast. It's not always the best tool, but it's a safe default.",
  },
  {
    question: "How do I stop my phone from draining its battery overnight?",
    answer: "Check which apps refresh in the background, turn off the ones you don't need, and use a bedtime or low-power mode.",
  },
  {
    question: "In {lang}, how do I format a date as year-month-day?",
    answer: "Use the standard date formatting function with an ISO pattern; the ISO 8601 form is unambiguous and sorts correctly as text.",
  },
  {
    question: "What's a sensible way to organise files so I can actually find them again?",
    answer: "Keep a shallow folder tree by area (work, home, money), name files with a date prefix, and search rather than browse.",
  },
  {
    question: "Is it safe to use public wifi for online banking?",
    answer:
      "Banking apps encrypt their traffic, so it's mostly fine, but a phone hotspot is safer. Avoid entering passwords on captive portal pages.",
  },
  {
    question: "Can you explain what an API is without the jargon?",
    answer:
      "It's a menu a program offers to other programs: a list of requests it accepts and what it sends back, like ordering at a counter.",
  },
];

// Assistant sentences by topic; a reply combines one to three (an empathic line, then advice or a question).
export const ASSISTANT_SENTENCES: Record<string, string[]> = {
  smalltalk: [
    "That sounds like a fairly typical {weekday}, honestly.",
    "Small wins count, and it sounds like you had one.",
    "I hope the rest of the day is kinder to you.",
    "A quiet day can be exactly what you need sometimes.",
    "That's a relatable kind of chaos.",
    "Thanks for sharing, it's nice to hear how the day is going.",
    "Is there anything on your plate I can help you think through?",
    "It might help to jot down the one thing that would make today feel good.",
    "Sounds like a good moment for a short break and some fresh air.",
    "Those little household annoyances add up, don't they?",
  ],
  work: [
    "That's a lot of meetings; it might be worth asking which ones really need you.",
    "For the status update, try three bullets: what's done, what's next, what's blocked.",
    "Protecting focus time is hard; marking it as busy with a clear title sometimes helps.",
    "Scope creep conversations go better when you write the agreed scope down first.",
    "It sounds like you handled a tricky situation well.",
    "Would it help to break the work into smaller pieces you can finish today?",
    "Saying no is easier when you offer what you can do instead.",
    "Mentoring often teaches the mentor as much as the mentee.",
    "Celebrating small releases is good for team morale.",
    "If the process confuses everyone, it's worth raising in the next retro.",
  ],
  hobbies: [
    "That sounds like a lovely way to spend some time off screens.",
    "Beginners' classes are a great way to learn without pressure.",
    "The soreness usually fades after the first few sessions.",
    "It's normal for early attempts to be messy; that's part of the fun.",
    "Tracking progress in a notebook is a great idea, it's motivating to look back.",
    "A local club could be a nice way to meet people too.",
    "Maybe set a small budget for supplies so the hobby doesn't take over the flat.",
    "What do you enjoy most about it so far?",
  ],
  travel: [
    "A short trip can be surprisingly restorative.",
    "Night trains are having a real comeback, and they save you a hotel night.",
    "For packing, laying everything out and removing a third usually works.",
    "Flight prices often dip a few weeks after a route is announced, so set an alert.",
    "Arriving early is fine if it keeps the stress down.",
    "Learning a few key phrases makes a big difference to how a trip feels.",
    "Would you prefer somewhere walkable or somewhere to properly switch off?",
    "A travel list sounds like a fun thing to keep adding to.",
  ],
  cooking: [
    "That sounds delicious, cooking at home can be really satisfying.",
    "Batch cooking at the weekend really does make weekdays easier.",
    "Garlic burns quickly; adding it a little later with the heat lower helps.",
    "A few reliable dishes you know by heart make weeknights much easier.",
    "Planning meals around what's already in the fridge cuts waste a lot.",
    "Sharp knives are safer as well as nicer to use.",
    "For a dinner party, one dish you can prepare ahead keeps the stress down.",
    "Soup is a great way to use up vegetables that need eating.",
  ],
  health: [
    "A consistent bedtime often helps more than anything else with sleep.",
    "Short stretching breaks during the day can ease a stiff back.",
    "If the knee keeps bothering you, it's worth getting it looked at.",
    "Rest up; pushing through a cold tends to make it last longer.",
    "Getting outside in the morning light helps a lot of people feel better.",
    "Routines survive better when they are small and hard to skip.",
    "That's a good habit to build on.",
    "Be kind to yourself, a sluggish week happens to everyone.",
  ],
  books: [
    "It's fine to abandon a book that isn't working for you.",
    "Reading slumps often break with something short and fast-paced.",
    "Audiobooks on walks are a great way to fit in more reading.",
    "A chapter before bed is a lovely habit.",
    "Book clubs are great for reading things you'd never pick yourself.",
    "What did you like most about it?",
    "Reading in another language is slow at first but gets easier quickly.",
  ],
  family: [
    "It sounds like your family keeps in close touch.",
    "Family group chats can be a lot, but they're sweet in their way.",
    "That sounds like a nice moment with your family.",
    "Dogs always seem to know when something is going on.",
    "Planning something together sounds like a lovely idea.",
    "It's nice that you share hobbies with your family.",
  ],
  ack: [
    "Thanks for telling me, that's useful to know.",
    "Got it, I'll keep that in mind.",
    "That sounds like a lot to juggle, but you seem on top of it.",
    "Good to know, thanks for the update.",
    "That makes sense.",
    "Noted, it helps to have the details straight.",
    "That sounds exciting.",
    "Let me know if you want help planning around it.",
    "Is there anything you'd like to sort out ahead of time?",
    "That's worth putting in your calendar so it doesn't sneak up on you.",
    "It sounds like things are moving along.",
    "Plans change, it's good that you're flexible about it.",
  ],
};

// Openers that sometimes precede a fact statement.
export const FACT_OPENERS = [
  "Oh, before I forget.",
  "Random update.",
  "Quick thing.",
  "Some news.",
  "Life admin update.",
  "Anyway.",
  "Side note.",
  "Funny timing.",
  "Okay, news.",
  "By the way.",
];

// Facts stated once by the user. Questions are worded the way someone asks later, not the way they said it.
export const FACTS: FactTemplate[] = [
  {
    id: "sister",
    kind: "name",
    answer: "sister",
    statements: [
      "My sister {sister} is coming to stay with us for a few days, so I need to clear out the spare room.",
      "I had a long dinner with my sister {sister} last night, we hadn't properly talked in weeks.",
    ],
    questions: ["What's my sister's name again?", "Remind me, what is my sister called?"],
  },
  {
    id: "brother",
    kind: "name",
    answer: "brother",
    statements: [
      "My little brother {brother} just passed his driving test on the third attempt.",
      "My brother {brother} called me for money advice, which was a first.",
    ],
    questions: ["What's my brother called?", "What was my brother's name again?"],
  },
  {
    id: "manager",
    kind: "name",
    answer: "manager",
    statements: [
      "My new manager, {manager}, seems sharp but a bit intense about spreadsheets.",
      "Since the reorg my manager is {manager}, and our first one-to-one went fine.",
    ],
    questions: ["Who is my boss at the moment?", "What's the name of the person I report to at work?"],
  },
  {
    id: "dog",
    kind: "name",
    answer: "dog",
    statements: [
      "We finally picked a name for the puppy: {dog}. He has already chewed two shoes.",
      "Our dog {dog} has decided the sofa belongs to him now.",
    ],
    questions: ["What did we name our dog?", "What's my pup called again?"],
  },
  {
    id: "vet",
    kind: "name",
    answer: "vet",
    statements: [
      "{vet} has been our dog's vet since he was a puppy, and she's the only one he tolerates.",
      "Took the dog for his jabs with {vet}, the vet who has looked after him since day one.",
    ],
    questions: ["Remind me, what's my dog's vet called?", "Who is the animal doctor that looks after our dog?"],
  },
  {
    id: "dentist",
    kind: "name",
    answer: "dentist",
    statements: [
      "My dentist, {dentist}, told me off for not flossing again.",
      "I've switched to a new dentist near the office, {dentist}, and the waiting room has a fish tank.",
    ],
    questions: ["Who looks after my teeth these days?", "What's the name of my dentist?"],
  },
  {
    id: "colleague1",
    kind: "name",
    answer: "colleague1",
    statements: [
      "We have a new designer on the team, {colleague1}, and the mock-ups are already better than ours.",
      "A designer called {colleague1} joined my team this week and immediately fixed our ugly dashboard.",
    ],
    questions: ["Who's the designer who joined my team recently?", "What was the new team designer's name?"],
  },
  {
    id: "colleague2",
    kind: "name",
    answer: "colleague2",
    statements: [
      "{colleague2} from finance finally approved my expense claim after three weeks.",
      "I had to chase {colleague2} in finance about the invoices again.",
    ],
    questions: ["Who's the finance person who deals with my expenses?", "Which accounts colleague did I have to chase?"],
  },
  {
    id: "friend",
    kind: "name",
    answer: "friend",
    statements: [
      "My best friend {friend} and I have known each other since we were seven.",
      "I've been friends with {friend} since primary school; basically family at this point.",
    ],
    questions: ["Who is my oldest friend?", "What's the name of my best mate from childhood?"],
  },
  {
    id: "landlord",
    kind: "name",
    answer: "landlord",
    statements: [
      "Our landlord, {landlord}, finally sent someone to fix the boiler.",
      "The landlord, {landlord}, wants to do an inspection next month.",
    ],
    questions: ["Who owns the flat we rent?", "What's our landlord's name?"],
  },
  {
    id: "partner",
    kind: "name",
    answer: "partner",
    statements: [
      "My partner {partner} surprised me with breakfast in bed this morning.",
      "My partner {partner} and I finally assembled the wardrobe without arguing.",
    ],
    questions: ["What's my partner's name?", "Who am I living with, what's their name?"],
  },
  {
    id: "physio",
    kind: "name",
    answer: "physio",
    statements: [
      "I've started seeing a physio called {physio} for my shoulder.",
      "My physiotherapist, {physio}, gave me a list of shoulder exercises.",
    ],
    questions: ["Who is treating my shoulder?", "What's the name of the physiotherapist I see?"],
  },
  {
    id: "brotherBirthday",
    kind: "date",
    answer: "brotherBirthday",
    statements: [
      "My brother's birthday is on {brotherBirthday}, and I still haven't got him anything.",
      "Note to self: my brother turns a year older on {brotherBirthday}.",
    ],
    questions: ["When's my brother's birthday?", "What date does my brother celebrate his birthday?"],
  },
  {
    id: "dentistDate",
    kind: "date",
    answer: "dentistDate",
    statements: [
      "I've booked a dentist check-up for {dentistDate} at half past ten.",
      "My next dental check-up is on {dentistDate}, first thing in the morning.",
    ],
    questions: ["When is my next dental appointment?", "What day am I due to see the dentist?"],
  },
  {
    id: "parentsVisit",
    kind: "date",
    answer: "parentsVisit",
    statements: [
      "My parents are flying in on {parentsVisit} and staying for a week.",
      "Mum and Dad arrive on {parentsVisit}, so the spare room needs to be ready.",
    ],
    questions: ["When do my mum and dad arrive?", "What date are my parents coming to visit?"],
  },
  {
    id: "anniversary",
    kind: "date",
    answer: "anniversary",
    statements: [
      "Our anniversary is on {anniversary}; I want to plan something special this year.",
      "It'll be five years together on {anniversary}, hard to believe.",
    ],
    questions: ["When is our anniversary?", "What's the date my partner and I celebrate being together?"],
  },
  {
    id: "passportExpiry",
    kind: "date",
    answer: "passportExpiry",
    statements: ["I just noticed my passport expires on {passportExpiry}, so I need to renew it soon."],
    questions: ["When does my passport run out?", "What's the expiry date on my passport?"],
  },
  {
    id: "raceDate",
    kind: "date",
    answer: "raceDate",
    statements: [
      "I signed up for a half marathon on {raceDate}, so training starts now.",
      "The half marathon I entered is on {raceDate}. Terrified.",
    ],
    questions: ["When is the half marathon I entered?", "What's the date of my race?"],
  },
];

export const MORE_FACTS: FactTemplate[] = [
  {
    id: "flat",
    kind: "number",
    answer: "flat",
    statements: [
      "We live in flat {flat} on the top floor, so parcels always end up with the neighbours.",
      "Couriers keep missing us because the buzzer for flat {flat} is broken.",
    ],
    questions: ["What's our flat number?", "Which apartment number is ours?"],
  },
  {
    id: "dogAge",
    kind: "number",
    answer: "dogAge",
    statements: [
      "The dog is {dogAge} years old now and still acts like a puppy.",
      "Hard to believe our dog is already {dogAge}; the vet says he's in great shape.",
    ],
    questions: ["How old is our dog?", "What age is my dog?"],
  },
  {
    id: "rent",
    kind: "number",
    answer: "rent",
    statements: ["Our rent is going up to {rent} a month when the lease renews.", "We just signed the new lease: {rent} a month, ouch."],
    questions: ["How much is our monthly rent going to be?", "What will we pay each month for the flat?"],
  },
  {
    id: "teamSize",
    kind: "number",
    answer: "teamSize",
    statements: [
      "My team has grown to {teamSize} people, which is a lot of one-to-ones.",
      "With the two new hires there are {teamSize} of us on the team now.",
    ],
    questions: ["How many people are on my team now?", "What's my team's headcount?"],
  },
  {
    id: "savings",
    kind: "number",
    answer: "savings",
    statements: [
      "I'm trying to put away {savings} every month for a house deposit.",
      "New rule: {savings} goes straight into the deposit account each payday.",
    ],
    questions: ["How much am I saving each month?", "What monthly amount did I decide to set aside for the deposit?"],
  },
  {
    id: "bikePrice",
    kind: "number",
    answer: "bikePrice",
    statements: [
      "The road bike I've got my eye on costs {bikePrice}, which feels like a lot.",
      "I keep looking at that road bike, it's {bikePrice} and I can't justify it yet.",
    ],
    questions: ["How expensive was that bike I wanted?", "What's the price of the road bike I'm eyeing?"],
  },
  {
    id: "steps",
    kind: "number",
    answer: "steps",
    statements: [
      "My daily step goal is {steps}, and I usually miss it on Mondays.",
      "I set my watch to nag me until I hit {steps} steps a day.",
    ],
    questions: ["What step count do I aim for each day?", "How many steps a day am I targeting?"],
  },
  {
    id: "gymPrice",
    kind: "number",
    answer: "gymPrice",
    statements: [
      "The climbing membership is {gymPrice} a month, cheaper than I expected.",
      "I pay {gymPrice} a month for climbing, which is fair for how often I go.",
    ],
    questions: ["What does my climbing membership cost per month?", "How much do I pay monthly for climbing?"],
  },
  {
    id: "homeCity",
    kind: "place",
    answer: "homeCity",
    statements: [
      "I moved to {homeCity} three years ago and it finally feels like home.",
      "After three years in {homeCity} I finally know which bus goes where.",
    ],
    questions: ["Which city do I live in?", "Where did I move to a few years back?"],
  },
  {
    id: "sisterCity",
    kind: "place",
    answer: "sisterCity",
    statements: [
      "My sister lives in {sisterCity} now, so visiting her means a long train ride.",
      "My sister finally settled in {sisterCity} and loves her new flat.",
    ],
    questions: ["Where does my sister live?", "Which city is my sister based in?"],
  },
  {
    id: "anniversaryRestaurant",
    kind: "place",
    answer: "anniversaryRestaurant",
    statements: [
      "For our anniversary we've booked a table at {anniversaryRestaurant}.",
      "I managed to get an anniversary reservation at {anniversaryRestaurant}, it's usually booked out.",
    ],
    questions: ["Where are we going for our anniversary dinner?", "Which restaurant did we book for the anniversary?"],
  },
  {
    id: "hometown",
    kind: "place",
    answer: "hometown",
    statements: [
      "I grew up in {hometown}, and I still miss the bakeries there.",
      "Being back in {hometown}, where I grew up, always makes me nostalgic.",
    ],
    questions: ["Where did I grow up?", "What's my hometown?"],
  },
  {
    id: "gym",
    kind: "place",
    answer: "gym",
    statements: ["I've been climbing at {gym} twice a week.", "The routes at {gym} got reset, so my usual climbing projects are gone."],
    questions: ["Which climbing gym do I go to?", "Where do I go bouldering?"],
  },
  {
    id: "cafe",
    kind: "place",
    answer: "cafe",
    statements: [
      "My favourite café is {cafe}, they know my order by heart.",
      "I basically live at {cafe} on Saturday mornings, it's my favourite spot for coffee.",
    ],
    questions: ["What's the name of my go-to coffee place?", "Which café do I like best?"],
  },
  {
    id: "company",
    kind: "place",
    answer: "company",
    statements: [
      "I work at {company}, on the data platform side.",
      "Three years at {company} this month, which is the longest I've stayed anywhere.",
    ],
    questions: ["Which company do I work for?", "Who is my employer?"],
  },
  {
    id: "hotel",
    kind: "place",
    answer: "hotel",
    statements: [
      "For the conference I've booked a room at {hotel}.",
      "I'm staying at {hotel} during the conference, it's a short walk from the venue.",
    ],
    questions: ["Which hotel am I staying at for the conference?", "Where did I book to sleep during the conference?"],
  },
  {
    id: "cuisine",
    kind: "preference",
    answer: "cuisine",
    statements: [
      "If I could only eat one cuisine forever it would be {cuisine} food.",
      "Nothing beats {cuisine} food for me, it's my absolute favourite.",
    ],
    questions: ["What's my favourite kind of food?", "Which cuisine do I love most?"],
  },
  {
    id: "hatedFood",
    kind: "preference",
    answer: "hatedFood",
    statements: [
      "I genuinely cannot stand {hatedFood}, it ruins any dish for me.",
      "Please never let me order anything with {hatedFood} in it, I hate it.",
    ],
    questions: ["Which ingredient do I hate?", "What food should never go in anything you suggest for me?"],
  },
  {
    id: "coffee",
    kind: "preference",
    answer: "coffee",
    statements: [
      "My usual order is always the same: {coffee}, no sugar.",
      "I've settled on {coffee} as my daily coffee, I don't even look at the menu anymore.",
    ],
    questions: ["How do I take my coffee?", "What do I usually order at a coffee shop?"],
  },
  {
    id: "band",
    kind: "preference",
    answer: "band",
    statements: [
      "I've had {band} on repeat for weeks, still my favourite.",
      "Nobody comes close to {band} for me, I'd see them live anywhere.",
    ],
    questions: ["Who's my favourite band or artist?", "Which musicians do I love most?"],
  },
  {
    id: "season",
    kind: "preference",
    answer: "season",
    statements: ["My favourite time of year is {season}, no contest.", "Honestly I'm happiest in {season}, the light is just better."],
    questions: ["Which season do I like best?", "What's my favourite time of the year?"],
  },
  {
    id: "workoutTime",
    kind: "preference",
    answer: "workoutTime",
    statements: [
      "I much prefer to exercise {workoutTime}, otherwise it just doesn't happen.",
      "Workouts only stick for me if I do them {workoutTime}.",
    ],
    questions: ["When do I prefer to work out?", "What time of day suits me for exercise?"],
  },
  {
    id: "genre",
    kind: "preference",
    answer: "genre",
    statements: ["I'm happiest reading {genre}; everything else feels like homework.", "My comfort reading is always {genre}."],
    questions: ["What kind of books do I like most?", "Which genre do I prefer to read?"],
  },
  {
    id: "dreamCity",
    kind: "preference",
    answer: "dreamCity",
    statements: [
      "My dream is to spend a whole month living in {dreamCity} one day.",
      "If I ever get a sabbatical I'm spending it in {dreamCity}, that's the dream.",
    ],
    questions: ["Where would I love to live for a month?", "What's my dream destination?"],
  },
];

// Facts that change: the first statement goes early, the correction (without the old value) much later.
export const CHANGES: ChangeTemplate[] = [
  {
    id: "trip",
    before: "tripA",
    after: "tripB",
    statements: [
      "We're planning our summer trip to {tripA}, I've just started looking at flights.",
      "The summer trip is going to be {tripA}, we booked the time off.",
    ],
    corrections: [
      "Actually the summer trip moved to {tripB}, the flights worked out much better.",
      "Change of plans: we're doing the summer holiday in {tripB} instead.",
    ],
    currentQuestions: ["Where are we going on the summer trip?", "What's the destination for our summer holiday now?"],
    originalQuestions: [
      "Where was the summer trip first planned, before we changed it?",
      "Which city did I originally have in mind for the summer holiday?",
    ],
  },
  {
    id: "budget",
    before: "budgetA",
    after: "budgetB",
    statements: [
      "We've set a budget of {budgetA} for the kitchen renovation.",
      "The kitchen renovation has to stay within {budgetA}, no exceptions.",
    ],
    corrections: [
      "Update on the kitchen: we've had to raise the renovation budget to {budgetB}.",
      "The builder's quote came in high, so the new kitchen budget is {budgetB}.",
    ],
    currentQuestions: ["What's the current budget for the kitchen redo?", "How much can we spend on redoing the kitchen now?"],
    originalQuestions: ["What was the kitchen budget before we raised it?", "How much did we first plan to spend on the kitchen?"],
  },
  {
    id: "guests",
    before: "guestsA",
    after: "guestsB",
    statements: ["We're expecting {guestsA} people at the housewarming.", "The housewarming guest list is at {guestsA} so far."],
    corrections: [
      "The housewarming grew out of control, it's {guestsB} people now.",
      "Final count for the housewarming: {guestsB} guests, we'll need more chairs.",
    ],
    currentQuestions: ["How many people are coming to our housewarming?", "What's the latest headcount for the housewarming party?"],
    originalQuestions: ["How many guests did we first plan for at the housewarming?"],
  },
  {
    id: "deadline",
    before: "deadlineA",
    after: "deadlineB",
    statements: [
      "The {project} launch deadline is {deadlineA}, so it's going to be a busy stretch.",
      "We're shipping {project} on {deadlineA}, assuming nothing explodes.",
    ],
    corrections: [
      "The {project} launch has been pushed back to {deadlineB}.",
      "Good news for my sanity: {project} now ships on {deadlineB}.",
    ],
    currentQuestions: ["When is the launch of my work project happening now?", "What's the current ship date for the project at work?"],
    originalQuestions: ["What was the launch date at work before it got pushed?"],
  },
  {
    id: "car",
    before: "carA",
    after: "carB",
    statements: ["We've pretty much decided to buy a {carA} as our first car.", "The plan is to get a {carA}, it seems sensible for us."],
    corrections: [
      "We changed our minds about the car, we're going for a {carB}.",
      "After the test drives, the car we're actually buying is a {carB}.",
    ],
    currentQuestions: ["Which car are we buying?", "What car did we end up choosing?"],
    originalQuestions: ["Which car were we initially going to buy?"],
  },
  {
    id: "diet",
    before: "dietA",
    after: "dietB",
    statements: ["I've been {dietA} for about a month now and feel good.", "Food update: I went {dietA} at the start of the month."],
    corrections: [
      "Actually I'm {dietB} now, the old approach wasn't working for me.",
      "I've switched things up and I'm {dietB} these days.",
    ],
    currentQuestions: ["What kind of diet am I following at the moment?", "How am I eating these days, diet-wise?"],
    originalQuestions: ["What diet was I on before I switched?"],
  },
  {
    id: "classDay",
    before: "classDayA",
    after: "classDayB",
    statements: [
      "My pottery class is on {classDayA} evenings, it's the highlight of my week.",
      "I signed up for a pottery class, {classDayA} evenings for ten weeks.",
    ],
    corrections: [
      "The pottery class moved to {classDayB} evenings because the studio double-booked.",
      "Heads up, pottery is on {classDayB} nights from now on.",
    ],
    currentQuestions: ["Which evening is my pottery class now?", "What night do I have pottery these days?"],
    originalQuestions: ["What night was pottery on originally?"],
  },
];

// The user asks for a suggestion; the assistant's reply names it.
export const RECOMMENDATIONS: RecommendationTemplate[] = [
  {
    id: "recRestaurant",
    answer: "recRestaurant",
    asks: [
      "Can you suggest a restaurant for my mum's birthday dinner? She likes somewhere cosy but not too fancy.",
      "Where should I take my mum for her birthday dinner? Cosy, not stuffy.",
    ],
    replies: [
      "For your mum's birthday I'd suggest {recRestaurant}: it's cosy, the staff are lovely, and they'll bring out a dessert with a candle if you ask.",
      "I'd book {recRestaurant}. It's warm and relaxed, the menu has something for everyone, and it's quiet enough to talk.",
    ],
    questions: [
      "What restaurant did you recommend for mum's birthday meal?",
      "Where did you say I should take my mother for her birthday?",
    ],
  },
  {
    id: "book",
    answer: "book",
    asks: [
      "I need something to read on a long flight, any suggestions?",
      "What novel should I bring on the plane next week? Something absorbing.",
    ],
    replies: [
      "For a long flight I'd pick {book}; it's absorbing enough that the hours disappear.",
      "Take {book}. It's gripping from the first pages and perfect for a long journey.",
    ],
    questions: ["Which book did you suggest for the flight?", "What was that novel you told me to take on the plane?"],
  },
  {
    id: "podcast",
    answer: "podcast",
    asks: ["Any podcast you'd recommend for my commute? Something smart but not heavy."],
    replies: [
      "Try {podcast}; the episodes fit a commute and always teach you something.",
      "I'd start with {podcast}. It's clever, warm, and easy to dip into.",
    ],
    questions: ["What podcast did you tell me to try on my commute?", "Which audio show did you suggest for the way to work?"],
  },
  {
    id: "trail",
    answer: "trail",
    asks: ["Is there a nice day hike you'd suggest for this weekend, not too brutal?"],
    replies: [
      "I'd go for {trail}: moderate climbs, great views at the top, and a café near the start.",
      "How about {trail}? It's a gentle half-day walk with a great lookout.",
    ],
    questions: ["Which hike did you suggest for the weekend?", "What was the walking route you recommended?"],
  },
  {
    id: "dish",
    answer: "dish",
    asks: ["What should I cook for six people on Saturday? I want something I can prep ahead."],
    replies: [
      "Make {dish}: you can cook it the day before, and it only gets better overnight.",
      "I'd do {dish}. It scales well for six and most of the work happens in advance.",
    ],
    questions: ["What dish did you suggest I cook for the dinner party?", "What meal did you tell me to make ahead for my guests?"],
  },
  {
    id: "plant",
    answer: "plant",
    asks: ["Our hallway gets almost no light. Which plant could survive there?"],
    replies: [
      "A {plant} would be my pick; it copes with low light and forgives missed waterings.",
      "Go for a {plant}. It's famously hard to kill and fine in dim corners.",
    ],
    questions: ["Which plant did you say would cope in our dark hallway?", "What was the low-light plant you recommended?"],
  },
  {
    id: "game",
    answer: "game",
    asks: ["Any board game recommendation for a family night with kids and grandparents?"],
    replies: [
      "{game} works really well across ages: easy rules, quick turns, and nobody gets knocked out early.",
      "I'd bring {game}; everyone can learn it in five minutes.",
    ],
    questions: [
      "Which board game did you recommend for family night?",
      "What game did you suggest for playing with the kids and grandparents?",
    ],
  },
  {
    id: "kitten",
    answer: "kitten",
    asks: ["We're adopting a ginger kitten! Can you help me pick a name?"],
    replies: [
      "How about {kitten}? It's short, easy to call out, and suits a ginger kitten.",
      "I like {kitten} for a ginger kitten: playful, and it works when the kitten grows up too.",
    ],
    questions: ["What name did you suggest for our kitten?", "Which cat name did you come up with for us?"],
  },
  {
    id: "series",
    answer: "series",
    asks: ["I need a new TV series for the weekend, something gripping."],
    replies: [
      "I'd recommend {series}; it hooks you in the first episode and the pacing is excellent.",
      "Try {series}. Great writing, and the episodes end on just the right cliffhangers.",
    ],
    questions: ["What series did you tell me to watch?", "Which TV show did you recommend for my weekend?"],
  },
];

// Statements that mention a person only by name: the question names the relation, so it needs both messages.
export const MULTI_HOPS: MultiHopTemplate[] = [
  {
    id: "sisterBirthday",
    requires: "sister",
    answer: "sisterBirthday",
    statements: [
      "{sister}'s birthday is on {sisterBirthday}, I need to think about a present.",
      "I should book something nice for {sister}'s birthday on {sisterBirthday}.",
    ],
    questions: ["When is my sister's birthday?", "What date should I send my sister a birthday card?"],
  },
  {
    id: "sisterAge",
    requires: "sister",
    answer: "sisterAge",
    statements: [
      "{sister} is turning {sisterAge} this year and pretending not to care.",
      "Can't believe {sister} will be {sisterAge} on her next birthday.",
    ],
    questions: ["How old will my sister be on her birthday?", "What age is my sister turning this year?"],
  },
  {
    id: "managerDog",
    requires: "manager",
    answer: "managerDog",
    statements: ["{manager} brought a dog called {managerDog} into the office today and nobody got any work done."],
    questions: ["What's the name of my manager's dog?", "What's my boss's dog called?"],
  },
  {
    id: "colleagueOrigin",
    requires: "colleague1",
    answer: "colleagueCity",
    statements: ["{colleague1} grew up in {colleagueCity}, which explains the strong opinions about coffee."],
    questions: ["Where is the new designer on my team originally from?"],
  },
  {
    id: "friendWedding",
    requires: "friend",
    answer: "weddingCity",
    statements: ["{friend} is getting married in {weddingCity} next spring and I'm giving a speech!"],
    questions: ["Where is my best friend's wedding?", "In which city is my oldest friend getting married?"],
  },
  {
    id: "brotherWork",
    requires: "brother",
    answer: "brotherRestaurant",
    statements: ["{brother} got a job as a line cook at {brotherRestaurant}, proud of him."],
    questions: ["Which restaurant does my brother work at now?", "Where did my brother get a cooking job?"],
  },
  {
    id: "partnerRole",
    requires: "partner",
    answer: "partnerRole",
    statements: ["{partner} just got promoted to {partnerRole}, we're celebrating tonight."],
    questions: ["What's my partner's new job title?", "What was my partner promoted to?"],
  },
];

// Closing lines an assistant may add after naming a recommendation.
export const RECOMMENDATION_FOLLOW_UPS = [
  "Let me know how it goes.",
  "Happy to suggest alternatives if that doesn't fit.",
  "Tell me what you think afterwards.",
  "If it's not quite right, I can narrow it down further.",
];

// Lead-ins before a tech question, and closers after its answer.
export const TECH_LEADS = [
  "Quick tech question.",
  "Random question for you.",
  "Something I've been meaning to ask.",
  "Okay, nerd question.",
  "Help me understand something.",
  "This has been bugging me all week.",
  "A colleague asked me this and I had no idea.",
];

export const TECH_CLOSERS = [
  "Hope that helps.",
  "Want me to go into more detail?",
  "Shout if that doesn't work for you.",
  "Happy to walk through it step by step.",
  "If you tell me more about your setup I can be more specific.",
];

// Open follow-up questions the assistant may end a reply with.
export const FOLLOW_UPS = [
  "How are you feeling about it overall?",
  "What would make the rest of the week easier?",
  "Anything you want to plan around that?",
  "Do you want to talk it through a bit more?",
  "What's the next step, do you think?",
  "How did it go in the end?",
  "Is that something you'd like to do more often?",
  "What's been the best part of your week so far?",
  "Would a short list help you keep track of it?",
  "Want me to remind you of this later?",
  "Is anyone helping you with it?",
  "What do you think you'll do?",
];
