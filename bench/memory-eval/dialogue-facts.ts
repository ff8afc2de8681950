// What the speakers of the dialogue set say once, in passing, and what is asked about it later
// (generate-dialogues.ts). {name} is the fact's owner, {other} the other speaker, {her}/{she} the owner's
// pronouns, {when} a relative time ("yesterday") whose date is the answer of a when-question; any other
// placeholder is a value drawn once per conversation (see KEY_POOLS). Questions come reusing the words the
// fact was said with, or worded apart, as people ask months later.

export type DialogueKind = "single-hop" | "temporal" | "multi-hop";

/** Something one speaker (the owner) says once, inside a longer message. */
export interface FactTemplate {
  id: string;
  /** Facts of one topic are not both given to one speaker: "her dog" must name one dog. */
  topic: string;
  /** The placeholder whose value answers the what-questions. */
  answer: string;
  statements: string[];
  /** The other speaker asks about it and the owner's reply holds the answer, without the words asked with. */
  exchange?: { asks: string[]; replies: string[] };
  reuse: string[];
  reworded: string[];
  /** For events: questions answered by the date of the session it was said in, shifted by {when}. */
  when?: string[];
}

/** Facts said in different sessions, in order, that a question needs together. */
export interface MultiHopTemplate {
  id: string;
  /** The fact topics it rules out for its owner, as a FactTemplate's topic does. */
  topics: string[];
  /** `evidence: false` marks a part said first that the question must not be confused by. */
  parts: { by: "owner" | "other"; statements: string[]; evidence: boolean }[];
  answer: string;
  /** Placeholders each of which the evidence must name (none for a count). */
  answerKeys: string[];
  reuse: string[];
  reworded: string[];
}

export const FACTS: FactTemplate[] = [
  {
    id: "dog",
    topic: "pet",
    answer: "dog",
    statements: [
      "Sorry if I'm slow to reply, it has been chaos since we brought a rescue puppy home {when}. We called him {dog} and he has already chewed through one of my slippers.",
      "Between work and the new puppy I'm running on fumes. We picked him up from the shelter {when}, a scruffy little terrier mix, and {dog} snores louder than my husband.",
    ],
    exchange: {
      asks: ["Wait, did you actually adopt that puppy from the shelter in the end? What did you name him?"],
      replies: ["We did, {when}! {dog}, after much debate. He's asleep on my feet as I type and the kids are besotted."],
    },
    reuse: ["What did {name} name the puppy {she} adopted?", "What is the name of the rescue puppy {name} brought home?"],
    reworded: ["What is {name}'s dog called?", "What name did {name} give {her} new four-legged friend?"],
    when: ["When did {name} adopt {her} puppy?", "When did {name} bring {her} rescue dog home?"],
  },
  {
    id: "cat",
    topic: "pet",
    answer: "cat",
    statements: [
      "The flat feels less empty now, we took in a kitten from a friend's litter {when}. {cat} spends most of the day attacking my shoelaces.",
      "Don't laugh, but I caved and got a kitten {when}. Tabby, tiny, furious, and her name is {cat}.",
    ],
    reuse: ["What is the name of {name}'s kitten?", "What did {name} call the kitten {she} got?"],
    reworded: ["What's the name of {name}'s cat?", "What is {name}'s feline companion called?"],
    when: ["When did {name} get {her} kitten?"],
  },
  {
    id: "trip",
    topic: "trip",
    answer: "city",
    statements: [
      "I'm still recovering from the long weekend away, we flew back from {city} {when} and I think I walked twenty thousand steps a day.",
      "My feet are destroyed. We did {city} as a little getaway and got home {when}, and honestly the food alone was worth the flight.",
    ],
    exchange: {
      asks: ["So where did you end up going for your getaway? You were so secretive about it!"],
      replies: ["{city}! We got back {when}. The old town, the markets, the late dinners, I didn't want to leave."],
    },
    reuse: ["Where did {name} go for {her} long weekend getaway?", "Which city did {name} fly back from after the getaway?"],
    reworded: ["Which place did {name} visit on holiday?", "Where did {name} travel for a short break?"],
    when: ["When did {name} come back from {city}?", "When did {name} return from {her} getaway?"],
  },
  {
    id: "race",
    topic: "race",
    answer: "race",
    statements: [
      "My legs are still jelly, I ran the {race} {when}. It poured the whole race but I didn't stop once, which is a first.",
      "Small victory: I finished the {race} {when}! Not a fast race, but the crowd at the end made me tear up.",
    ],
    exchange: {
      asks: ["Did you do that run you were training for? Which one was it again?"],
      replies: ["I did, {when}! The {race}. Slowest person in my age group, and proud of it."],
    },
    reuse: ["Which race did {name} run?", "What run did {name} finish in the pouring rain?"],
    reworded: ["What running event did {name} take part in?", "Which event did {name} train for and complete?"],
    when: ["When did {name} run the {race}?", "When did {name} finish {her} race?"],
  },
  {
    id: "concert",
    topic: "concert",
    answer: "band",
    statements: [
      "I'm half deaf today, we saw {band} live {when} and stood right by the speakers. Best gig in years, they played everything I wanted.",
      "My voice is gone because I sang along at the gig all night. {band}, {when}, front row thanks to my sister's friend.",
    ],
    exchange: {
      asks: ["You went to a gig, didn't you? Who did you see?"],
      replies: ["{band}, {when}! They closed with my favourite song and I cried like a baby."],
    },
    reuse: ["Which band did {name} see live?", "Who did {name} see at the gig?"],
    reworded: ["Which musicians did {name} watch perform?", "Whose concert did {name} attend?"],
    when: ["When did {name} see {band} in concert?", "When did {name} go to a concert?"],
  },
  {
    id: "course",
    topic: "course",
    answer: "course",
    statements: [
      "I did something brave and signed up for an evening course in {course} at the community college {when}. Tuesdays and Thursdays, wish me luck.",
      "New chapter: I enrolled in a {course} class {when}. Homework at my age, who knew.",
    ],
    exchange: {
      asks: ["Did you sign up for that evening class in the end? What's it in?"],
      replies: ["Yes! {course}, I signed up {when}. Twice a week, and the teacher is lovely."],
    },
    reuse: ["What evening course did {name} sign up for?", "What class did {name} enroll in at the community college?"],
    reworded: ["What is {name} studying at night?", "What subject is {name} learning these days?"],
    when: ["When did {name} sign up for the {course} course?", "When did {name} start {her} evening class?"],
  },
  {
    id: "volunteer",
    topic: "volunteer",
    answer: "charity",
    statements: [
      "I spent the whole day volunteering at {charity} {when}. Exhausting, but the people there are incredible.",
      "My back aches from lifting boxes, I gave {charity} a hand {when} and they had a huge delivery.",
    ],
    reuse: ["Where did {name} volunteer?", "Which organisation did {name} spend the day volunteering at?"],
    reworded: ["Which charity did {name} help out?", "Where does {name} give {her} time for free?"],
    when: ["When did {name} volunteer at {charity}?"],
  },
  {
    id: "car",
    topic: "car",
    answer: "car",
    statements: [
      "We finally gave up on the old banger and bought a {car} {when}. It has heated seats and I feel like royalty.",
      "Big purchase alert: a {car}, second-hand but spotless, we picked it up {when}.",
    ],
    exchange: {
      asks: ["Did you end up replacing the old car? What did you get?"],
      replies: ["We did, {when}! A {car}. The kids fight over who gets to sit in the front."],
    },
    reuse: ["What car did {name} buy?", "What did {name} replace {her} old car with?"],
    reworded: ["What vehicle does {name} drive now?", "What did {name} get as {her} new set of wheels?"],
    when: ["When did {name} buy {her} {car}?"],
  },
  {
    id: "exhibition",
    topic: "art",
    answer: "gallery",
    statements: [
      "I'm still buzzing, one of my paintings went up in a group show at {gallery} {when}. Strangers looking at my work, terrifying.",
      "Guess whose painting was on a wall {when}? Mine, in a show at {gallery}! Only one piece, but still.",
    ],
    reuse: ["Where was {name}'s painting shown?", "Where did {name}'s painting go up in a show?"],
    reworded: ["Where did {name} exhibit {her} art?", "Where could people see {name}'s artwork on display?"],
    when: ["When was {name}'s painting exhibited?"],
  },
  {
    id: "injury",
    topic: "injury",
    answer: "injury",
    statements: [
      "I'm typing one-handed from the sofa, I ended up with a {injury} {when} after slipping on the stairs at the sports hall.",
      "Doctor's orders are six weeks of rest. A {injury}, {when}, all because I tried to show off.",
    ],
    exchange: {
      asks: ["I heard you were in A&E! What happened?"],
      replies: ["A {injury}, {when}. Slipped on wet stairs, nothing dramatic, just very sore."],
    },
    reuse: ["What injury did {name} get after slipping?", "What did the doctor tell {name} {she} had?"],
    reworded: ["How did {name} get hurt?", "What was wrong with {name} when {she} was laid up?"],
    when: ["When did {name} get injured?"],
  },
  {
    id: "promotion",
    topic: "job",
    answer: "title",
    statements: [
      "Okay, I have to tell someone: my boss called me in {when} and I'm now {title}. More money, more meetings.",
      "Work news, {when} they made it official, you're talking to the new {title}. Still can't believe it.",
    ],
    exchange: {
      asks: ["You had that big meeting with your boss, right? How did it go?"],
      replies: ["It went great, {when} they made me {title}! I walked out grinning like an idiot."],
    },
    reuse: ["What was {name} promoted to?", "What did {name}'s boss make {her} in the meeting?"],
    reworded: ["What is {name}'s new role at work?", "What position does {name} hold now?"],
    when: ["When did {name} get promoted?"],
  },
  {
    id: "move",
    topic: "home",
    answer: "street",
    statements: [
      "Surrounded by boxes as I write this. We moved into the new house on {street} {when}, and I still can't find the kettle.",
      "We got the keys {when}! It's on {street}, two bedrooms, a tiny garden and a very nosy neighbour.",
    ],
    reuse: ["What street is {name}'s new house on?", "Where is the house {name} moved into?"],
    reworded: ["What's {name}'s new address?", "Where does {name} live now?"],
    when: ["When did {name} move into {her} new house?"],
  },
  {
    id: "birthday-dinner",
    topic: "cooking",
    answer: "dish",
    statements: [
      "It was my partner's birthday {when} so I cooked {dish} from scratch. Took four hours and the kitchen is still recovering.",
      "I attempted {dish} for the first time {when}, for my other half's birthday, and it actually worked!",
    ],
    exchange: {
      asks: ["What did you end up making for the birthday dinner?"],
      replies: ["{dish}! I made it {when}, four hours of chopping, but there were no leftovers."],
    },
    reuse: ["What did {name} cook for {her} partner's birthday?", "What did {name} make from scratch for the birthday?"],
    reworded: ["Which dish did {name} prepare for {her} partner's celebration?", "What meal did {name} serve at the birthday dinner?"],
    when: ["When did {name} cook {dish}?"],
  },
  {
    id: "camping",
    topic: "camping",
    answer: "campsite",
    statements: [
      "We went camping at {campsite} {when}, the kids roasted marshmallows and saw about a million stars.",
      "I smell like woodsmoke still. Two nights at {campsite} {when}, no phone signal, pure bliss.",
    ],
    exchange: {
      asks: ["Where did you go camping with the kids? You said it was somewhere new."],
      replies: ["{campsite}, {when}. No signal, freezing nights, and the kids loved every minute."],
    },
    reuse: ["Where did {name} go camping?", "Where did {name} roast marshmallows with the kids?"],
    reworded: ["Where did {name} pitch a tent with {her} family?", "Where did {name} spend nights outdoors with the kids?"],
    when: ["When did {name} go camping at {campsite}?"],
  },
  {
    id: "wedding",
    topic: "wedding",
    answer: "city",
    statements: [
      "I'm exhausted from dancing, my cousin {cousin} got married in {city} {when}. Beautiful ceremony, terrible DJ.",
      "We flew out for {cousin}'s wedding {when}, in {city}, and I cried through the vows.",
    ],
    reuse: ["Where did {name}'s cousin get married?", "In which city was {cousin}'s wedding?"],
    reworded: ["Where was the wedding {name} attended?", "Which city did {name} travel to for a family celebration?"],
    when: ["When was {name}'s cousin's wedding?"],
  },
  {
    id: "book-club",
    topic: "book",
    answer: "book",
    statements: [
      "My book club picked {book} {when} and I'm already behind, but what I've read is gorgeous.",
      "I'm reading {book} for book club, we chose it {when}, and I keep underlining half of every page.",
    ],
    reuse: ["Which book did {name}'s book club pick?", "What is {name} reading for book club?"],
    reworded: ["Which novel is {name}'s reading group discussing?", "What title is {name} working through with {her} group?"],
    when: ["When did {name}'s book club choose its book?"],
  },
  {
    id: "mom-visit",
    topic: "mom",
    answer: "city",
    statements: [
      "My mom flew in from {city} {when}, so the house is full of her cooking and her opinions.",
      "Mom arrived {when}, all the way from {city}, with a suitcase that was mostly presents.",
    ],
    exchange: {
      asks: ["Is your mom still staying with you? Where is she flying back to?"],
      replies: ["Yep, she came {when}. Back to {city} on Sunday, she can't stand being away from her garden."],
    },
    reuse: ["Where did {name}'s mom fly in from?", "Which city does {name}'s mom live in?"],
    reworded: ["Where does {name}'s mother live?", "Where is {name}'s parent based?"],
    when: ["When did {name}'s mom come to visit?"],
  },
  {
    id: "brother-job",
    topic: "brother",
    answer: "job",
    statements: [
      "{brother}, my little brother, keeps sending me stories from his shifts. Being a {job} sounds brutal but he loves it.",
      "My brother {brother} finally finished training as a {job} and he is unbearable about it, in a sweet way.",
    ],
    exchange: {
      asks: ["How's your brother getting on? Still in that training program?"],
      replies: ["He finished! {brother} is a fully qualified {job} now, long hours but he's thriving."],
    },
    reuse: ["What does {name}'s brother do for a living?", "What did {name}'s brother {brother} train as?"],
    reworded: ["What is {name}'s sibling's profession?", "What's {brother}'s line of work?"],
  },
  {
    id: "sister-city",
    topic: "sister",
    answer: "city",
    statements: [
      "My sister {sister} is still out in {city}, she keeps sending photos to tempt me into visiting.",
      "I was on the phone with {sister} for two hours, she says {city} has changed so much since she moved there.",
    ],
    reuse: ["Where does {name}'s sister live?", "Which city did {name}'s sister move to?"],
    reworded: ["Where is {sister} based?", "Where would {name} go to visit {her} sibling?"],
  },
  {
    id: "instrument",
    topic: "instrument",
    answer: "instrument",
    statements: [
      "The neighbours must hate me, I've been practising the {instrument} every night after dinner. Three chords and a lot of ambition.",
      "I dug my old {instrument} out of the attic and I'm taking lessons again, twenty years later.",
    ],
    exchange: {
      asks: ["You mentioned lessons last time, what are you learning to play?"],
      replies: ["The {instrument}! Every night after dinner, the neighbours have been very patient."],
    },
    reuse: ["Which instrument is {name} practising every night?", "What is {name} taking lessons in?"],
    reworded: ["What does {name} play?", "What musical instrument is {name} learning?"],
  },
  {
    id: "grandma-dish",
    topic: "grandma",
    answer: "dish",
    statements: [
      "Rainy days always make me want my grandma's {dish}, she made it every Sunday when I was small.",
      "I found my grandmother's handwritten recipe for {dish} in a drawer and had a little cry.",
    ],
    reuse: ["Which dish of {her} grandma's does {name} crave?", "What recipe of {her} grandmother's did {name} find?"],
    reworded: ["What food reminds {name} of childhood?", "Which meal connects {name} to {her} late relative?"],
  },
  {
    id: "workplace",
    topic: "workplace",
    answer: "workplace",
    statements: [
      "The coffee machine at {workplace} broke again, which is basically a crisis when you work there.",
      "Eight years at {workplace} this month and they gave me a cake with my name spelled wrong.",
    ],
    reuse: ["Where does {name} work?", "Which place has {name} worked at for eight years?"],
    reworded: ["Who is {name}'s employer?", "Where is {name}'s job?"],
  },
  {
    id: "show",
    topic: "show",
    answer: "show",
    statements: [
      "I have zero self-control, I watched the whole first season of {show} in two nights.",
      "Everyone told me to watch {show} and they were right, I'm obsessed.",
    ],
    exchange: {
      asks: ["What are you watching at the moment? I need something new."],
      replies: ["{show}, hands down. I watched a whole season in two nights."],
    },
    reuse: ["What show did {name} binge-watch?", "Which season did {name} watch in two nights?"],
    reworded: ["Which TV series is {name} hooked on?", "What programme can't {name} stop watching?"],
  },
  {
    id: "allergy",
    topic: "allergy",
    answer: "allergen",
    statements: [
      "I had to skip half the buffet at the party, with my allergy to {allergen} it's just not worth the risk.",
      "I always carry my EpiPen because of my allergy to {allergen}, ever since that scare in college.",
    ],
    reuse: ["What is {name} allergic to?", "What allergy does {name} have?"],
    reworded: ["What must {name} avoid for health reasons?", "What gives {name} a bad reaction?"],
  },
  {
    id: "tattoo",
    topic: "tattoo",
    answer: "tattoo",
    statements: [
      "I finally got the tattoo I've been dreaming about, a little {tattoo} on my wrist, it stung less than I feared.",
      "My first tattoo, a {tattoo} on my shoulder, was for my dad, so it means a lot.",
    ],
    reuse: ["What is {name}'s tattoo of?", "What design did {name} get tattooed?"],
    reworded: ["What image does {name} have inked on {her} skin?", "What symbol did {name} choose for {her} body art?"],
  },
  {
    id: "garden",
    topic: "garden",
    answer: "vegetable",
    statements: [
      "The one thing going right in my life is the allotment, the {vegetable} came up beautifully this year.",
      "I'm very proud of my balcony pots, I've grown {vegetable} and I talk to them every morning.",
    ],
    reuse: ["What did {name} grow in {her} allotment or pots?", "Which crop came up beautifully for {name}?"],
    reworded: ["What vegetables does {name} grow?", "What has {name} been harvesting?"],
  },
  {
    id: "dream-job",
    topic: "childhood",
    answer: "job",
    statements: [
      "When I was seven I was dead set on becoming a {job}, I even had a costume.",
      "Funny, as a kid all I wanted was to be a {job}, and now I sit at a desk all day.",
    ],
    reuse: ["What did {name} want to become as a kid?", "What was {name} dead set on becoming at seven?"],
    reworded: ["What was {name}'s childhood ambition?", "What career did {name} dream of when young?"],
  },
  {
    id: "partner",
    topic: "partner",
    answer: "partner",
    statements: [
      "{partner}, my other half, and I had our first proper date night in months, we've been together eleven years and still laugh at the same stupid things.",
      "My other half, {partner}, surprised me with breakfast in bed, which never happens.",
    ],
    reuse: ["Who is {name}'s other half?", "Who has {name} been together with for eleven years?"],
    reworded: ["What is the name of {name}'s partner?", "Who is {name} married to?"],
  },
];

export const MULTI_HOPS: MultiHopTemplate[] = [
  {
    id: "shared-hobby-brother",
    topics: ["shared-hobby"],
    parts: [
      {
        by: "owner",
        statements: [
          "My brother {brother} has gone completely mad for {hobby}, he sends me videos every single day.",
          "{brother} can't stop talking about {hobby}, it's all he does on weekends now.",
        ],
        evidence: true,
      },
      {
        by: "owner",
        statements: [
          "Don't laugh, but I finally gave {hobby} a try at a beginners' session and I'm hooked.",
          "I went to my first {hobby} lesson on Saturday and now I understand the obsession.",
        ],
        evidence: true,
      },
    ],
    answer: "{hobby}",
    answerKeys: ["hobby"],
    reuse: ["What hobby does {name} share with {her} brother?"],
    reworded: ["What do {name} and {her} sibling both enjoy doing?", "Which pastime did {name} pick up that {brother} already loved?"],
  },
  {
    id: "shared-hobby-other",
    topics: ["shared-hobby"],
    parts: [
      {
        by: "owner",
        statements: ["I've been doing {hobby} on Sunday mornings, it's the only time my head goes quiet."],
        evidence: true,
      },
      {
        by: "other",
        statements: [
          "You'll never guess what I tried, {name}. {hobby}! You made it sound so good that I had to.",
          "Remember you told me about your Sunday thing? I signed up for {hobby} too, my first session was a mess.",
        ],
        evidence: true,
      },
    ],
    answer: "{hobby}",
    answerKeys: ["hobby"],
    reuse: ["What Sunday activity did {other} take up after {name}?"],
    reworded: ["What activity do {name} and {other} have in common?", "What interest do both {name} and {other} share?"],
  },
  {
    id: "cities-after-move",
    topics: ["trip", "home"],
    parts: [
      {
        by: "owner",
        statements: ["We squeezed in a few days in {city1} before the big move, the last trip for a while."],
        evidence: false,
      },
      {
        by: "owner",
        statements: [
          "The movers came on Monday, so it's official: we live in {city2} now. New job, new life.",
          "We did it, we relocated to {city2}! Everything I own is in a box.",
        ],
        evidence: true,
      },
      {
        by: "owner",
        statements: ["Quick work trip to {city3} this week, I saw the inside of a hotel and not much else."],
        evidence: true,
      },
      {
        by: "owner",
        statements: ["We took the kids to {city4} for the school break, the museums were packed but worth it."],
        evidence: true,
      },
    ],
    answer: "{city3} and {city4}",
    answerKeys: ["city3", "city4"],
    reuse: ["Which cities did {name} travel to after moving to {city2}?"],
    reworded: ["Since relocating, where has {name} been on trips?", "What places has {name} visited after the move?"],
  },
  {
    id: "pets",
    topics: ["pet"],
    parts: [
      {
        by: "owner",
        statements: ["Meet the newest family member: a beagle called {dog}, adopted from a farm down the road."],
        evidence: true,
      },
      {
        by: "owner",
        statements: ["The beagle has a little sister now, a grey kitten named {cat}. They are already best friends."],
        evidence: true,
      },
    ],
    answer: "{dog} and {cat}",
    answerKeys: ["dog", "cat"],
    reuse: ["What are the names of {name}'s beagle and kitten?"],
    reworded: ["What are {name}'s pets called?", "What animals live with {name}, and what are their names?"],
  },
  {
    id: "race-count",
    topics: ["race"],
    parts: [
      {
        by: "owner",
        statements: ["I ran my first ever 5K race on Saturday, the park one with the hill at the end."],
        evidence: true,
      },
      {
        by: "owner",
        statements: ["Second race done! A charity 10K along the canal, I shaved two minutes off my pace."],
        evidence: true,
      },
      {
        by: "owner",
        statements: ["Race number three this weekend, a muddy cross-country thing, I've never been so filthy."],
        evidence: true,
      },
    ],
    answer: "three",
    answerKeys: [],
    reuse: ["How many races has {name} run?"],
    reworded: ["How many times has {name} competed in a running event?", "How many times has {name} pinned on a race number?"],
  },
  {
    id: "friend-moves",
    topics: ["course"],
    parts: [
      {
        by: "owner",
        statements: [
          "I met someone lovely at my {course} class, {friend}, we went for a drink after and talked for hours.",
          "There's a woman in my {course} class, {friend}, who is hilarious, we've started sitting together.",
        ],
        evidence: true,
      },
      {
        by: "owner",
        statements: [
          "Sad news, {friend} is moving to {city} for her husband's job, I'll miss our Tuesday drinks.",
          "{friend} told me she's leaving for {city} in the spring, just when we'd become close.",
        ],
        evidence: true,
      },
    ],
    answer: "{city}",
    answerKeys: ["city"],
    reuse: ["Where is the friend {name} met in {her} {course} class moving to?"],
    reworded: ["Which city is {name}'s classmate relocating to?", "Where is {name}'s new friend from the course going to live?"],
  },
  {
    id: "gift",
    topics: ["gift"],
    parts: [
      {
        by: "owner",
        statements: [
          "{sister}'s birthday is coming up and I'm stuck, all she talks about lately is {hobby}.",
          "I need gift ideas for {sister}, she's deep into {hobby} these days.",
        ],
        evidence: true,
      },
      {
        by: "owner",
        statements: ["Present sorted: I got her a {gift}. She opened it on the video call and screamed."],
        evidence: true,
      },
    ],
    answer: "{gift}",
    answerKeys: ["gift"],
    reuse: ["What did {name} get {sister} for her birthday?"],
    reworded: ["What present did {name} give {her} sister?", "What did {name} buy for the sibling who loves {hobby}?"],
  },
  {
    id: "book-recommended",
    topics: ["book"],
    parts: [
      {
        by: "other",
        statements: ["You have to read {book}, {name}, it got me through a rough month, I think you'd love it."],
        evidence: true,
      },
      {
        by: "owner",
        statements: [
          "I finally finished that book you told me about! I stayed up until two for the last chapters.",
          "Thank you for that recommendation, I read it on the beach and cried twice.",
        ],
        evidence: true,
      },
    ],
    answer: "{book}",
    answerKeys: ["book"],
    reuse: ["Which book that {other} told {name} about did {name} finish?"],
    reworded: ["What did {name} read on {other}'s advice?", "Which title did {other} recommend that {name} ended up loving?"],
  },
  {
    id: "career-change",
    topics: ["job"],
    parts: [
      {
        by: "owner",
        statements: ["Twelve years as a {job1} and I still get nervous before a big day, is that normal?"],
        evidence: true,
      },
      {
        by: "owner",
        statements: [
          "I handed in my notice! I'm retraining as a {job2}, scary but it feels right.",
          "Big change: I left my old career and I start as a trainee {job2} next month.",
        ],
        evidence: true,
      },
    ],
    answer: "{job1}",
    answerKeys: ["job1"],
    reuse: ["What did {name} do before retraining as a {job2}?"],
    reworded: ["What was {name}'s profession before the career change?", "What work did {name} leave behind?"],
  },
  {
    id: "kids-activities",
    topics: ["instrument"],
    parts: [
      {
        by: "owner",
        statements: ["{son} has started {instrument} lessons and practises in the bathroom because of the echo."],
        evidence: true,
      },
      {
        by: "owner",
        statements: ["{daughter} made the school {sport} team! She's training three evenings a week now."],
        evidence: true,
      },
    ],
    answer: "{instrument} and {sport}",
    answerKeys: ["instrument", "sport"],
    reuse: ["Which lessons and team did {name}'s kids start?"],
    reworded: ["What activities are {name}'s children into?", "What do {son} and {daughter} do after school?"],
  },
  {
    id: "city-twice",
    topics: ["trip"],
    parts: [
      {
        by: "owner",
        statements: ["We had a dreamy few days in {city}, I ate my body weight in pastries."],
        evidence: true,
      },
      {
        by: "owner",
        statements: ["Guess where we went back to? {city}! Same café, same pastries, no regrets."],
        evidence: true,
      },
    ],
    answer: "{city}",
    answerKeys: ["city"],
    reuse: ["Which city did {name} go back to for the same pastries?"],
    reworded: ["Which place has {name} visited twice?", "Where did {name} return to for a second holiday?"],
  },
  {
    id: "after-course",
    topics: ["course", "volunteer"],
    parts: [
      {
        by: "owner",
        statements: ["Last class of my {course} course tonight, I can't believe I stuck with it all term."],
        evidence: true,
      },
      {
        by: "owner",
        statements: [
          "Since the course ended I've been volunteering at {charity} on Saturdays, it fills the gap nicely.",
          "Now that my evenings are free I help out at {charity}, mostly sorting donations.",
        ],
        evidence: true,
      },
    ],
    answer: "{charity}",
    answerKeys: ["charity"],
    reuse: ["Where did {name} start volunteering after the {course} course ended?"],
    reworded: [
      "What did {name} do with {her} free time once {her} studies finished?",
      "Where does {name} help out since finishing classes?",
    ],
  },
];
